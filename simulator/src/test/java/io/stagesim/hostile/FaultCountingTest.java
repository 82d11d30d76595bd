package io.stagesim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.cli.Main;
import io.stagesim.run.ReplicationResult;
import io.stagesim.run.ReplicationRunner;
import io.stagesim.run.ScenarioResult;
import io.stagesim.run.ScenarioRun;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.scenario.ScenarioWarnings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @TempDir
    Path dir;

    // A fault at 200 s in a 150 s run never happens: validate says so, and the results must not
    // claim it happened (they did: happened 1, "not back to normal by the end of the run").
    @Test
    void faultAfterTheRun_warnsAndNeverHappens() throws ScenarioException, IOException {
        String faults = """
                  - {type: host_crash, target: server, at: 60s, for: 10s}
                  - {type: host_crash, target: server, at: 200s, for: 10s}
                """;
        Scenario s = tiny(faults);
        List<String> warnings = ScenarioWarnings.of(s);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("faults[1].at") && warnings.get(0).contains("after the end of the run"),
                warnings.get(0));
        Path f = dir.resolve("late.yaml");
        Files.writeString(f, TINY.formatted(faults));
        assertEquals(Main.OK, Main.execute("validate", f.toString()), "a warning is not an error");

        ScenarioResult r = ScenarioRun.run(s, 1, ReplicationRunner.Progress.none());
        ScenarioResult.FaultResult early = r.faults().get(0);
        ScenarioResult.FaultResult late = r.faults().get(1);
        assertEquals(1, early.happened().mean());
        assertEquals(0, late.happened().mean());
        assertEquals(0, late.offered().mean());
        assertTrue(Double.isNaN(late.recoverS().mean()), "no recovery from what never happened: " + late.recoverS());
        assertTrue(Double.isNaN(late.lastedS().mean()), "it lasted no time: " + late.lastedS());
        assertTrue(ScenarioWarnings.of(tiny(faults.lines().findFirst().orElseThrow())).isEmpty());
    }
}
