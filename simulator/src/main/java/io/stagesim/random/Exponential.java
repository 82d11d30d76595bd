package io.stagesim.random;

import org.apache.commons.math3.distribution.ExponentialDistribution;

/** Exponential with the given mean (Commons Math's Ahrens–Dieter sampler). */
public record Exponential(double mean) implements Distribution {

    /** Validates the mean. */
    public Exponential {
        if (!(mean > 0) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException("exponential mean must be > 0 ns and finite, was " + mean);
        }
    }

    @Override
    public double variance() {
        return mean * mean;
    }

    @Override
    public Sampler sampler(RandomStream stream) {
        ExponentialDistribution d = new ExponentialDistribution(stream, mean);
        return () -> Distribution.toNanos(d.sample());
    }
}
