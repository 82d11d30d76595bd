package io.stagesim.random;

import org.apache.commons.math3.distribution.UniformRealDistribution;

/** Uniform between {@code min} and {@code max} nanoseconds. */
public record Uniform(double min, double max) implements Distribution {

    /** Validates the bounds. */
    public Uniform {
        if (!(min >= 0) || !(max > min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException(
                    "uniform needs 0 <= min < max (finite), was min=" + min + " max=" + max);
        }
    }

    @Override
    public double mean() {
        return (min + max) / 2;
    }

    @Override
    public double variance() {
        double w = max - min;
        return w * w / 12;
    }

    @Override
    public Sampler sampler(RandomStream stream) {
        UniformRealDistribution d = new UniformRealDistribution(stream, min, max);
        return () -> Distribution.toNanos(d.sample());
    }
}
