package io.stagesim.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A Student-t confidence interval for the mean of independent replications: mean ± t·s/√n with
 * n − 1 degrees of freedom.
 */
public record ConfidenceInterval(double mean, double halfWidth, double level, int n) {

    /** The interval at {@code level} (for example 0.95) over these replication values. */
    public static ConfidenceInterval of(double[] values, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), was " + level);
        }
        int n = values.length;
        if (n == 0) {
            throw new IllegalArgumentException("a confidence interval needs at least one value");
        }
        double mean = 0;
        double m2 = 0;
        for (int i = 0; i < n; i++) {
            double delta = values[i] - mean;
            mean += delta / (i + 1);
            m2 += delta * (values[i] - mean);
        }
        if (n == 1) {
            return new ConfidenceInterval(mean, Double.NaN, level, 1);
        }
        double s = Math.sqrt(m2 / (n - 1));
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.5 + level / 2);
        return new ConfidenceInterval(mean, t * s / Math.sqrt(n), level, n);
    }

    /** Lower end. */
    public double lower() {
        return mean - halfWidth;
    }

    /** Upper end. */
    public double upper() {
        return mean + halfWidth;
    }

    /** True when {@code x} lies within the interval. */
    public boolean contains(double x) {
        return x >= lower() && x <= upper();
    }

    /** Half-width relative to the mean. */
    public double relativeHalfWidth() {
        return mean == 0 ? Double.POSITIVE_INFINITY : halfWidth / Math.abs(mean);
    }

    @Override
    public String toString() {
        return String.format("%.6g ± %.3g (%s%%, n=%d)", mean, halfWidth, new java.math.BigDecimal(level * 100).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString(), n);
    }
}
