package io.stagesim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.stats.ConfidenceInterval;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operational laws on the textbook M/M/1 scenario: the CPU's demand per page view is the mean
 * service time, 10 ms, so the bound is 100 page views/s, and the CPU is the bottleneck.
 */
final class OperationalAnalysisTest {

    @Test
    void mm1_demandIsTheServiceTime_andBoundIsMu() throws ScenarioException {
        Scenario s = ScenarioLoader.load(Path.of("..", "scenarios", "textbook-mm1.yaml"));
        double[] demand = new double[s.run().replications()];
        for (int i = 0; i < demand.length; i++) {
            ScenarioResult one = ScenarioResult.of(s, List.of(Conservation.replication(s, i)));
            OperationalAnalysis.Result a = OperationalAnalysis.of(one);
            assertTrue(a.bottleneck().resource().startsWith("CPU of host server"), a.bottleneck().toString());
            demand[i] = a.bottleneck().demandMs();
        }
        ConfidenceInterval ci = ConfidenceInterval.of(demand, 0.999);
        System.out.println("CPU demand per page view (ms): " + ci + ", exact 10");
        assertTrue(ci.contains(10.0) && ci.halfWidth() < 0.2, ci.toString());
        OperationalAnalysis.Result all = OperationalAnalysis.of(Conservation.run(s, 2));
        assertEquals(100, all.bottleneck().boundPerS(), 100 * 3 * ci.halfWidth() / 10);
    }
}
