package io.stagesim.random;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A normal distribution with parameters {@code mu} and {@code sigma} truncated to [0, ∞): samples
 * below zero are redrawn. {@link #mean()} and {@link #variance()} are those of the truncated law.
 */
public record TruncatedNormal(double mu, double sigma) implements Distribution {

    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

    /** Validates the parameters; at least 1 % of the mass must lie above zero. */
    public TruncatedNormal {
        if (!(sigma > 0) || Double.isInfinite(sigma) || Double.isNaN(mu) || Double.isInfinite(mu)) {
            throw new IllegalArgumentException(
                    "normal needs a finite mean and sigma > 0, was mean=" + mu + " sigma=" + sigma);
        }
        if (mu / sigma < -2.3263) {
            throw new IllegalArgumentException("normal(mean=" + mu + ", sigma=" + sigma
                    + ") has less than 1% of its mass above zero; truncation would dominate");
        }
    }

    private double hazard() {
        double alpha = -mu / sigma;
        return STANDARD.density(alpha) / (1 - STANDARD.cumulativeProbability(alpha));
    }

    @Override
    public double mean() {
        return mu + sigma * hazard();
    }

    @Override
    public double variance() {
        double alpha = -mu / sigma;
        double lambda = hazard();
        return sigma * sigma * (1 + alpha * lambda - lambda * lambda);
    }

    @Override
    public Sampler sampler(RandomStream stream) {
        NormalDistribution d = new NormalDistribution(stream, mu, sigma);
        return () -> {
            double x;
            do {
                x = d.sample();
            } while (x < 0);
            return Distribution.toNanos(x);
        };
    }
}
