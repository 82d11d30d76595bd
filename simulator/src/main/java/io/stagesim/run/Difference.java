package io.stagesim.run;

import io.stagesim.stats.ConfidenceInterval;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The difference between a figure in two runs (the other's minus the base's) with its 95 %
 * interval. Paired when both ran with the same seed: replication i of each drew the same random
 * numbers (common random numbers), so the interval is that of the replication-by-replication
 * differences, mean ± t(n−1)·s/√n over the first n replications both have. Otherwise Welch's
 * interval for two independent samples: ± t(ν)·√(s₁²/n₁ + s₂²/n₂), ν from Welch–Satterthwaite.
 * Significant when the interval leaves out 0.
 */
public record Difference(double mean, double ci95, int n, boolean paired) {

    /** True when the interval does not contain 0 (a difference at the 95 % level). */
    public boolean significant() {
        return Double.isFinite(mean) && Double.isFinite(ci95) && Math.abs(mean) > ci95;
    }

    /** "+1.23 ±0.45": the mean with three significant digits, the half-width with two. */
    public String shown() {
        return Double.isNaN(ci95) ? String.format(Locale.ROOT, "%+.3g", mean)
                : String.format(Locale.ROOT, "%+.3g ±%.2g", mean, ci95);
    }

    /**
     * Paired when {@code baseSeed == otherSeed}, Welch's otherwise; replications without a value in
     * either (NaN) are left out (with their pair, when paired).
     */
    public static Difference of(double[] base, long baseSeed, double[] other, long otherSeed) {
        return baseSeed == otherSeed ? paired(base, other) : welch(base, other);
    }

    /** The paired interval over the first min(n₁, n₂) replications, pairs with a NaN left out. */
    public static Difference paired(double[] base, double[] other) {
        int m = Math.min(base.length, other.length);
        double[] d = new double[m];
        int n = 0;
        for (int i = 0; i < m; i++) {
            if (!Double.isNaN(base[i]) && !Double.isNaN(other[i])) {
                d[n++] = other[i] - base[i];
            }
        }
        if (n == 0) {
            return new Difference(Double.NaN, Double.NaN, 0, true);
        }
        ConfidenceInterval ci = ConfidenceInterval.of(java.util.Arrays.copyOf(d, n), 0.95);
        return new Difference(ci.mean(), ci.halfWidth(), n, true);
    }

    /** Welch's interval of two independent samples (NaN values left out). */
    public static Difference welch(double[] base, double[] other) {
        double[] a = finite(base);
        double[] b = finite(other);
        if (a.length == 0 || b.length == 0) {
            return new Difference(Double.NaN, Double.NaN, Math.min(a.length, b.length), false);
        }
        double ma = mean(a);
        double mb = mean(b);
        if (a.length < 2 || b.length < 2) {
            return new Difference(mb - ma, Double.NaN, Math.min(a.length, b.length), false);
        }
        return welch(ma, variance(a, ma) / a.length, a.length, mb, variance(b, mb) / b.length, b.length);
    }

    /**
     * Welch's interval from two estimates' means and 95 % half-widths over {@code na} and
     * {@code nb} replications (each half-width is t(n−1)·s/√n, so s²/n is recovered from it).
     */
    public static Difference welch(Estimate base, int na, Estimate other, int nb) {
        if (na < 2 || nb < 2 || Double.isNaN(base.ci95()) || Double.isNaN(other.ci95())) {
            return new Difference(other.mean() - base.mean(), Double.NaN, Math.min(na, nb), false);
        }
        double va = square(base.ci95() / t(na - 1));
        double vb = square(other.ci95() / t(nb - 1));
        return welch(base.mean(), va, na, other.mean(), vb, nb);
    }

    /** Welch from the means and the squared standard errors s²/n. */
    private static Difference welch(double ma, double va, int na, double mb, double vb, int nb) {
        double se2 = va + vb;
        if (se2 == 0) {
            return new Difference(mb - ma, 0, Math.min(na, nb), false);
        }
        double df = se2 * se2 / (va * va / (na - 1) + vb * vb / (nb - 1));
        return new Difference(mb - ma, t(df) * Math.sqrt(se2), Math.min(na, nb), false);
    }

    /** The two-sided 95 % quantile of Student's t with {@code df} degrees of freedom. */
    static double t(double df) {
        return new TDistribution(null, df).inverseCumulativeProbability(0.975);
    }

    private static double square(double x) {
        return x * x;
    }

    private static double[] finite(double[] v) {
        return java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double variance(double[] v, double mean) {
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return s / (v.length - 1);
    }
}
