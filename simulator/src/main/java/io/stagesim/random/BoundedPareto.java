package io.stagesim.random;

/**
 * Pareto with shape alpha truncated to [low, high] nanoseconds (Harchol-Balter's bounded Pareto),
 * sampled by inversion: x = low / (1 − u·(1 − (low/high)^alpha))^(1/alpha). Commons Math has only
 * the unbounded Pareto.
 */
public record BoundedPareto(double alpha, double low, double high) implements Distribution {

    /** Validates the parameters. */
    public BoundedPareto {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("pareto alpha must be > 0 and finite, was " + alpha);
        }
        if (!(low > 0) || !(high > low) || Double.isInfinite(high)) {
            throw new IllegalArgumentException(
                    "bounded pareto needs 0 < low < high (finite), was low=" + low + " high=" + high);
        }
    }

    /** E[X^k] for k = 1, 2. */
    private double moment(int k) {
        double ratio = Math.pow(low / high, alpha);
        double norm = alpha * Math.pow(low, alpha) / (1 - ratio);
        if (Math.abs(alpha - k) < 1e-12) {
            return norm * Math.log(high / low);
        }
        return norm * (Math.pow(high, k - alpha) - Math.pow(low, k - alpha)) / (k - alpha);
    }

    @Override
    public double mean() {
        return moment(1);
    }

    @Override
    public double variance() {
        double m = moment(1);
        return Math.max(0, moment(2) - m * m);
    }

    @Override
    public Sampler sampler(RandomStream stream) {
        double span = 1 - Math.pow(low / high, alpha);
        double inverseAlpha = 1 / alpha;
        double lo = low;
        return () -> Distribution.toNanos(lo / Math.pow(1 - stream.nextDouble() * span, inverseAlpha));
    }
}
