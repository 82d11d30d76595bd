package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.run.ReplicationResult;
import io.stagesim.run.ScenarioRun;
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
        return ScenarioRun.replication(ScenarioLoader.loadText("hang.yaml", BASE.formatted(target), Path.of(".")), 0);
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
}
