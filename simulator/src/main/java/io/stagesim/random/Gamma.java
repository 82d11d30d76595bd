package io.stagesim.random;

import org.apache.commons.math3.distribution.GammaDistribution;

/**
 * Gamma with a shape and a mean (Commons Math's Marsaglia–Tsang sampler); an integer shape k is the
 * Erlang-k distribution, the sum of k exponential phases.
 */
public record Gamma(double shape, double mean) implements Distribution {

    /** Validates the parameters. */
    public Gamma {
        if (!(shape > 0) || Double.isInfinite(shape)) {
            throw new IllegalArgumentException("gamma shape must be > 0 and finite, was " + shape);
        }
        if (!(mean > 0) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException("gamma mean must be > 0 ns and finite, was " + mean);
        }
    }

    /** Erlang-k with the given mean. */
    public static Gamma erlang(int k, double mean) {
        if (k < 1) {
            throw new IllegalArgumentException("erlang k must be >= 1, was " + k);
        }
        return new Gamma(k, mean);
    }

    @Override
    public double variance() {
        return mean * mean / shape;
    }

    @Override
    public Sampler sampler(RandomStream stream) {
        GammaDistribution d = new GammaDistribution(stream, shape, mean / shape);
        return () -> Distribution.toNanos(d.sample());
    }
}
