package io.stagesim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.scenario.FaultSpec;
import io.stagesim.scenario.HostSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.scenario.SloSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What compare runs: the stress tests and the reference run on the scenario without its faults
 * (for as long as asked), the survival run with them, for the scenario's own duration.
 */
final class ComparisonTest {

    @Test
    void capacityWithoutTheFaults_survivalWithThem() throws Exception {
        Scenario mm1 = ScenarioLoader.load(Path.of("..", "scenarios", "textbook-mm1.yaml"));
        mm1 = mm1.withRun(mm1.run().with(40_000_000_000L, 4_000_000_000L, 2, 1))
                .withFaults(List.of(new FaultSpec.HostCrash("server", 20_000_000_000L, 5_000_000_000L, "reset", 1)));
        Comparison.Result c = Comparison.run(List.of(mm1), new SloSpec(0, 0, 60_000_000, Double.NaN), 2, 0.2,
                (name, rate, stage, stages, point) -> { }, 20_000_000_000L);
        Comparison.Row r = c.rows().get(0);
        for (CapacitySearch.Point p : r.stress().points()) {
            assertEquals(20, p.result().durationS(), 1e-9, "stress points last --stress-duration");
            assertTrue(p.result().faults().isEmpty(), "stress points run without the faults");
        }
        assertEquals(20, r.atReference().durationS(), 1e-9);
        assertEquals(40, r.asWritten().durationS(), 1e-9, "the survival run keeps the scenario's duration");
        assertEquals(1, r.asWritten().faults().size());
        assertTrue(r.asWritten().faults().get(0).availability().mean() < 0.01, "down during the crash");
    }

    /** {@code s} with every host at {@code cost} per hour. */
    private static Scenario priced(Scenario s, double cost) {
        java.util.Map<String, HostSpec> hosts = new java.util.LinkedHashMap<>();
        s.hosts().forEach((n, h) -> hosts.put(n, new HostSpec(n, h.cores(), h.speed(), h.memory(), cost)));
        return new Scenario(s.name(), s.description(), s.file(), s.run(), s.network(), hosts, s.services(),
                s.requests(), s.slo(), s.faults(), s.prices());
    }

    // compare --at: M/M/1 (10 ms) at 0.01 per hour and M/M/4 at 0.04, p99 <= 100 ms. The p99 of
    // M/M/1's response is ln(100) / (100 - rate): 51 ms at 10/s (both meet it, M/M/1 is the
    // cheaper), 115 ms at 60/s (only M/M/4 meets it, and is then the cheapest that does).
    @Test
    void at_judgesEveryStageThere_andNamesTheCheapestThatMeetsIt() throws Exception {
        Scenario mm1 = ScenarioLoader.load(Path.of("..", "scenarios", "textbook-mm1.yaml"));
        Scenario mm4 = ScenarioLoader.load(Path.of("..", "scenarios", "textbook-mmc.yaml"));
        mm1 = priced(mm1.withRun(mm1.run().with(40_000_000_000L, 4_000_000_000L, 2, 1)), 0.01);
        mm4 = priced(mm4.withRun(mm4.run().with(40_000_000_000L, 4_000_000_000L, 2, 1)), 0.04);
        SloSpec slo = new SloSpec(0, 0, 100_000_000, Double.NaN);
        Comparison.Result low = Comparison.run(List.of(mm1, mm4), slo, 2, 0.2, (name, rate, stage, stages, point) -> { },
                0, 10);
        assertTrue(low.asked());
        assertEquals(10, low.referenceRate(), 1e-12);
        assertTrue(low.rows().get(0).meets() && low.rows().get(1).meets());
        assertEquals("textbook-mm1", low.cheapest());
        assertEquals(0.01, low.rows().get(0).costPerHour(), 1e-12);
        assertEquals(low.rows().get(0).stress().capacity() / 10, low.rows().get(0).headroom(), 1e-12);
        Comparison.Result high = Comparison.run(List.of(mm1, mm4), slo, 2, 0.2, (name, rate, stage, stages, point) -> { },
                0, 60);
        assertTrue(!high.rows().get(0).meets(), "M/M/1 misses at 60/s");
        assertTrue(high.rows().get(1).meets());
        assertEquals("textbook-mmc", high.cheapest());
        assertTrue(high.rows().get(0).headroom() < 1, "M/M/1's capacity is below 60/s");
        // compare.json's differences from the first stage at the reference load: both ran with seed 1, so
        // paired; at 60/s M/M/4's p50 is far below M/M/1's (the mean of the differences is the difference
        // of the means), and it is significant
        io.stagesim.report.CompareFile f = io.stagesim.report.CompareFile.of(high);
        assertTrue(f.stages().get(0).differenceFromFirst().isEmpty());
        io.stagesim.report.DifferenceFile p50 = f.stages().get(1).differenceFromFirst().get("p50_ms");
        assertTrue(p50.paired(), "same seed: paired");
        assertEquals(high.rows().get(1).atReference().all().latencyMs().p50().mean()
                - high.rows().get(0).atReference().all().latencyMs().p50().mean(), p50.mean(), 1e-9);
        assertTrue(p50.mean() < 0 && p50.significant(), p50.toString());
        assertTrue(io.stagesim.report.CompareReporter.summary(high).contains("p = paired"));
    }
}
