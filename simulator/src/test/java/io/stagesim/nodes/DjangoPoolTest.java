package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Django 5.1+'s psycopg connection pool ({@code OPTIONS: {"pool": …}}): one pool per worker
 * process, shared by its threads; a request takes a connection for its life and waits when all are
 * out, failing after the pool's timeout; the pool opens connections when needed and keeps them.
 * No network and no CPU of connecting, so every time is the queries' own.
 */
final class DjangoPoolTest {

    private static final long MS = 1_000_000L;

    private static String scenario(String run, String browser, String app, String query) {
        return """
                name: django-pool
                run: {%s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 64, memory: 64GiB}
                  dbhost: {cores: 64, memory: 16GiB}
                services:
                  browser: {type: browser, %s, rtt: 0s, target: app, timeout: 300s}
                  app: {type: app_server, host: web, db_connect_cpu: 0s, db_setup_cpu: 0s, %s}
                  db: {type: database, host: dbhost, connect_cpu: 0s, cold_cache_cpu: 0s, max_connections: 50}
                requests:
                  page:
                    view:
                      cpu: 0s
                      calls:
                        - {service: db, cpu: %s}
                """.formatted(run, browser, app, query);
    }

    private static ReplicationResult.ResourceRow table(ReplicationResult r) {
        return r.resources().stream().filter(x -> x.service().equals("db") && x.resource().startsWith("connections"))
                .findFirst().orElseThrow();
    }

    private static long connects(ReplicationResult r) {
        return r.counters().stream().filter(c -> c.what().startsWith("db_connects")).mapToLong(c -> c.count())
                .sum();
    }

    // A gthread process of 4 threads whose pool holds at most 2 connections; three users arrive
    // together at 1 s, each view one 10 ms query. The first two take a connection each (the pool
    // opens both) and end at 10 ms; the third waits for one of them, exactly until it returns at
    // 10 ms, and ends at 20 ms. Two connections opened in all, both still open at the end.
    @Test
    void thirdRequest_waitsExactlyUntilOneReturns() throws ScenarioException {
        ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("pool.yaml", scenario(
                "duration: 1500ms, warmup: 0s", "users: 3, think: 1s", "worker_class: gthread, workers: 1, threads: 4, "
                        + "db_pool: {min_size: 2, max_size: 2}", "10ms"), Path.of(".")), 0);
        assertEquals(3, r.all().completed());
        assertEquals(10 * MS, r.all().latency().min(), 0);
        assertEquals(20 * MS, r.all().latency().max(), 0);
        assertEquals(2, connects(r));
    }

    // Django refuses a pool with persistent connections, and psycopg_pool a max_size below min_size:
    // each a located problem.
    @Test
    void badPools_areLocatedProblems() {
        for (String[] c : new String[][] {{"conn_max_age: 60s, db_pool: {}", "conn_max_age"},
            {"db_pool: {min_size: 4, max_size: 2}", "max_size (2) must be at least min_size (4)"}}) {
            ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                    () -> ScenarioLoader.loadText("pool.yaml", scenario("duration: 1s, warmup: 0s", "rate: 1/s",
                            c[0], "1ms"), Path.of(".")));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("pool.yaml:9:")
                    && e.getMessage().contains(c[1]), e.getMessage());
        }
    }

    // The pool's timeout: max_size 1, 1 s queries, a timeout of 1.5 s. Of three requests at 1 s the
    // first holds the connection to 2 s; the second gets it then and ends at 3 s (2 s of latency);
    // the third has waited 1.5 s at 2.5 s and fails (db_pool_wait_timeout).
    @Test
    void aWaitLongerThanTheTimeout_fails() throws ScenarioException {
        ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("pool.yaml", scenario(
                "duration: 3500ms, warmup: 0s", "users: 3, think: 1s", "worker_class: gthread, workers: 1, threads: 4, "
                        + "db_pool: {min_size: 1, max_size: 1, timeout: 1500ms}", "1s"), Path.of(".")), 0);
        assertEquals(2, r.all().completed());
        assertEquals(1_000 * MS, r.all().latency().min(), 0);
        assertEquals(2_000 * MS, r.all().latency().max(), 0);
        assertEquals(1L, r.all().errors().get("db_pool_wait_timeout"));
    }

    // Conservation, under Poisson load heavy enough to fill the pools: 3 sync workers, each process
    // a pool of 1 (min_size 1, max_size its default, min_size), hold 3 connections; 2 gthread
    // processes of 4 threads with pools of 2 hold 4. They open in the warm-up and are kept: the
    // table holds exactly 3 (or 4) all the time measured, opens none, and no page view fails.
    @Test
    void connectionsOpenedOnce_andKept_perProcess() throws ScenarioException {
        for (String app : new String[] {"workers: 3, db_pool: {min_size: 1}", "worker_class: gthread, workers: 2, "
                + "threads: 4, db_pool: {min_size: 2}"}) {
            ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("pool.yaml", scenario(
                    "duration: 60s, warmup: 10s", "rate: 300/s", app, "exponential(5ms)"), Path.of(".")), 0);
            int expected = app.startsWith("workers: 3") ? 3 : 4;
            assertEquals(0, r.all().failed(), app);
            assertEquals(expected, table(r).meanInUse(), 1e-9, app);
            assertEquals(0, table(r).requests(), app);
        }
    }
}
