package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * psycopg_pool's life cycle of connections under Django 5.1+'s pool, counted by hand: min_size
 * opened when the pool opens (at its process's first query), one idle connection closed per
 * max_idle period down to min_size, and a connection returned past its lifetime (less psycopg's
 * 0–5 % jitter) replaced. No network; only the costs each test names.
 */
final class DjangoPoolLifecycleTest {

    private static final long MS = 1_000_000L;

    private static String scenario(String run, String browser, String pool, String db, String query) {
        int cores = query.equals("0s") ? 1 : 64;
        return """
                name: django-pool-life
                run: {%s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 64, memory: 64GiB}
                  dbhost: {cores: %d, memory: 16GiB}
                services:
                  browser: {type: browser, %s, rtt: 0s, target: app, timeout: 300s}
                  app: {type: app_server, host: web, db_connect_cpu: 0s, db_setup_cpu: 0s, worker_class: gthread,
                        workers: 1, threads: 4, db_pool: {%s}}
                  db: {type: database, host: dbhost, cold_cache_cpu: 0s, max_connections: 50, %s}
                requests:
                  page:
                    view:
                      cpu: 0s
                      calls:
                        - {service: db, cpu: %s}
                """.formatted(run, cores, browser, pool, db, query);
    }

    private static long counter(ReplicationResult r, String starts) {
        return r.counters().stream().filter(c -> c.what().startsWith(starts)).mapToLong(c -> c.count()).sum();
    }

    private static ReplicationResult.ResourceRow table(ReplicationResult r) {
        return r.resources().stream().filter(x -> x.service().equals("db") && x.resource().startsWith("connections"))
                .findFirst().orElseThrow();
    }

    private static ReplicationResult run(String run, String browser, String pool, String db, String query)
            throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("pool.yaml", scenario(run, browser, pool, db, query),
                Path.of(".")), 0);
    }

    // One user, a page view a second from 1 s, one query of no CPU (the database on one core): the pool opens at 1 s with
    // min_size 3, the first connection on the request's path, two in the background, and never needs
    // a fourth. Each opening costs the new backend 100 ms of CPU on the database's one core: 3 × 100
    // = 300 ms over the 10 s run, a utilisation of exactly 0.03, and the table holds 3 from 1 s.
    @Test
    void minSize_opensWhenThePoolOpens_andChargesTheDatabase() throws ScenarioException {
        ReplicationResult r = run("duration: 10s, warmup: 0s", "users: 1, think: 1s", "min_size: 3, max_size: 4",
                "connect_cpu: 100ms", "0s");
        assertEquals(3, counter(r, "db_connects"));
        assertEquals(0, counter(r, "db_pool_closes"));
        double busy = r.hosts().stream().filter(h -> h.name().equals("dbhost")).findFirst().orElseThrow()
                .cpuUtilization();
        assertEquals(0.03, busy, 1e-9);
        assertEquals(3 * 9.0 / 10, table(r).meanInUse(), 1e-3);
    }

    // 250 page views/s for the first 5 s, each holding a connection for 15 ms of database CPU (on 64
    // cores): 3.75 connections busy on average, so the 4 threads' pool (min_size 1, max_size 4)
    // grows to 4: 1 + 3 opened. Then no load. psycopg's shrink task runs every max_idle (10 s) from
    // the pool's opening t0 (the first arrival, a few ms in): at t0 + 10 s the period held the load
    // (the fewest idle was 0) and nothing closes; at t0 + 20, 30 and 40 s every connection stayed idle
    // the whole period, so one closes each time: 3 closed, down to min_size 1, which stays. Measured
    // from 50 s to 60 s the table holds exactly 1. With min_size 2, 2 close and 2 stay.
    @Test
    void maxIdle_closesOnePerPeriod_downToMinSize() throws ScenarioException {
        String load = "profile: [{at: 0s, rate: 250/s}, {at: 5s, rate: 250/s}, {at: 5s, rate: 0/s}, {at: 60s, rate: 0/s}]";
        for (int min : new int[] {1, 2}) {
            String pool = "min_size: " + min + ", max_size: 4, max_idle: 10s";
            ReplicationResult all = run("duration: 60s, warmup: 0s", load, pool, "connect_cpu: 0s", "15ms");
            assertEquals(4, counter(all, "db_connects"), "min_size " + min);
            assertEquals(4 - min, counter(all, "db_pool_closes"), "min_size " + min);
            ReplicationResult last = run("duration: 60s, warmup: 50s", load, pool, "connect_cpu: 0s", "15ms");
            assertEquals(min, table(last).meanInUse(), 1e-9, "min_size " + min);
            assertEquals(0, counter(last, "db_pool_closes"), "min_size " + min);
        }
    }

    // One user, think 1 s, requests of no cost: a request at 1, 2, 3 … s, each returning its
    // connection at once. max_lifetime 10 s less psycopg's jitter (0 to 5 %) puts the first
    // connection's end in [10.5, 11) s: it comes back at 10 s still young and at 11 s past it, so it
    // is closed and replaced then; each replacement's end falls in [t + 9.5, t + 10), so it is
    // replaced again at t + 10 whatever the jitter drew: at 11, 21, 31, 41 and 51 s in a 59.5 s run.
    // 5 closed, 1 + 5 opened; the table holds 1 throughout.
    @Test
    void maxLifetime_replacesAtTheFirstReturnPastIt() throws ScenarioException {
        ReplicationResult r = run("duration: 59500ms, warmup: 0s", "users: 1, think: 1s", "min_size: 1, max_size: 1,"
                + " max_lifetime: 10s", "connect_cpu: 0s", "0s");
        assertEquals(5, counter(r, "db_pool_closes"));
        assertEquals(6, counter(r, "db_connects"));
        assertEquals(59, r.all().completed());
    }

    // The jitter is the run's own: with max_lifetime 2.1 s and returns every 100 ms, a lifetime drawn
    // in [1.995, 2.1) s ends at the 20th or the 21st return after its opening, by the draw. Over 60 s
    // the replacements are between 60/2.1 and 60/2.0 apart: 28 or 29, the same for the same seed.
    @Test
    void maxLifetime_jitterIsDrawn_deterministically() throws ScenarioException {
        long[] closes = new long[2];
        for (int i = 0; i < 2; i++) {
            ReplicationResult r = run("duration: 60s, warmup: 0s", "users: 1, think: 100ms", "min_size: 1, max_size: 1,"
                    + " max_lifetime: 2100ms", "connect_cpu: 0s", "0s");
            closes[i] = counter(r, "db_pool_closes");
        }
        assertEquals(closes[0], closes[1]);
        org.junit.jupiter.api.Assertions.assertTrue(closes[0] >= 28 && closes[0] <= 29, "closes " + closes[0]);
    }
}
