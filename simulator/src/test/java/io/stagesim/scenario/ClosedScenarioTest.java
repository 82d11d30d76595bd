package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.analytic.Mva;
import io.stagesim.analytic.MvaResult;
import io.stagesim.run.ReplicationResult;
import io.stagesim.stats.ConfidenceInterval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A closed workload from YAML against exact MVA: 30 users thinking Exp(2 s), one worker whose view
 * is Exp(40 ms) of CPU (the machine-repairman model): throughput and mean response time must lie
 * in the 99.9 % intervals over the replications.
 */
final class ClosedScenarioTest {

    @Test
    void machineRepairman_matchesMva() throws ScenarioException {
        Scenario s = ScenarioLoader.load(Path.of("..", "scenarios", "textbook-closed.yaml"));
        MvaResult mva = Mva.solve(new double[] {0.040}, 2.0, 30);
        List<ReplicationResult> reps = new ArrayList<>();
        for (int i = 0; i < s.run().replications(); i++) {
            reps.add(Conservation.replication(s, i));
        }
        ConfidenceInterval x = ConfidenceInterval.of(reps.stream()
                .mapToDouble(r -> r.all().completed() / r.measuredSeconds()).toArray(), 0.999);
        ConfidenceInterval rt = ConfidenceInterval.of(reps.stream()
                .mapToDouble(r -> r.all().latency().mean() / 1e9).toArray(), 0.999);
        System.out.println("X " + x + " vs MVA " + mva.throughput(30) + "; R " + rt + " vs MVA " + mva.responseTime(30));
        assertTrue(x.contains(mva.throughput(30)) && x.relativeHalfWidth() < 0.02, x.toString());
        assertTrue(rt.contains(mva.responseTime(30)) && rt.relativeHalfWidth() < 0.05, rt.toString());
    }
}
