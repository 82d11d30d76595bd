package io.stagesim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

final class SweepTest {

    private static final Path MM1 = Path.of("..", "scenarios", "textbook-mm1.yaml");

    @Test
    void gridIsEveryCombinationFirstDimensionSlowest() {
        List<List<String>> g = Sweep.grid(List.of(new Sweep.Dimension("a", List.of("1", "2")),
                new Sweep.Dimension("b", List.of("x", "y", "z"))));
        assertEquals(List.of(List.of("a=1", "b=x"), List.of("a=1", "b=y"), List.of("a=1", "b=z"),
                List.of("a=2", "b=x"), List.of("a=2", "b=y"), List.of("a=2", "b=z")), g);
    }

    // Sensitivity of M/M/1's capacity at p99 ≤ 100 ms to its mean CPU moved ±20 % (8 and 12 ms around
    // 10 ms): the exact capacity is μ − ln(100)/0.1 s (the M/M/1 response time is exponential), so
    // 78.95, 53.95 and 37.28 page views/s; each search's interval must contain its own.
    @Test
    void sensitivityCapacitiesMatchMm1() {
        Sweep.Loader loader = settings -> {
            try {
                var s = ScenarioLoader.load(MM1, settings);
                return s.withRun(s.run().with(100_000_000_000L, 10_000_000_000L, 8, 5));
            } catch (ScenarioException e) {
                throw new IllegalStateException(e);
            }
        };
        io.stagesim.scenario.SloSpec slo = new io.stagesim.scenario.SloSpec(0, 0, 100_000_000L, Double.NaN);
        Sweep.Sensitivity s = Sweep.sensitivity("mm1", loader, 0.2, List.of("requests.page.view.cpu"),
                List.of("exponential(10ms)"), List.of("exponential(8ms)"), List.of("exponential(12ms)"), slo, 2, 0.02,
                (i, n, settings) -> { });
        double[] exact = new double[3];
        double[] mean = {0.010, 0.008, 0.012};
        for (int i = 0; i < 3; i++) {
            exact[i] = io.stagesim.analytic.ErlangC.maxRateForResponseQuantile(1, 1 / mean[i], 0.99, 0.100);
            assertEquals(1 / mean[i] - Math.log(100) / 0.1, exact[i], 1e-6);
        }
        CapacitySearch.Result[] got = {s.base(), s.swings().get(0).atLow(), s.swings().get(0).atHigh()};
        for (int i = 0; i < 3; i++) {
            System.out.printf("mean CPU %.0f ms: capacity %.2f [%.2f, %.2f], exact %.2f%n", mean[i] * 1000,
                    got[i].capacity(), got[i].capacityLow(), got[i].capacityHigh(), exact[i]);
            assertTrue(got[i].capacityLow() <= exact[i] && exact[i] <= got[i].capacityHigh(), "mean " + mean[i]);
        }
        assertEquals(got[1].capacity() - got[2].capacity(), s.swings().get(0).effect(), 1e-9);
    }

    // M/M/1 at 50/s with a mean CPU of 5 ms and of 10 ms: mean response 1/(200 − 50) = 6.67 ms and
    // 1/(100 − 50) = 20 ms, each inside its 99.9 % interval over 10 replications. Both points run
    // with the scenario's seed, so they are offered exactly the same page views (common random
    // numbers): only the CPU differs.
    @Test
    void runGridMatchesMm1AndSharesItsArrivals() {
        Sweep.Loader loader = settings -> {
            try {
                var s = ScenarioLoader.load(MM1, settings);
                return s.withRun(s.run().with(200_000_000_000L, 10_000_000_000L, 10, 3));
            } catch (ScenarioException e) {
                throw new IllegalStateException(e);
            }
        };
        Sweep.Result r = Sweep.run("mm1", loader, List.of(new Sweep.Dimension("requests.page.view.cpu",
                List.of("exponential(5ms)", "exponential(10ms)"))), Sweep.Measure.RUN, null, 2, 0.02, Sweep.Shard.WHOLE,
                (i, n, s) -> { },
                p -> { });
        double widen = new TDistribution(9).inverseCumulativeProbability(0.9995)
                / new TDistribution(9).inverseCumulativeProbability(0.975);
        double[] exact = {1000.0 / 150, 1000.0 / 50};
        for (int i = 0; i < 2; i++) {
            Estimate mean = r.points().get(i).run().all().latencyMs().mean();
            System.out.println(r.points().get(i).settings() + ": mean " + mean + " ms, exact " + exact[i]);
            assertTrue(Math.abs(mean.mean() - exact[i]) <= widen * mean.ci95(), mean + " vs " + exact[i]);
        }
        assertEquals(r.points().get(0).run().all().offered().mean(), r.points().get(1).run().all().offered().mean(), 0);
    }

    // sweep.json's differences from the first point: the two points ran with the same seed, so each figure's
    // difference is paired replication by replication, and narrower than Welch's for the same values.
    @Test
    void runGridGivesPairedDifferencesFromTheFirstPoint() {
        Sweep.Loader loader = settings -> {
            try {
                var s = ScenarioLoader.load(MM1, settings);
                return s.withRun(s.run().with(40_000_000_000L, 4_000_000_000L, 5, 3));
            } catch (ScenarioException e) {
                throw new IllegalStateException(e);
            }
        };
        Sweep.Result r = Sweep.run("mm1", loader, List.of(new Sweep.Dimension("requests.page.view.cpu",
                List.of("exponential(10ms)", "exponential(11ms)"))), Sweep.Measure.RUN, null, 2, 0.02,
                Sweep.Shard.WHOLE, (i, n, s) -> { }, p -> { });
        io.stagesim.report.SweepReporter.SweepFile f = io.stagesim.report.SweepReporter.file(r);
        assertEquals(1, f.differencesFromFirst().size());
        assertEquals(1, f.differencesFromFirst().get(0).index());
        Replicates a = r.points().get(0).run().all().perReplication();
        Replicates b = r.points().get(1).run().all().perReplication();
        for (String figure : List.of("p50_ms", "p99_ms")) {
            io.stagesim.report.DifferenceFile d = f.differencesFromFirst().get(0).figures().get(figure);
            Difference welch = Difference.welch(a.values(figure), b.values(figure));
            assertTrue(d.paired() && d.n() == 5, figure);
            assertEquals(welch.mean(), d.mean(), 1e-9, figure);
            assertTrue(d.ci95() < welch.ci95(), figure + ": paired ±" + d.ci95() + ", Welch's ±" + welch.ci95());
            assertTrue(d.significant(), figure + ": 10 % more CPU is slower");
        }
        // a capacity sweep has no per-replication figures, so no differences
        assertEquals(null, f.points().get(0).capacity());
    }
}
