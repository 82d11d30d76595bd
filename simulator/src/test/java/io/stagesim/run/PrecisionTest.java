package io.stagesim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.report.JsonReporter;
import io.stagesim.scenario.RunSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code run --precision}: replications added until the latency's interval is narrow enough. The
 * procedure is replayed here with independent runs of a fixed number of replications, each from
 * scratch: the first batch's interval, the number it asks for (n × (h / target)², at least one
 * more), and so on; the procedure must stop at the same number and give the same bytes.
 */
final class PrecisionTest {

    /** M/M/1 at ρ = 0.5 (10 ms of exponential CPU, 50 page views/s), short replications. */
    private static Scenario mm1(int replications, String slo) throws ScenarioException {
        return ScenarioLoader.loadText("mm1.yaml", """
                name: mm1
                run: {duration: 20s, warmup: 2s, replications: %d, seed: 7}
                hosts:
                  server: {cores: 1, memory: 1GiB}
                services:
                  browser: {type: browser, rate: 50/s, rtt: 0s, target: app}
                  app: {type: app_server, host: server, workers: 1}
                requests:
                  page:
                    view: {cpu: exponential(10ms)}
                %s""".formatted(replications, slo), Path.of("."));
    }

    private static Scenario withReplications(Scenario s, int n) {
        RunSpec r = s.run();
        return s.withRun(r.with(r.duration(), r.warmup(), n, r.seed()));
    }

    /** The numbers of replications the procedure should run, replayed with fixed-number runs. */
    private static List<Integer> replay(Scenario s, String metric, double target, int max) {
        List<Integer> ns = new ArrayList<>();
        int n = Math.max(2, s.run().replications());
        while (true) {
            ns.add(n);
            double w = Precision.relativeHalfWidth(ScenarioRun.run(withReplications(s, n), 1,
                    ReplicationRunner.Progress.none()), metric);
            if (w <= target || n >= max) {
                return ns;
            }
            n = (int) Math.min(max, Math.max(n + 1, Math.ceil(n * (w / target) * (w / target))));
        }
    }

    @Test
    void addsReplicationsUntilTheP99IsPrecise_andGivesWhatThatManyGive() throws ScenarioException {
        Scenario s = mm1(3, "slo: {p99: 500ms}");
        double target = 0.10;
        List<Integer> expected = replay(s, "p99", target, 50);
        assertTrue(expected.size() >= 2, "the first batch is not precise enough: " + expected);
        Precision.Outcome[] out = new Precision.Outcome[1];
        ScenarioResult r = Precision.run(s, 2, ReplicationRunner.Progress.none(), (x, i) -> { }, target, 50,
                o -> out[0] = o);
        int n = expected.get(expected.size() - 1);
        assertEquals("p99", out[0].metric());
        assertEquals(n, out[0].replications());
        assertTrue(out[0].met(), out[0].sentence() + " " + expected);
        assertEquals(Precision.relativeHalfWidth(r, "p99"), out[0].reached(), 0);
        assertTrue(out[0].reached() <= target);
        ScenarioResult fixed = ScenarioRun.run(withReplications(s, n), 1, ReplicationRunner.Progress.none());
        assertEquals(JsonReporter.toJson(fixed), JsonReporter.toJson(r));
    }

    @Test
    void withoutAnObjective_judgesTheMean_andStopsAtTheMostAllowed() throws ScenarioException {
        Scenario s = mm1(2, "");
        Precision.Outcome[] out = new Precision.Outcome[1];
        ScenarioResult r = Precision.run(s, 1, ReplicationRunner.Progress.none(), (x, i) -> { }, 0.001, 4,
                o -> out[0] = o);
        assertEquals("mean", out[0].metric());
        assertEquals(4, out[0].replications());
        assertEquals(4, r.replications());
        assertFalse(out[0].met());
        assertTrue(out[0].sentence().startsWith("Precision not reached: mean latency ±"), out[0].sentence());
        assertEquals(List.of(2, 4), replay(s, "mean", 0.001, 4));
    }

    @Test
    void resultDoesNotDependOnTheThreads() throws ScenarioException {
        Scenario s = mm1(2, "slo: {p95: 500ms}");
        ScenarioResult one = Precision.run(s, 1, ReplicationRunner.Progress.none(), (x, i) -> { }, 0.03, 20, o -> { });
        ScenarioResult two = Precision.run(s, 2, ReplicationRunner.Progress.none(), (x, i) -> { }, 0.03, 20, o -> { });
        assertEquals(JsonReporter.toJson(one), JsonReporter.toJson(two));
    }
}
