package io.stagesim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.run.ReplicationResult;
import io.stagesim.run.ScenarioRun;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Faults counted right: overlapping faults of one target, fault rows that never show more failed
 * page views than met the fault, faults that start after the run, and page views that arrived
 * during a fault counted in its row whenever they ended. The scenarios are tiny and deterministic
 * enough (no network delay, a constant 1 ms view) that the figures follow by hand.
 */
final class FaultCountingTest {

    /** One one-core server, 1 ms of CPU per page view, no network delay; {@code %s}: the faults. */
    private static final String TINY = """
            name: tiny
            run: {duration: 150s, warmup: 0s, replications: 1, seed: 1}
            hosts: {server: {cores: 1, memory: 1GiB}}
            services:
              browser: {type: browser, rate: 10/s, rtt: 0s, target: app}
              app: {type: app_server, host: server, workers: 1, memory_per_worker: 100MiB}
            requests: {page: {view: {cpu: 1ms}}}
            faults:
            %s
            """;

    private static Scenario tiny(String faults) throws ScenarioException {
        return ScenarioLoader.loadText("tiny.yaml", TINY.formatted(faults), Path.of("."));
    }

    private static long failed(ReplicationResult.Series s, int i) {
        long n = 0;
        for (long[] e : s.errors().values()) {
            n += e[i];
        }
        return n;
    }

    // Crashes of one host at 60-90 s and 70-110 s: the end of the first must not bring the host back
    // while the second lasts. A page view takes 1 ms, so it ends in the window it arrived in (but for
    // one arriving in a window's last millisecond): every window from 60 to 110 s completes nothing,
    // every one after it fails nothing.
    @Test
    void overlappingCrashes_hostReturnsAtLaterEnd() throws ScenarioException {
        ReplicationResult r = ScenarioRun.replication(tiny("""
                  - {type: host_crash, target: server, at: 60s, for: 30s}
                  - {type: host_crash, target: server, at: 70s, for: 40s}
                """), 0);
        ReplicationResult.Series s = r.series();
        long downOffered = 0;
        long downFailed = 0;
        for (int i = 60; i < 110; i++) {
            assertEquals(i, s.start()[i], 1e-9);
            assertEquals(0, s.completed()[i], "window at " + s.start()[i] + " s: the host is down");
            downOffered += s.offered()[i];
            downFailed += failed(s, i);
        }
        for (int i = 111; i < s.start().length; i++) {
            assertEquals(0, failed(s, i), "window at " + s.start()[i] + " s: the host is back");
        }
        assertTrue(downOffered > 400, "page views offered while down: " + downOffered);
        // those that arrived while it was down all fail, plus at most one in flight at 60 s
        assertTrue(downFailed >= downOffered && downFailed <= downOffered + 1, downFailed + " vs " + downOffered);
    }
}
