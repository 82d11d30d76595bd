package io.stagesim.run;

import io.stagesim.stats.ConfidenceInterval;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A figure estimated over replications: the mean and the half-width of its 95 % Student-t
 * confidence interval (NaN with a single replication).
 */
public record Estimate(double mean, double ci95) {

    /** The estimate of {@code metric} over {@code reps}: infinite when any replication is (ci95 then NaN). */
    public static <T> Estimate of(List<T> reps, ToDoubleFunction<T> metric) {
        double[] v = reps.stream().mapToDouble(metric).toArray();
        boolean allNaN = true;
        for (double x : v) {
            allNaN &= Double.isNaN(x);
        }
        if (allNaN) {
            return new Estimate(Double.NaN, Double.NaN);
        }
        for (double x : v) {
            if (x == Double.POSITIVE_INFINITY) { // e.g. not recovered by the end of a replication
                return new Estimate(Double.POSITIVE_INFINITY, Double.NaN);
            }
        }
        ConfidenceInterval ci = ConfidenceInterval.of(v, 0.95);
        return new Estimate(ci.mean(), ci.halfWidth());
    }

    /** True when the two intervals do not overlap: the difference is significant at about 95 %. */
    public boolean differsFrom(Estimate other) {
        return Math.abs(mean - other.mean) > ci95 + other.ci95;
    }
}
