package io.stagesim.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.analytic.ErlangC;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The stress test against Erlang C: for M/M/4 with 10 ms mean service, the highest arrival rate
 * whose p99 response time meets 50 ms is exact (242.5/s, from the M/M/c response-time
 * distribution). The capacity the search reports, and the interval it gives, must contain it.
 */
final class CapacitySearchTest {

    @Test
    void mmcCapacity_matchesErlangC() throws ScenarioException {
        Scenario s = ScenarioLoader.load(Path.of("..", "scenarios", "textbook-mmc.yaml"));
        double exact = ErlangC.maxRateForResponseQuantile(4, 100, 0.99, 0.050);
        CapacitySearch.Result r = CapacitySearch.run(s, s.slo(), 2, 0.01, (i, max, point) -> { });
        System.out.printf("M/M/4 capacity: %.1f/s, interval [%.1f, %.1f], exact %.1f/s%n", r.capacity(),
                r.capacityLow(), r.capacityHigh(), exact);
        assertTrue(r.capacityLow() <= exact && exact <= r.capacityHigh(), "interval must contain " + exact);
        assertTrue(r.capacityLow() <= r.capacity() && r.capacity() <= r.capacityHigh());
        // the interval is informative: within 10 % either side of the answer (the probes 5 % apart
        // outside the search's last points find clear verdicts; without them it was [221, 300])
        assertTrue(r.capacityLow() > 0.9 * exact && r.capacityHigh() < 1.1 * exact,
                "interval [" + r.capacityLow() + ", " + r.capacityHigh() + "]");
        // every point below the capacity met the objective, every point above it missed
        for (CapacitySearch.Point p : r.points()) {
            assertTrue(p.rate() <= r.capacity() == p.verdict().met(), "point " + p.rate());
        }
        assertFalse(r.atCapacity().result().bottleneck().explanation().isEmpty());
    }
}
