package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A memory leak at Gunicorn, traced by hand: one user who thinks for a constant time, constant CPU,
 * no network delay. A worker of 100 MiB growing 10 MiB a request with a limit of 150 MiB serves 5
 * requests and is killed on the 6th, which fails; a new worker takes its place after its boot time.
 */
final class MemoryLeakTest {

    private static final long MS = 1_000_000L;

    private static ReplicationResult run(int workers, String think, String duration) throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("leak.yaml", """
                name: leak
                run: {duration: %s, warmup: 0s, replications: 1, seed: 1}
                hosts:
                  web: {cores: 2, memory: 4GiB}
                services:
                  browser: {type: browser, users: 1, think: %s, rtt: 0s, target: app, timeout: 300s}
                  app: {type: app_server, host: web, workers: %d, memory_per_worker: 100MiB, boot_time: 500ms}
                requests:
                  page:
                    view: {cpu: 10ms}
                faults:
                  - {type: memory_leak, target: app, per_request: 10MiB, limit: 150MiB}
                """.formatted(duration, think, workers), Path.of(".")), 0);
    }

    private static long kills(ReplicationResult r) {
        return r.counters().stream().filter(c -> c.what().equals("oom_kills")).findFirst().orElseThrow().count();
    }

    // Thinking 1 s (longer than the 500 ms boot), the user never waits for a worker: requests 6, 12,
    // 18 … fail, the rest take 10 ms. From 1 s to 61 s it makes requests at 1 s, then every 1.01 s
    // after a served one and every 1 s after a killed one: 60 of them by 60.5 s (50 served, 10
    // killed) and none more before 61 s.
    @Test
    void oneWorker_everySixthRequestKilled() throws ScenarioException {
        ReplicationResult r = run(1, "1s", "61s");
        assertEquals(10, r.all().errors().get("worker_oom_killed"));
        assertEquals(10, r.all().failed());
        assertEquals(10, kills(r));
        assertEquals(50, r.all().completed());
        assertEquals(10 * MS, r.all().latency().max(), 0);
    }

    // Two workers taking requests in turn: each serves 5 and dies on its 6th, so again one request in
    // six fails (worker 1 dies on request 11, worker 2 on 12, then 23 and 24 …).
    @Test
    void twoWorkers_eachDiesOnItsSixth() throws ScenarioException {
        ReplicationResult r = run(2, "1s", "61s");
        assertEquals(10, kills(r));
        assertEquals(50, r.all().completed());
    }

    // Thinking 100 ms (less than the boot): the request after a killed one waits for the new worker,
    // booted 500 ms after the kill, and takes 10 ms: 410 ms after it was sent.
    @Test
    void shortThink_nextRequestWaitsForTheBoot() throws ScenarioException {
        ReplicationResult r = run(1, "100ms", "30s");
        assertEquals(410 * MS, r.all().latency().max(), 0);
        assertEquals(kills(r), r.all().failed());
    }
}
