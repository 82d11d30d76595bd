package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
 * A host whose CPU per request falls as load rises ({@code demand_scale}), against exact
 * load-dependent MVA: a processor-sharing station whose rate with j jobs is 1/scale(j) has a
 * product form (BCMP), so 8 users thinking Exp(50 ms) on one core with Exp(10 ms) views must show
 * MVA's throughput and response time within the 99.9 % intervals over the replications.
 */
final class DemandScaleTest {

    private static final String YAML = """
            name: demand-scale
            run: {duration: 200s, warmup: 10s, replications: 10, seed: 7}
            hosts:
              server:
                cores: 1
                memory: 2GiB
                demand_scale: {1: 100%, 4: 80%}
            services:
              browser: {type: browser, users: 8, think: exponential(50ms), rtt: 0s, target: app}
              app: {type: app_server, host: server, workers: 8, memory_per_worker: 100MiB}
            requests:
              page:
                view: {cpu: exponential(10ms)}
            """;

    @Test
    void tableIsInterpolatedBetweenItsPoints() throws ScenarioException {
        Scenario s = ScenarioLoader.loadText("demand-scale.yaml", YAML, Path.of("."));
        assertArrayEquals(new double[] {1.0, 1 - 0.2 / 3, 1 - 0.4 / 3, 0.8}, s.hosts().get("server").demandScale(),
                1e-12);
    }

    @Test
    void closedLoopMatchesLoadDependentMva() throws ScenarioException {
        Scenario s = ScenarioLoader.loadText("demand-scale.yaml", YAML, Path.of("."));
        double[] scale = s.hosts().get("server").demandScale();
        double[] alpha = new double[scale.length];
        for (int j = 0; j < scale.length; j++) {
            alpha[j] = 1 / scale[j];
        }
        MvaResult mva = Mva.solveLoadDependent(new double[] {0.010}, new double[][] {alpha}, new double[0], 0.050, 8);
        List<ReplicationResult> reps = new ArrayList<>();
        for (int i = 0; i < s.run().replications(); i++) {
            reps.add(Conservation.replication(s, i));
        }
        ConfidenceInterval x = ConfidenceInterval.of(reps.stream()
                .mapToDouble(r -> r.all().completed() / r.measuredSeconds()).toArray(), 0.999);
        ConfidenceInterval rt = ConfidenceInterval.of(reps.stream()
                .mapToDouble(r -> r.all().latency().mean() / 1e9).toArray(), 0.999);
        System.out.println("X " + x + " vs MVA " + mva.throughput(8) + "; R " + rt + " vs MVA " + mva.responseTime(8));
        assertTrue(x.contains(mva.throughput(8)) && x.relativeHalfWidth() < 0.01, x.toString());
        assertTrue(rt.contains(mva.responseTime(8)) && rt.relativeHalfWidth() < 0.03, rt.toString());
        // load-independent, the same users would get less: the table matters
        MvaResult flat = Mva.solve(new double[] {0.010}, 0.050, 8);
        assertTrue(x.lower() > flat.throughput(8), x + " vs " + flat.throughput(8));
    }

    @Test
    void badTablesAreLocated() {
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> ScenarioLoader.loadText("bad.yaml", YAML.replace("{1: 100%, 4: 80%}", "{0: 100%, four: 80%, 2: 0%}"),
                        Path.of(".")));
        String m = e.getMessage();
        assertTrue(m.contains("bad.yaml:7") && m.contains("hosts.server.demand_scale.0")
                && m.contains("number of jobs on the CPU from 1"), m);
        assertTrue(m.contains("'four'") && m.contains("demand_scale.2: must be between 1% and 10000%, was 0%"), m);
    }
}
