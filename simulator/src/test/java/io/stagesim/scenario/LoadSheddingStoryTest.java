package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.Estimate;
import io.stagesim.run.ScenarioResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The shipped spike of stage 3 with and without NGINX's load shedding (same seeds). Shed, the
 * page views that met the spike are admitted at the bucket's rate, 100/s × 60 s + the burst of 50,
 * since the bucket stays full through a spike at 180/s (the bucket's own arithmetic is traced
 * exactly in {@code LoadSheddingTest}): availability during the spike is that over the page views
 * offered, within the interval over replications. The admitted keep their latency within the 1 s
 * objective while the rest fail fast as rate_limited; unshed, every page view waits and the p99
 * passes the objective.
 */
final class LoadSheddingStoryTest {

    private static ScenarioResult run(String name) throws ScenarioException {
        return Conservation.run(ScenarioLoader.load(Path.of("..", "scenarios", "failures", name)), 2);
    }

    @Test
    void shedding_keepsTheAdmittedWithinTheObjective_andFailsTheRestFast() throws ScenarioException {
        ScenarioResult shed = run("shed-spike-stage-3.yaml");
        ScenarioResult unshed = run("traffic-spike-stage-3.yaml");
        ScenarioResult.FaultResult s = shed.faults().get(0);
        ScenarioResult.FaultResult u = unshed.faults().get(0);
        double admitted = s.offered().mean() - s.failed().mean() - s.unfinished().mean();
        Estimate availability = s.availability();
        double byHand = (100 * 60 + 50) / s.offered().mean();
        String line = String.format("shed: admitted %.0f of %.0f, availability %.4f ±%.4f (by hand %.4f), "
                + "p99 %.0f ±%.0f ms; unshed: availability %.4f ±%.4f, p99 %.0f ±%.0f ms", admitted, s.offered().mean(),
                availability.mean(), availability.ci95(), byHand, s.p99Ms().mean(), s.p99Ms().ci95(),
                u.availability().mean(), u.availability().ci95(), u.p99Ms().mean(), u.p99Ms().ci95());
        System.out.println(line);
        assertTrue(Math.abs(availability.mean() - byHand) <= availability.ci95(), line);
        assertTrue(s.p99Ms().mean() + s.p99Ms().ci95() < 1000, "shed: p99 within the objective: " + line);
        assertTrue(u.p99Ms().mean() - u.p99Ms().ci95() > 1000, "unshed: p99 past the objective: " + line);
        assertEquals(s.failed().mean(), s.errors().get("rate_limited").mean(), 1e-9, "every failure is a 503 of limit_req");
        assertTrue(s.goodput().mean() - s.goodput().ci95() > u.goodput().mean() + u.goodput().ci95(), line);
    }
}
