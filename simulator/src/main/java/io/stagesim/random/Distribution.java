package io.stagesim.random;

/**
 * A distribution of durations, in nanoseconds. Immutable; {@link #sampler} binds it to a stream.
 * Its exact mean and variance feed the analytic checks (Pollaczek–Khinchine needs E[S²]).
 */
public sealed interface Distribution
        permits Constant, Exponential, Uniform, Gamma, TruncatedNormal, Lognormal, BoundedPareto,
        Empirical {

    /** Mean in nanoseconds. */
    double mean();

    /** Variance in nanoseconds squared. */
    double variance();

    /** Squared coefficient of variation, variance / mean². */
    default double scv() {
        double m = mean();
        return m == 0 ? 0 : variance() / (m * m);
    }

    /** A sampler drawing from {@code stream}. */
    Sampler sampler(RandomStream stream);

    /** Rounds a sampled duration to whole nanoseconds, never below zero. */
    static long toNanos(double x) {
        return x <= 0 ? 0 : (long) (x + 0.5);
    }
}
