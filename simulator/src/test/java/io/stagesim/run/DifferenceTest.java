package io.stagesim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Intervals of differences: paired (common random numbers) and Welch's, worked by hand on four
 * replications, and pairing at work on M/M/1 with one setting changed.
 */
final class DifferenceTest {

    private static final double[] BASE = {10, 12, 11, 13};
    private static final double[] OTHER = {11, 14, 12, 15};

    // differences 1, 2, 1, 2: mean 1.5, s = √(1/3), t(3) = 3.182446 ⇒ ± 3.182446 · 0.577350 / 2 = 0.918693
    @Test
    void paired_isTheIntervalOfTheDifferences() {
        Difference d = Difference.paired(BASE, OTHER);
        assertEquals(1.5, d.mean(), 1e-12);
        assertEquals(0.9186931155185393, d.ci95(), 1e-9);
        assertEquals(4, d.n());
        assertTrue(d.paired());
        assertTrue(d.significant(), "1.5 ± 0.92 leaves out 0");
        assertEquals(d, Difference.of(BASE, 7, OTHER, 7), "the same seed pairs");
    }

    // means 11.5 and 13, s² = 5/3 and 10/3, n = 4 each: se² = 1.25, ν = 1.25² / ((5/12)²/3 + (10/12)²/3) = 5.4,
    // t(5.4) · √1.25 = 2.811131 (scipy.stats.t.ppf(0.975, 5.4) · √1.25)
    @Test
    void welch_fromValuesAndFromEstimates() {
        Difference d = Difference.welch(BASE, OTHER);
        assertEquals(1.5, d.mean(), 1e-12);
        assertEquals(2.8111310124356863, d.ci95(), 1e-9);
        assertFalse(d.paired());
        assertFalse(d.significant(), "1.5 ± 2.8 holds 0");
        assertEquals(d, Difference.of(BASE, 7, OTHER, 8), "different seeds do not pair");
        // the same from the two estimates: each half-width is t(3)·s/√4
        double t3 = 3.182446305284263;
        Difference e = Difference.welch(new Estimate(11.5, t3 * Math.sqrt(5.0 / 3) / 2), 4,
                new Estimate(13, t3 * Math.sqrt(10.0 / 3) / 2), 4);
        assertEquals(1.5, e.mean(), 1e-12);
        assertEquals(2.8111310124356863, e.ci95(), 1e-9);
    }

    @Test
    void pairsWithANaNAreLeftOut_andOnlyTheReplicationsBothHave() {
        Difference d = Difference.paired(new double[] {10, Double.NaN, 11, 13, 99}, new double[] {11, 5, 12, 15});
        // pairs (10, 11), (11, 12), (13, 15): differences 1, 1, 2
        assertEquals(3, d.n());
        assertEquals(4.0 / 3, d.mean(), 1e-12);
    }

    private static Scenario mm1(String cpu, long seed) throws ScenarioException {
        return ScenarioLoader.loadText("mm1.yaml", """
                name: mm1
                run: {duration: 30s, warmup: 3s, replications: 5, seed: %d}
                hosts:
                  server: {cores: 1, memory: 1GiB}
                services:
                  browser: {type: browser, rate: 50/s, rtt: 0s, target: app}
                  app: {type: app_server, host: server, workers: 1}
                requests:
                  page:
                    view: {cpu: exponential(%s)}
                """.formatted(seed, cpu), Path.of("."));
    }

    // the same scenario with 10 % more view CPU, the same seed: the arrivals and the service draws are the
    // same numbers, so the replication-by-replication differences vary far less than either run (recorded:
    // p50 +3.24 ms ±0.38 paired, ±1.3 Welch's; p99 +18.8 ms ±12 paired, ±26 Welch's)
    @Test
    void commonRandomNumbers_narrowTheInterval() throws ScenarioException {
        ScenarioResult a = Conservation.run(mm1("10ms", 7), 1);
        ScenarioResult b = Conservation.run(mm1("11ms", 7), 1);
        for (String figure : new String[] {"p50_ms", "p99_ms"}) {
            double[] x = a.all().perReplication().values(figure);
            double[] y = b.all().perReplication().values(figure);
            Difference paired = Difference.of(x, a.seed(), y, b.seed());
            Difference welch = Difference.welch(x, y);
            assertTrue(paired.paired());
            assertEquals(welch.mean(), paired.mean(), 1e-9, "the same mean difference either way");
            assertTrue(paired.ci95() < 0.75 * welch.ci95(), figure + ": paired ±" + paired.ci95() + ", Welch's ±"
                    + welch.ci95());
            assertTrue(paired.significant() && paired.mean() > 0, figure + ": 10 % more CPU is slower, "
                    + paired.shown());
        }
        // the per-replication values are those behind the estimates
        double[] p99 = a.all().perReplication().values("p99_ms");
        assertEquals(a.all().latencyMs().p99().mean(), java.util.Arrays.stream(p99).average().orElseThrow(), 1e-9);
        double[] tput = a.all().perReplication().values("throughput_per_s");
        assertEquals(a.all().throughputPerS().mean(), java.util.Arrays.stream(tput).average().orElseThrow(), 1e-9);
    }
}
