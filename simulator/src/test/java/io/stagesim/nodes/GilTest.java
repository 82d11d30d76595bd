package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A gthread worker's threads share its process's GIL: one Gunicorn worker with 4 threads and 10 ms
 * of CPU per request uses at most one of its host's two cores, so it saturates at 1 / 10 ms = 100
 * requests/s; two such workers reach the two cores, 200/s. Forty users with no think time keep every
 * thread busy; in the 100 s measured the GIL (or the two cores) never rests, and at most the 4 (or 8)
 * requests under way at either end of the window are partly counted, so the throughput lies within
 * 8 / 100 s of the bound.
 */
final class GilTest {

    private static final String SCENARIO = """
            name: gil
            run: {duration: 110s, warmup: 10s, replications: 1, seed: 1}
            network: {same_host_rtt: 0s, datacenter_rtt: 0s}
            hosts:
              web: {cores: 2, memory: 4GiB, bandwidth: 1000000Gbps}
            services:
              browser: {type: browser, users: 40, think: 0s, rtt: 0s, downlink: 1000000Gbps, target: app}
              app: {type: app_server, host: web, worker_class: gthread, workers: %d, threads: 4}
            requests:
              page: {view: {cpu: 10ms}}
            """;

    private static double throughput(int workers) throws ScenarioException {
        ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("gil.yaml",
                SCENARIO.formatted(workers), Path.of(".")), 0);
        return r.all().completed() / r.measuredSeconds();
    }

    @Test
    void oneGthreadWorker_saturatesAtOneCore() throws ScenarioException {
        double x = throughput(1);
        assertEquals(100, x, 0.08 + 1e-9, "page views/s: " + x);
    }

    // Two processes, two GILs: both cores, 2 / 10 ms = 200/s (without the GIL one worker would reach it too).
    @Test
    void twoGthreadWorkers_useBothCores() throws ScenarioException {
        double x = throughput(2);
        assertTrue(Math.abs(x - 200) <= 0.08 + 1e-9, "page views/s: " + x);
    }
}
