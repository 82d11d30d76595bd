package io.stagesim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.run.Comparison;
import io.stagesim.run.ReplicationRunner;
import io.stagesim.run.ScenarioResult;
import io.stagesim.run.ScenarioRun;
import io.stagesim.run.StressTest;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.scenario.SloSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code run}, {@code stress} and {@code compare} write, byte for byte, on fixed-seed runs: the
 * approved files under {@code src/test/resources/approved/} were written by the writers as they were
 * before results became records, so any change to the files' contents shows up here as a diff.
 * Run with {@code -Dstagesim.approve=true} to write them again after a reviewed change.
 */
final class ResultsRoundTripTest {

    private static final Path APPROVED = Path.of("src", "test", "resources", "approved");
    private static final SloSpec P99_60MS = new SloSpec(0, 0, 60_000_000, Double.NaN);
    private static final long S = 1_000_000_000L;

    /** A shipped scenario with other run settings. */
    static Scenario shipped(String file, long duration, long warmup, int replications, long seed)
            throws ScenarioException {
        Scenario s = ScenarioLoader.load(Path.of("..", "scenarios", file));
        return s.withRun(s.run().with(duration, warmup, replications, seed));
    }

    /** M/M/1 at 50/s with its only host down from 20 s to 25 s, one replication. */
    static Scenario mm1Crash() throws ScenarioException {
        return ScenarioLoader.loadText("mm1-crash.yaml", """
                name: mm1-crash
                run: {duration: 40s, warmup: 4s, replications: 1, seed: 1}
                hosts:
                  server: {cores: 1, memory: 1GiB}
                services:
                  browser: {type: browser, rate: 50/s, rtt: 0s, target: app}
                  app: {type: app_server, host: server, workers: 1, memory_per_worker: 100MiB}
                requests:
                  page:
                    share: 100%
                    view: {cpu: exponential(10ms)}
                faults:
                  - {type: host_crash, target: server, at: 20s, for: 5s}
                """, Path.of("."));
    }

    static ScenarioResult run(Scenario s) {
        return ScenarioRun.run(s, 2, ReplicationRunner.Progress.none());
    }

    /** The text must be the approved file's (or, approving, becomes it). */
    static void approved(String name, String text) throws IOException {
        Path file = APPROVED.resolve(name);
        if (Boolean.getBoolean("stagesim.approve")) {
            Files.createDirectories(APPROVED);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), text, name);
    }

    // The smallest run: one request class, one host, no faults.
    @Test
    void run_textbookMm1() throws Exception {
        approved("results-textbook-mm1.json", JsonReporter.toJson(run(shipped("textbook-mm1.yaml", 20 * S, 2 * S, 3, 7))));
    }

    // A failure scenario: a fault row with its causes, lost writes, time to recover.
    @Test
    void run_crashStage3() throws Exception {
        approved("results-crash-stage-3.json",
                JsonReporter.toJson(run(shipped("failures/crash-stage-3.yaml", 180 * S, 20 * S, 2, 5))));
    }

    // Autoscaling: levels, a balancer's counters, the cost of hosts that come and go.
    @Test
    void run_textbookAutoscaling() throws Exception {
        approved("results-textbook-autoscaling.json",
                JsonReporter.toJson(run(shipped("textbook-autoscaling.yaml", 300 * S, 0, 2, 1))));
    }

    // A task queue, three request classes, and one replication: no confidence intervals.
    @Test
    void run_tasksOnHost() throws Exception {
        approved("results-tasks-on-host.json", JsonReporter.toJson(run(shipped("tasks-on-host.yaml", 40 * S, 5 * S, 1, 3))));
    }

    // A capacity search, and the same search stopped after two points (partial, no upper end).
    @Test
    void stress_textbookMm1() throws Exception {
        Scenario s = shipped("textbook-mm1.yaml", 20 * S, 2 * S, 2, 7);
        StressTest.Result r = StressTest.run(s, P99_60MS, 2, 0.1, (i, max, p) -> { });
        approved("stress-textbook-mm1.json", StressReporter.toJson(r, false));
        approved("stress-textbook-mm1-partial.json",
                StressReporter.toJson(StressTest.summarise(s.name(), P99_60MS, r.points().subList(0, 2)), true));
    }

    // A comparison of one stage with a fault: the stages, the survival table (without intervals:
    // one replication), the sentences.
    @Test
    void compare_mm1Crash() throws Exception {
        Comparison.Result c = Comparison.run(List.of(mm1Crash()), P99_60MS, 2, 0.2, (n, r, st, sts, p) -> { },
                20 * S);
        approved("compare-mm1-crash.json", CompareReporter.toJson(c));
        approved("compare-mm1-crash-partial.json", CompareReporter.partialJson(P99_60MS,
                List.of(c.rows().get(0).stress())));
    }
}
