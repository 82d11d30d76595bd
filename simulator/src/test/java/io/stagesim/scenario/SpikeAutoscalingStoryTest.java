package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.Estimate;
import io.stagesim.run.ReplicationResult;
import io.stagesim.run.ScenarioResult;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A long traffic spike on stage 8, with and without autoscaling (the two shipped files), on the
 * same seeds. Until the first launched instance takes traffic the two runs are the same sample
 * path; after that autoscaling carries more of the spike, and pays for the hosts only while they
 * run.
 */
final class SpikeAutoscalingStoryTest {

    private static ScenarioResult run(String name) throws ScenarioException {
        Scenario s = ScenarioLoader.load(Path.of("..", "scenarios", "failures", name));
        RunSpec r = s.run();
        return Conservation.run(s.withRun(new RunSpec(r.duration(), r.warmup(), 2, r.seed(), r.window(), r.maxEvents(),
                r.maxWallMillis(), r.maxInFlight())), 2);
    }

    @Test
    void autoscaling_carriesTheSpikeOnceItsInstancesServe() throws ScenarioException {
        ScenarioResult fixed = run("spike-stage-8.yaml");
        ScenarioResult scaled = run("spike-autoscaling-stage-8.yaml");
        // The spike starts at 300 s; looks at 360, 420 and 480 s find the hosts above 60 %, so the
        // first instances launch at 480 s and boot until 600 s; the managed balancer then wants one
        // passed health check (at 630 s). Until 600 s nothing differs, window by window.
        ReplicationResult.Series a = fixed.detail().series();
        ReplicationResult.Series b = scaled.detail().series();
        int upTo = (int) Math.round((600 - a.start()[0]) / a.windowSeconds());
        assertArrayEquals(Arrays.copyOf(a.completed(), upTo), Arrays.copyOf(b.completed(), upTo));
        assertArrayEquals(Arrays.copyOf(a.p99(), upTo), Arrays.copyOf(b.p99(), upTo), 0);
        assertTrue(!Arrays.equals(a.completed(), b.completed()), "the runs differ once instances serve");

        Estimate with = scaled.faults().get(0).availability();
        Estimate without = fixed.faults().get(0).availability();
        String line = String.format("availability during the spike: %.4f ±%.4f with autoscaling, %.4f ±%.4f without",
                with.mean(), with.ci95(), without.mean(), without.ci95());
        System.out.println(line);
        assertTrue(with.mean() - with.ci95() > without.mean() + without.ci95() + 0.05, line);

        ScenarioResult.LevelResult instances = scaled.levels().stream().filter(l -> l.what().equals("instances"))
                .findFirst().orElseThrow();
        // it scales out past the 3 it started with, within its maximum of 8
        assertTrue(instances.max().mean() > 3 && instances.max().mean() <= 8, "instances " + instances.max().mean());
        // machines: the database host (t3.xlarge) all the time, each app host (t3.medium) while it runs
        assertEquals(0.1664 + 0.0416 * instances.mean().mean(), scaled.cost().byCategory().get("machines"), 1e-9);
        assertEquals(0.1664 + 0.0416 * 3, fixed.cost().byCategory().get("machines"), 1e-9);
    }
}
