package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A load balancer's read timeout, counted by hand: one user thinking 1 s between page views, one
 * backend worker, no network delay and no balancer CPU, over 20 s.
 */
final class BalancerReadTimeoutTest {

    private static final String SCENARIO = """
            name: lb-read-timeout
            run: {duration: 20s, warmup: 0s, replications: 1, seed: 1}
            network: {same_host_rtt: 0s, datacenter_rtt: 0s}
            hosts:
              lbhost: {cores: 1, memory: 4GiB}
              ha: {cores: 1, memory: 4GiB}
            services:
              browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: lb}
              lb: {type: load_balancer, host: lbhost, backends: [a], read_timeout: 1s, cpu: 0s}
              a: {type: app_server, host: ha, workers: 1}
            requests:
              page:
                view: {cpu: %s}
            """;

    private static ReplicationResult run(String viewCpu) throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("lb.yaml", SCENARIO.formatted(viewCpu), Path.of(".")), 0);
    }

    // Views of 3 s: each page view gets a 504 one second after it is sent, so the user sends one
    // every 2 s (at 1, 3, …, 19 s) and gets ten 504s, at 2, 4, …, 20 s. The backend works on for
    // nobody: its worker is busy from 1 s to the end, 19 s of 20.
    @Test
    void slowBackend_every504ComesAtTheReadTimeout() throws ScenarioException {
        ReplicationResult r = run("3s");
        assertEquals(10, r.all().offered());
        assertEquals(0, r.all().completed());
        assertEquals(10, r.all().errors().get("upstream_timeout"));
        long[] timeouts = r.series().errors().get("upstream_timeout");
        for (int w = 0; w < timeouts.length; w++) {
            assertEquals(w >= 2 && w % 2 == 0 ? 1 : 0, timeouts[w], "window " + w);
        }
        double busy = r.hosts().stream().filter(h -> h.name().equals("ha")).findFirst().orElseThrow().cpuUtilization();
        assertEquals(19 / 20.0, busy, 1e-9);
    }

    // Views of 10 ms answer well within the timeout: its timer is cancelled each time and never
    // fails a later page view. One every 1.01 s from 1 s: 19 by 20 s, all completed.
    @Test
    void fastBackend_theTimerNeverFires() throws ScenarioException {
        ReplicationResult r = run("10ms");
        assertEquals(19, r.all().offered());
        assertEquals(19, r.all().completed());
        assertEquals(0, r.all().errors().values().stream().mapToLong(Long::longValue).sum());
    }
}
