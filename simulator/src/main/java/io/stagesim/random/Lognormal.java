package io.stagesim.random;

import org.apache.commons.math3.distribution.LogNormalDistribution;

/**
 * Lognormal: exp(mu + sigma·Z) for a standard normal Z, with mu and sigma in log-nanoseconds.
 * Usually built from a mean and a coefficient of variation or a mean and a 99th percentile.
 */
public record Lognormal(double mu, double sigma) implements Distribution {

    /** z such that P(Z <= z) = 0.99 for a standard normal Z. */
    static final double Z99 = 2.3263478740408408;

    /** Validates the parameters. */
    public Lognormal {
        if (!(sigma >= 0) || Double.isInfinite(sigma) || Double.isNaN(mu) || Double.isInfinite(mu)) {
            throw new IllegalArgumentException(
                    "lognormal needs finite mu and sigma >= 0, was mu=" + mu + " sigma=" + sigma);
        }
    }

    /** The lognormal with this mean (ns) and coefficient of variation. */
    public static Lognormal ofMeanCv(double mean, double cv) {
        if (!(mean > 0) || !(cv >= 0) || Double.isInfinite(mean) || Double.isInfinite(cv)) {
            throw new IllegalArgumentException(
                    "lognormal needs mean > 0 and cv >= 0, was mean=" + mean + " cv=" + cv);
        }
        double s2 = Math.log1p(cv * cv);
        return new Lognormal(Math.log(mean) - s2 / 2, Math.sqrt(s2));
    }

    /**
     * The lognormal with this mean and 99th percentile (both ns). Solves ln p99 = mu + z·sigma and
     * ln mean = mu + sigma²/2 for the smaller sigma; there is a solution only while
     * p99 / mean <= exp(z²/2) ≈ 14.9.
     */
    public static Lognormal ofMeanP99(double mean, double p99) {
        if (!(mean > 0) || !(p99 > mean) || Double.isInfinite(p99)) {
            throw new IllegalArgumentException(
                    "lognormal needs 0 < mean < p99, was mean=" + mean + " p99=" + p99);
        }
        double d = Z99 * Z99 - 2 * Math.log(p99 / mean);
        if (d < 0) {
            throw new IllegalArgumentException(String.format(
                    "no lognormal has p99/mean = %.3g: it must be at most %.3g", p99 / mean,
                    Math.exp(Z99 * Z99 / 2)));
        }
        double sigma = Z99 - Math.sqrt(d);
        return new Lognormal(Math.log(mean) - sigma * sigma / 2, sigma);
    }

    @Override
    public double mean() {
        return Math.exp(mu + sigma * sigma / 2);
    }

    @Override
    public double variance() {
        double s2 = sigma * sigma;
        return Math.expm1(s2) * Math.exp(2 * mu + s2);
    }

    /** The 99th percentile in nanoseconds. */
    public double p99() {
        return Math.exp(mu + Z99 * sigma);
    }

    @Override
    public Sampler sampler(RandomStream stream) {
        LogNormalDistribution d = new LogNormalDistribution(stream, mu, sigma,
                LogNormalDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);
        return () -> Distribution.toNanos(d.sample());
    }
}
