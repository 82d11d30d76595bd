package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Layered timeouts on a database that hangs for 40 s. Gunicorn kills the worker after its 30 s
 * timeout (the page fails with a 502 after 30 s, and a new worker boots 2 s later); in front of it,
 * an NGINX read timeout of 10 s answers 504 first, while the orphaned request holds the worker
 * until Gunicorn kills it anyway.
 */
final class TimeoutsTest {

    private static final String BASE = """
            name: hang
            run: {duration: 400s, warmup: 40s, replications: 1, seed: 5}
            hosts:
              web: {cores: 2, memory: 4GiB}
              dbhost: {cores: 2, memory: 4GiB}
            services:
              browser: {type: browser, rate: 0.1/s, rtt: 0s, target: %s, timeout: 300s}
              nginx: {type: proxy, host: web, upstreams: [app], read_timeout: 10s}
              app: {type: app_server, host: web, workers: 8, timeout: 30s, boot_time: 2s}
              db: {type: database, host: dbhost}
            requests:
              page:
                view:
                  cpu: 2ms
                  calls:
                    - {service: db, io: 40s}
            """;

    private static ReplicationResult run(String target) throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("hang.yaml", BASE.formatted(target), Path.of(".")), 0);
    }

    @Test
    void gunicornKillsTheWorker_after30s() throws ScenarioException {
        ReplicationResult r = run("app");
        ReplicationResult.ClassRow page = r.classes().get(0);
        long failed = page.errors().get("worker_timeout");
        assertTrue(failed > 20, "worker timeouts " + failed);
        assertEquals(0, page.completed());
        long kills = r.counters().stream().filter(c -> c.what().equals("worker_kills")).findFirst().orElseThrow()
                .count();
        // every page that arrived in the measured period lost its worker, give or take the ones
        // still running at either end of it
        assertEquals(page.offered(), kills, 3);
        assertEquals(page.offered(), failed, 3);
    }

    @Test
    void nginxAnswers504First_andTheOrphanStillHoldsTheWorker() throws ScenarioException {
        ReplicationResult r = run("nginx");
        ReplicationResult.ClassRow page = r.classes().get(0);
        long upstream = page.errors().get("upstream_timeout");
        assertEquals(0, page.errors().get("worker_timeout"));
        assertEquals(page.offered(), upstream, 3);
        long kills = r.counters().stream().filter(c -> c.what().equals("worker_kills")).findFirst().orElseThrow()
                .count();
        assertEquals(page.offered(), kills, 3);
        // Little's law on the worker slots: each is held 32 s (30 s until the kill, 2 s to boot
        // the next); at most 8 slots can be mid-hold at either end of the measured period
        double inUse = r.resources().stream().filter(x -> x.service().equals("app")).findFirst().orElseThrow()
                .meanInUse();
        assertEquals(kills * 32.0 / r.measuredSeconds(), inUse, 2 * 8 * 32.0 / r.measuredSeconds());
    }

    // Wasted work per fault, by hand: page views arrive only from 60 s to 90 s; a latency fault adds
    // 15 s to every web-database round trip from 50 s to 200 s. Each view runs 1 ms of CPU, opens a
    // connection (4 round trips, no CPU) and makes a query of no CPU, and NGINX answers 504 after
    // 10 s; the answer comes 75 s in and the view's other 1 ms runs for nobody: wasted 1 ms per page
    // view, all of it ending (135–165 s) inside the fault.
    @Test
    void wastedCpuDuringAFault_isTheWorkDoneAfterTheTimeout() throws ScenarioException {
        String text = """
                name: wasted
                run: {duration: 300s, warmup: 0s, replications: 1, seed: 3}
                hosts:
                  web: {cores: 2, memory: 4GiB}
                  dbhost: {cores: 2, memory: 4GiB}
                services:
                  browser:
                    type: browser
                    rtt: 0s
                    target: nginx
                    profile: [{at: 0s, rate: 0/s}, {at: 60s, rate: 0/s}, {at: 60s, rate: 2/s}, {at: 90s, rate: 2/s},
                              {at: 90s, rate: 0/s}]
                  nginx: {type: proxy, host: web, upstreams: [app], read_timeout: 10s}
                  app: {type: app_server, host: web, workers: 100, memory_per_worker: 30MiB,
                        db_connect_cpu: 0s, db_setup_cpu: 0s, timeout: 120s}
                  db: {type: database, host: dbhost, connect_cpu: 0s, cold_cache_cpu: 0s}
                requests:
                  page:
                    view:
                      cpu: 2ms
                      calls:
                        - {service: db, cpu: 0s}
                faults:
                  - {type: latency, target: web, to: dbhost, at: 50s, for: 150s, delay: 15s}
                """;
        ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("wasted.yaml", text, Path.of(".")), 0);
        ReplicationResult.ClassRow page = r.classes().get(0);
        assertTrue(page.offered() > 30, "page views " + page.offered());
        assertEquals(page.offered(), page.errors().get("upstream_timeout"));
        assertEquals(page.offered() * 0.001, page.wastedCpuSeconds(), 1e-9);
        assertEquals(page.offered() * 0.001, r.faults().get(0).wastedCpuS(), 1e-9);
        assertEquals(page.offered(), r.faults().get(0).failed());
    }
}
