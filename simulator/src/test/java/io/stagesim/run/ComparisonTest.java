package io.stagesim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.scenario.FaultSpec;
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
}
