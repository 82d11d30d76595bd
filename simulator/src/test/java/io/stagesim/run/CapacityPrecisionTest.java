package io.stagesim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.report.JsonReporter;
import io.stagesim.scenario.RunSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.scenario.SloSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code stress/compare/sweep --interval-precision}: a capacity search's load points add
 * replications while their verdict is unclear, until the objective's latency interval is narrow
 * enough. Each point is replayed here with independent runs of a fixed number of replications,
 * from scratch: the first two, then n × (h / t)² (at least the scenario's own number, at least one
 * more, at most the most allowed) while the verdict is unclear and h > t. The search must have run
 * that many at every point, and its point must be byte for byte the fixed run of that number.
 */
final class CapacityPrecisionTest {

    /** M/M/1 (10 ms of exponential CPU), objective p99 ≤ 100 ms (exact capacity 53.95/s), short replications. */
    private static Scenario mm1() throws ScenarioException {
        return ScenarioLoader.loadText("mm1.yaml", """
                name: mm1
                run: {duration: 20s, warmup: 2s, replications: 3, seed: 11}
                hosts:
                  server: {cores: 1, memory: 1GiB}
                services:
                  browser: {type: browser, rate: 50/s, rtt: 0s, target: app}
                  app: {type: app_server, host: server, workers: 1}
                requests:
                  page:
                    view: {cpu: exponential(10ms)}
                slo: {p99: 100ms}
                """, Path.of("."));
    }

    private static Scenario at(Scenario s, double rate, int n) {
        RunSpec r = s.run();
        return s.withPeakRate(rate).withRun(r.with(r.duration(), r.warmup(), n, r.seed()));
    }

    /** The replications the procedure should run at {@code rate}, replayed with fixed-number runs. */
    private static int replay(Scenario s, SloSpec slo, double rate, double target, int max) {
        int n = 2;
        while (true) {
            ScenarioResult r = ScenarioRun.run(at(s, rate, n), 1, ReplicationRunner.Progress.none());
            SloVerdict v = SloVerdict.of(r, slo);
            double w = Precision.relativeHalfWidth(r, "p99");
            if (v.clearlyMet() || v.clearlyMissed() || w <= target || n >= max || !Double.isFinite(w)) {
                return n;
            }
            n = (int) Math.min(max, Math.max(Math.max(n + 1, s.run().replications()),
                    Math.ceil(n * (w / target) * (w / target))));
        }
    }

    @Test
    void unclearPointsAddReplications_andGiveWhatThatManyGive() throws ScenarioException {
        Scenario s = mm1();
        SloSpec slo = s.slo();
        CapacitySearch.Replicating rep = new CapacitySearch.Replicating(0.08, 12);
        CapacitySearch.Result r = CapacitySearch.run(s, slo, 2, 0.05, (a, b, c) -> { }, rep);
        boolean added = false;
        for (CapacitySearch.Point p : r.points()) {
            int n = replay(s, slo, p.rate(), 0.08, 12);
            assertEquals(n, p.result().replications(), "at " + p.rate() + "/s");
            added |= n > s.run().replications();
            ScenarioResult fixed = ScenarioRun.run(at(s, p.rate(), n), 1, ReplicationRunner.Progress.none());
            assertEquals(JsonReporter.toJson(fixed), JsonReporter.toJson(p.result()), "at " + p.rate() + "/s");
        }
        assertTrue(added, "some point within the noise ran more than the scenario's 3 replications: " + r.points()
                .stream().map(p -> p.rate() + ":" + p.result().replications()).toList());
        // the exact capacity, μ − ln(100)/0.1 s = 53.95/s, lies within the interval
        assertTrue(r.capacityLow() <= 53.95 && 53.95 <= r.capacityHigh(), r.capacityLow() + " " + r.capacityHigh());
        assertEquals(List.of(), rep.notReached(r).stream().filter(p -> p.result().replications() < 12).toList(),
                "a point short of the precision ran the most allowed");
    }

    @Test
    void tooFineAPrecision_stopsAtTheMost_andSaysSo() throws ScenarioException {
        Scenario s = mm1();
        CapacitySearch.Replicating rep = new CapacitySearch.Replicating(0.001, 3);
        CapacitySearch.Result r = CapacitySearch.run(s, s.slo(), 2, 0.05, (a, b, c) -> { }, rep);
        List<CapacitySearch.Point> notReached = rep.notReached(r);
        assertFalse(notReached.isEmpty(), "bisection leaves points within the noise");
        for (CapacitySearch.Point p : notReached) {
            assertEquals(3, p.result().replications());
        }
        assertTrue(rep.sentence(r).startsWith("Interval precision not reached at " + notReached.size() + " of "),
                rep.sentence(r));
    }

    // a sweep's run point with --interval-precision is run --precision's result for that scenario
    @Test
    void sweepRunPoint_isRunPrecision() throws ScenarioException {
        Scenario s = mm1();
        CapacitySearch.Replicating rep = new CapacitySearch.Replicating(0.05, 20);
        Sweep.Point p = Sweep.point(0, List.of(), s, Sweep.Measure.RUN, s.slo(), 2, 0.02, rep);
        ScenarioResult expected = Precision.run(s, 1, ReplicationRunner.Progress.none(), (x, i) -> { }, 0.05, 20,
                o -> { });
        assertEquals(JsonReporter.toJson(expected.figures()), JsonReporter.toJson(p.run()));
        assertTrue(p.run().replications() > 3, "the p99 of three 20 s replications is not within 5 %");
    }
}
