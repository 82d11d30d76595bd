package io.stagesim.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.stats.ConfidenceInterval;
import io.stagesim.verify.RouteNetwork;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Compares a simulated quantity with an exact value through a confidence interval over
 * replications: the exact value must lie inside the 99 % Student-t interval, and the interval must
 * be narrow enough (relative half-width at most {@code precision}) for the check to have power.
 * With fixed seeds the outcome is deterministic.
 */
final class CiAssert {

    /** Confidence level of every check. */
    static final double LEVEL = 0.99;

    private CiAssert() {
    }

    /** Asserts that {@code exact} lies in the interval of {@code metric} over {@code reps}. */
    static <T> ConfidenceInterval assertCovers(String what, List<T> reps, ToDoubleFunction<T> metric,
            double exact, double precision) {
        double[] values = reps.stream().mapToDouble(metric).toArray();
        ConfidenceInterval ci = ConfidenceInterval.of(values, LEVEL);
        String line = String.format("%-46s exact %-12.6g simulated %s", what, exact, ci);
        System.out.println(line);
        assertTrue(ci.contains(exact), "outside the confidence interval: " + line);
        assertTrue(ci.halfWidth() <= precision * Math.abs(exact),
                "interval too wide to be a test (precision " + precision + "): " + line);
        return ci;
    }

    /**
     * Little's law, L = X·W, at every station of every replication: the differences
     * L − X·W over replications must have a confidence interval that contains zero and is narrow
     * relative to L.
     */
    static void assertLittle(List<RouteNetwork.Result> reps) {
        for (StationResult first : reps.get(0).stations()) {
            String name = first.name();
            double[] diff = new double[reps.size()];
            double meanL = 0;
            for (int i = 0; i < reps.size(); i++) {
                StationResult s = reps.get(i).station(name);
                double little = s.throughput() * s.response().mean() / 1e9;
                diff[i] = s.meanInside() - little;
                meanL += s.meanInside() / reps.size();
            }
            ConfidenceInterval ci = ConfidenceInterval.of(diff, LEVEL);
            String line = String.format("Little's law at %-20s L = %.5g, L - XW: %s", name, meanL, ci);
            assertTrue(ci.contains(0) || Math.abs(ci.mean()) < 1e-3 * meanL, line);
            assertTrue(Math.abs(ci.mean()) < 0.01 * meanL + 1e-12, "L - XW too large: " + line);
        }
    }
}
