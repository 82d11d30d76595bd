package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.analytic.ErlangC;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.stats.ConfidenceInterval;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * PgBouncer in front of PostgreSQL: in transaction mode its pool of server connections is a
 * multi-server queue for the queries (Erlang C), in session mode a client connection holds one for
 * its whole life; its server connections open once and stay, each one of max_connections.
 */
final class PgBouncerTest {

    private static final double MU = 100;

    private static String scenario(String duration, int replications, String browser, String app, String pooler,
            String db) {
        return """
                name: pgbouncer
                run: {duration: %s, warmup: 10s, replications: %d, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 64, memory: 64GiB}
                  dbhost: {cores: 64, memory: 16GiB}
                services:
                  browser: {type: browser, %s, rtt: 0s, target: app}
                  app: {type: app_server, host: web, db_connect_cpu: 0s, db_setup_cpu: 0s, %s}
                  pool: {type: pgbouncer, host: dbhost, database: db, cpu: 0s, login_cpu: 0s, %s}
                  db: {type: database, host: dbhost, connect_cpu: 0s, cold_cache_cpu: 0s, %s}
                requests:
                  page:
                    view:
                      calls:
                        - {service: pool, cpu: exponential(10ms)}
                """.formatted(duration, replications, browser, app, pooler, db);
    }

    private static ReplicationResult.ResourceRow pool(ReplicationResult r, String service, String starts) {
        return r.resources().stream().filter(x -> x.service().equals(service) && x.resource().startsWith(starts))
                .findFirst().orElseThrow();
    }

    // Transaction mode, a pool of c = 8 server connections, queries arriving at 600/s (Poisson), each
    // holding its server connection for an exponential 10 ms of database CPU (a host with cores to
    // spare, no network): an M/M/8 queue for connections, ρ = 0.75. A query's mean wait for one is
    // Erlang C's W_q(8, 600, 100) = 1.785 ms (C = 0.357). PgBouncer opens its 8 server connections (in
    // the warm-up) and the database's table holds exactly 8 all the time measured.
    @Test
    void transactionMode_poolOfC_isAnMMcQueueForConnections() throws ScenarioException {
        Scenario s = ScenarioLoader.loadText("pgb.yaml", scenario("200s", 10, "rate: 600/s",
                "workers: 1000, memory_per_worker: 10MiB", "pool_mode: transaction, default_pool_size: 8, max_client_conn: 2000, "
                        + "query_wait_timeout: 0s, auth: trust", "max_connections: 20, reserved_connections: 0"),
                Path.of("."));
        double exact = ErlangC.meanWait(8, 600, MU) * 1e3;
        double[] waits = new double[s.run().replications()];
        for (int i = 0; i < waits.length; i++) {
            ReplicationResult r = Conservation.replication(s, i);
            ReplicationResult.ResourceRow servers = pool(r, "pool", "server");
            waits[i] = servers.waitTime().mean() / 1e6;
            assertEquals(0, r.all().failed(), "no query fails");
            assertEquals(8.0, pool(r, "db", "connections").meanInUse(), 1e-9);
        }
        ConfidenceInterval ci = ConfidenceInterval.of(waits, 0.999);
        System.out.println("mean wait for a server connection: exact " + exact + " ms, simulated " + ci);
        assertTrue(ci.contains(exact) && ci.halfWidth() <= 0.1 * exact, ci + " against " + exact);
    }

    // Server connections are opened as they are first needed and kept: in a run one user at a time,
    // PgBouncer opens one, once, and the database's table holds exactly it all the time.
    @Test
    void serverConnections_openOnceAndStay() throws ScenarioException {
        ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("pgb.yaml", scenario("60s", 1,
                "users: 1, think: 1s", "workers: 2", "pool_mode: transaction", "max_connections: 5"),
                Path.of(".")), 0);
        assertEquals(0, r.all().failed());
        ReplicationResult.ResourceRow table = pool(r, "db", "connections");
        assertEquals(0, table.requests(), "the one opening happened in the warm-up");
        assertEquals(1.0, table.meanInUse(), 1e-12, "one server connection, held all the time");
    }

    // Session mode: a client connection holds a server connection to its end. With CONN_MAX_AGE =
    // None, 6 workers each keep a client connection, and a pool of 4 serves only the first 4 to ask:
    // the other 2 wait for a server connection that never comes back, and give up after the query
    // wait timeout (PgBouncer's "query_wait_timeout"). Their pages fail; the 4 others' go through.
    @Test
    void sessionMode_persistentClients_holdTheirServerConnections() throws ScenarioException {
        ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("pgb.yaml", scenario("60s", 1,
                "users: 6, think: 100ms", "workers: 6, conn_max_age: unlimited",
                "pool_mode: session, default_pool_size: 4, query_wait_timeout: 5s", "max_connections: 10"),
                Path.of(".")), 0);
        ReplicationResult.ResourceRow servers = pool(r, "pool", "server");
        assertEquals(4.0, servers.meanInUse(), 1e-9, "the 4 server connections are held all the time");
        assertTrue(r.all().errors().getOrDefault("db_pool_wait_timeout", 0L) > 0, r.all().errors().toString());
    }
}
