package io.stagesim.random;

import java.util.Arrays;

/**
 * Resamples measured durations: each draw is one of the given samples, chosen uniformly (the
 * empirical distribution function itself, with no smoothing or binning).
 */
public final class Empirical implements Distribution {

    private final long[] samples;
    private final double mean;
    private final double variance;

    /** The empirical distribution of these samples (nanoseconds, at least one, none negative). */
    public Empirical(long[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("empirical distribution needs at least one sample");
        }
        this.samples = samples.clone();
        Arrays.sort(this.samples);
        if (this.samples[0] < 0) {
            throw new IllegalArgumentException("empirical samples must be >= 0 ns, found " + this.samples[0]);
        }
        double m = 0;
        double s = 0;
        for (int i = 0; i < this.samples.length; i++) {
            double x = this.samples[i];
            double delta = x - m;
            m += delta / (i + 1);
            s += delta * (x - m);
        }
        this.mean = m;
        this.variance = s / this.samples.length;
    }

    /** Number of samples. */
    public int size() {
        return samples.length;
    }

    @Override
    public double mean() {
        return mean;
    }

    @Override
    public double variance() {
        return variance;
    }

    @Override
    public Sampler sampler(RandomStream stream) {
        long[] s = samples;
        int n = s.length;
        return () -> s[stream.nextInt(n)];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Empirical e && Arrays.equals(samples, e.samples);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "Empirical[" + samples.length + " samples, mean=" + mean + "]";
    }
}
