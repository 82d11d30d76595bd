package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The round trips of connecting through PgBouncer, traced by hand with a network delay: app,
 * PgBouncer and database each on a host of its own, 1 ms between any two, one user thinking 1 s,
 * one 10 ms query a page view, every CPU cost of connecting 0.
 */
final class PgBouncerHandshakeTest {

    private static final long MS = 1_000_000L;

    // Django (conn_max_age 0) connects to PgBouncer for every view: TCP, the startup message and md5
    // (PgBouncer's default auth), 3 round trips; then the query to PgBouncer (1) and from PgBouncer to
    // the database (1), and 10 ms of its CPU: 15 ms. The first view also waits for PgBouncer to open
    // its server connection: TCP (1), then the startup message and SCRAM-SHA-256 (the database's
    // default auth: 1 + 2 more round trips): 4 ms more, 19 ms. Views at 1 and 2.019 s: 2 in 3 s.
    @Test
    void theServerConnectionsLogin_addsItsRoundTrips_toTheFirstQuery() throws ScenarioException {
        ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("pgb.yaml", """
                name: pgbouncer
                run: {duration: 3s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 1ms}
                hosts:
                  web: {cores: 4, memory: 4GiB}
                  poolhost: {cores: 4, memory: 4GiB}
                  dbhost: {cores: 4, memory: 16GiB}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: app, timeout: 300s}
                  app: {type: app_server, host: web, workers: 1, db_connect_cpu: 0s, db_setup_cpu: 0s}
                  pool: {type: pgbouncer, host: poolhost, database: db, cpu: 0s, login_cpu: 0s, pool_mode: transaction, default_pool_size: 1}
                  db: {type: database, host: dbhost, connect_cpu: 0s, cold_cache_cpu: 0s}
                requests:
                  page:
                    view:
                      calls:
                        - {service: pool, cpu: 10ms}
                """, Path.of(".")), 0);
        assertEquals(2, r.all().completed());
        assertEquals(19 * MS, r.all().latency().max(), 0);
        assertEquals(15 * MS, r.all().latency().min(), 0);
    }
}
