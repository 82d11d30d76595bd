package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.analytic.MM1;
import io.stagesim.run.ReplicationResult;
import io.stagesim.stats.ConfidenceInterval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scenario language end to end (YAML -> model -> results) on a textbook model: the shipped
 * M/M/1 scenario must reproduce M/M/1's mean response time, its median and its 99th percentile
 * within 99.9 % confidence intervals over its replications.
 */
final class TextbookScenarioTest {

    @Test
    void textbookMm1Scenario_matchesTheory() throws ScenarioException {
        Scenario s = ScenarioLoader.load(Path.of("..", "scenarios", "textbook-mm1.yaml"));
        double lambda = 50;
        double mu = 100;
        List<ReplicationResult> reps = new ArrayList<>();
        for (int i = 0; i < s.run().replications(); i++) {
            reps.add(Conservation.replication(s, i));
        }
        check("mean response (ms)", reps, r -> r.classes().get(0).latency().mean() / 1e6,
                1000 * MM1.meanResponseTime(lambda, mu), 0.03);
        check("median response (ms)", reps, r -> r.classes().get(0).latency().p50() / 1e6,
                1000 * MM1.responseTimeQuantile(lambda, mu, 0.5), 0.03);
        check("p99 response (ms)", reps, r -> r.classes().get(0).latency().p99() / 1e6,
                1000 * MM1.responseTimeQuantile(lambda, mu, 0.99), 0.05);
        check("worker utilisation", reps, r -> r.resources().stream()
                .filter(x -> x.service().equals("app")).findFirst().orElseThrow().utilization(), lambda / mu, 0.02);
    }

    private static void check(String what, List<ReplicationResult> reps,
            java.util.function.ToDoubleFunction<ReplicationResult> f, double exact, double precision) {
        ConfidenceInterval ci = ConfidenceInterval.of(reps.stream().mapToDouble(f).toArray(), 0.999);
        String line = what + ": exact " + exact + ", simulated " + ci;
        System.out.println(line);
        assertTrue(ci.contains(exact), line);
        assertTrue(ci.halfWidth() <= precision * exact, "interval too wide: " + line);
    }
}
