package io.stagesim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.run.Comparison;
import io.stagesim.run.Estimate;
import io.stagesim.run.ReplicationRunner;
import io.stagesim.run.ScenarioResult;
import io.stagesim.run.ScenarioRun;
import io.stagesim.run.CapacitySearch;
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
 * What {@code run}, {@code stress} and {@code compare} write, on fixed-seed runs: byte for byte the
 * approved files under {@code src/test/resources/approved/} (first written by the hand-built JSON
 * trees that came before the records, so a change to any file's contents shows up here as a diff;
 * {@code -Dstagesim.approve=true} writes them again after a reviewed change), and read back into
 * records equal to those written, which write the same bytes again.
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
                  - {type: host_crash, target: server, at: 20s, for: 5s, mode: reset}
                """, Path.of("."));
    }

    static ScenarioResult run(Scenario s) {
        return ScenarioRun.run(s, 2, ReplicationRunner.Progress.none());
    }

    /** {@code r}'s results.json is the approved file, and reads back into {@code r}'s figures. */
    static void results(String name, ScenarioResult r) throws IOException {
        String text = JsonReporter.toJson(r);
        approved(name, text);
        ResultsFile file = Json.read(text, ResultsFile.class);
        assertEquals(ResultsFile.of(r), file);
        assertEquals(r.figures(), file.result());
        assertEquals(text, JsonReporter.toJson(file.result()));
    }

    /** {@code text} reads back into {@code written}, which writes {@code text} again. */
    static <T> void readsBack(String text, T written, Class<T> type) throws IOException {
        T read = Json.read(text, type);
        assertEquals(written, read);
        assertEquals(text, Json.write(read));
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
        results("results-textbook-mm1.json", run(shipped("textbook-mm1.yaml", 20 * S, 2 * S, 3, 7)));
    }

    // A failure scenario: a fault row with its causes, lost writes, time to recover.
    @Test
    void run_crashStage3() throws Exception {
        results("results-crash-stage-3.json", run(shipped("failures/crash-stage-3.yaml", 180 * S, 20 * S, 2, 5)));
    }

    // Autoscaling: levels, a balancer's counters, the cost of hosts that come and go.
    @Test
    void run_textbookAutoscaling() throws Exception {
        results("results-textbook-autoscaling.json", run(shipped("textbook-autoscaling.yaml", 300 * S, 0, 2, 1)));
    }

    // A task queue, three request classes, and one replication: no confidence intervals.
    // A burstable host: its credits under hosts.web.credits, its balance under levels.web.cpu_credits.
    @Test
    void run_creditsStage2() throws Exception {
        results("results-credits-stage-2.json", run(shipped("failures/credits-stage-2.yaml", 4000 * S, 60 * S, 2, 1)));
    }

    @Test
    void run_tasksOnHost() throws Exception {
        results("results-tasks-on-host.json", run(shipped("tasks-on-host.yaml", 40 * S, 5 * S, 1, 3)));
    }

    // A capacity search, and the same search stopped after two points (partial, no upper end).
    @Test
    void stress_textbookMm1() throws Exception {
        Scenario s = shipped("textbook-mm1.yaml", 20 * S, 2 * S, 2, 7);
        CapacitySearch.Result r = CapacitySearch.run(s, P99_60MS, 2, 0.1, (i, max, p) -> { });
        CapacitySearch.Result stopped = CapacitySearch.summarise(s.name(), P99_60MS, r.points().subList(0, 2));
        for (boolean partial : new boolean[] {false, true}) {
            String name = partial ? "stress-textbook-mm1-partial.json" : "stress-textbook-mm1.json";
            String text = StressReporter.toJson(partial ? stopped : r, partial);
            approved(name, text);
            readsBack(text, StressFile.of(partial ? stopped : r, partial), StressFile.class);
        }
    }

    // A comparison of one stage with a fault: the stages, the survival table (without intervals:
    // one replication), the sentences; and the stages finished before an interruption.
    @Test
    void compare_mm1Crash() throws Exception {
        Comparison.Result c = Comparison.run(List.of(mm1Crash()), P99_60MS, 2, 0.2, (n, r, st, sts, p) -> { },
                20 * S);
        String text = CompareReporter.toJson(c);
        approved("compare-mm1-crash.json", text);
        readsBack(text, CompareFile.of(c), CompareFile.class);
        List<CapacitySearch.Result> done = List.of(c.rows().get(0).stress());
        String partial = CompareReporter.partialJson(P99_60MS, done);
        approved("compare-mm1-crash-partial.json", partial);
        readsBack(partial, CompareFile.partial(P99_60MS, done), CompareFile.Partial.class);
    }

    // results.json writes a figure with no value as null, whether NaN (nothing to measure) or
    // infinite (not recovered by the end of the run): both read back as NaN.
    @Test
    void figureWithoutValue_isNull_readBackAsNaN() throws Exception {
        Estimate none = new Estimate(Double.NaN, Double.NaN);
        assertEquals("{\n  \"mean\" : null,\n  \"ci95\" : null\n}\n", Json.write(none));
        assertEquals(none, Json.read(Json.write(new Estimate(Double.POSITIVE_INFINITY, Double.NaN)), Estimate.class));
        assertEquals(new Estimate(1.5, 0.25), Json.read(Json.write(new Estimate(1.5, 0.25)), Estimate.class));
    }
}
