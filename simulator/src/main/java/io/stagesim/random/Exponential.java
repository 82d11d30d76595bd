package io.stagesim.random;

/**
 * Exponential with the given mean. Sampled with the JDK's ziggurat ({@link
 * RandomStream#nextStandardExponential()}) rather than Commons Math's Ahrens–Dieter sampler: the
 * same law, measured 5× cheaper, and this distribution is drawn on every event of most models.
 */
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
        double m = mean;
        return () -> Distribution.toNanos(m * stream.nextStandardExponential());
    }
}
