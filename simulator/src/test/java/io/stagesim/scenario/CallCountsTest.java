package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.stats.ConfidenceInterval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A random number of calls ({@code times: 1..5}, uniform, mean 3): by the utilisation law the
 * database host is busy rate × mean calls × CPU per call / cores = 100/s × 3 × 1 ms / 1 = 30 %.
 */
final class CallCountsTest {

    private static final String SCENARIO = """
            name: counts
            run: {duration: 100s, warmup: 10s, replications: 10, seed: 9}
            hosts:
              web: {cores: 2, memory: 4GiB}
              dbhost: {cores: 1, memory: 4GiB}
            services:
              browser: {type: browser, rate: 100/s, rtt: 0s, target: app}
              app: {type: app_server, host: web, workers: 8, db_connect_cpu: 0s, db_setup_cpu: 0s}
              db: {type: database, host: dbhost, connect_cpu: 0s, cold_cache_cpu: 0s}
            requests:
              page:
                view:
                  cpu: 1ms
                  calls:
                    - {service: db, times: 1..5, cpu: 1ms}
            """;

    @Test
    void uniformCallCount_givesTheUtilisationLawsAnswer() throws ScenarioException {
        Scenario s = ScenarioLoader.loadText("counts.yaml", SCENARIO, Path.of("."));
        List<ReplicationResult> reps = new ArrayList<>();
        for (int i = 0; i < s.run().replications(); i++) {
            reps.add(Conservation.replication(s, i));
        }
        // the exact rate is random too: use each replication's measured arrival rate
        double[] ratio = reps.stream().mapToDouble(r -> {
            double u = r.hosts().stream().filter(h -> h.name().equals("dbhost")).findFirst().orElseThrow()
                    .cpuUtilization();
            double rate = r.classes().get(0).offered() / r.measuredSeconds();
            return u / (rate * 3 * 0.001);
        }).toArray();
        ConfidenceInterval ci = ConfidenceInterval.of(ratio, 0.999);
        System.out.println("db utilisation / (rate × 3 × 1 ms): " + ci);
        assertTrue(ci.contains(1.0) && ci.halfWidth() < 0.03, ci.toString());
    }
}
