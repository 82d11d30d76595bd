package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * PgBouncer's server connections in transaction mode close as its configuration says, counted by
 * hand: server_lifetime closes one connected that long when it is next unused, server_idle_timeout
 * one idle that long (the least recently used first, as PgBouncer reuses the last returned), and the
 * next query short of one opens another. No network and no CPU but the queries'.
 */
final class PgBouncerLifecycleTest {

    private static String scenario(String run, String browser, String pooler, String query) {
        return """
                name: pgbouncer-life
                run: {%s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 64, memory: 64GiB}
                  dbhost: {cores: 64, memory: 16GiB}
                services:
                  browser: {type: browser, %s, rtt: 0s, target: app, timeout: 300s}
                  app: {type: app_server, host: web, db_connect_cpu: 0s, db_setup_cpu: 0s, workers: 16}
                  pool: {type: pgbouncer, host: dbhost, database: db, cpu: 0s, login_cpu: 0s, auth: trust,
                         pool_mode: transaction, default_pool_size: 4, %s}
                  db: {type: database, host: dbhost, connect_cpu: 0s, cold_cache_cpu: 0s, max_connections: 50}
                requests:
                  page:
                    view:
                      cpu: 0s
                      calls:
                        - {service: pool, cpu: %s}
                """.formatted(run, browser, pooler, query);
    }

    private static long counter(ReplicationResult r, String what) {
        return r.counters().stream().filter(c -> c.service().equals("pool") && c.what().equals(what))
                .mapToLong(c -> c.count()).sum();
    }

    private static ReplicationResult run(String run, String browser, String pooler, String query)
            throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("pgb.yaml", scenario(run, browser, pooler, query),
                Path.of(".")), 0);
    }

    // One user, think 1 s, queries of no cost: a query at 1, 2, 3 … s. server_lifetime 10 s: the
    // connection opened at 1 s is 10 s old when returned at 11 s and closes; the query at 12 s opens
    // the next, which closes at 22 s, and so on: closed at 11, 22, 33, 44 and 55 s, opened at 1, 12,
    // 23, 34, 45 and 56 s in a 59.5 s run. server_lifetime 0 closes each after its one use: 59 of each.
    @Test
    void serverLifetime_closesWhenNextUnused_andTheNextQueryOpensAnother() throws ScenarioException {
        ReplicationResult r = run("duration: 59500ms, warmup: 0s", "users: 1, think: 1s", "server_lifetime: 10s", "0s");
        assertEquals(5, counter(r, "server_closes"));
        assertEquals(6, counter(r, "server_connects"));
        ReplicationResult once = run("duration: 59500ms, warmup: 0s", "users: 1, think: 1s", "server_lifetime: 0s",
                "0s");
        assertEquals(59, counter(once, "server_closes"));
        assertEquals(59, counter(once, "server_connects"));
        assertEquals(59, once.all().completed());
    }

    // server_idle_timeout 10 s. One user thinking 1 s reuses its connection every second: never idle
    // 10 s, one opened, none closed. Thinking 11 s, each query (at 11, 22, 33, 44, 55 s) finds the
    // previous connection closed 10 s after its use (at 21, 32, 43, 54 s) and opens one: 5 opened,
    // 4 closed in 59.5 s.
    @Test
    void serverIdleTimeout_closesAConnectionIdleThatLong() throws ScenarioException {
        ReplicationResult busy = run("duration: 59500ms, warmup: 0s", "users: 1, think: 1s", "server_idle_timeout: 10s",
                "0s");
        assertEquals(1, counter(busy, "server_connects"));
        assertEquals(0, counter(busy, "server_closes"));
        ReplicationResult sparse = run("duration: 59500ms, warmup: 0s", "users: 1, think: 11s",
                "server_idle_timeout: 10s", "0s");
        assertEquals(5, counter(sparse, "server_connects"));
        assertEquals(4, counter(sparse, "server_closes"));
    }

    // 250 queries/s of 15 ms for 5 s (3.75 server connections busy on average) open all 4; then no
    // load, and with server_idle_timeout 10 s all 4 have closed by 15 s + a few ms. Measured from
    // 20 s to 60 s the database's table holds none; over the whole run 4 opened and 4 closed.
    @Test
    void serverIdleTimeout_emptiesThePoolAfterABurst() throws ScenarioException {
        String load = "profile: [{at: 0s, rate: 250/s}, {at: 5s, rate: 250/s}, {at: 5s, rate: 0/s}, {at: 60s, rate: 0/s}]";
        ReplicationResult all = run("duration: 60s, warmup: 0s", load, "server_idle_timeout: 10s", "15ms");
        assertEquals(4, counter(all, "server_connects"));
        assertEquals(4, counter(all, "server_closes"));
        ReplicationResult after = run("duration: 60s, warmup: 20s", load, "server_idle_timeout: 10s", "15ms");
        double held = after.resources().stream().filter(x -> x.service().equals("db")
                && x.resource().startsWith("connections")).findFirst().orElseThrow().meanInUse();
        assertEquals(0, held, 1e-12);
    }
}
