package io.stagesim.workload;

import java.util.Arrays;

/**
 * An arrival rate that varies over time, piecewise linear between points (time, rate): before the
 * first point it holds the first rate, after the last point the last rate. Two points at the same
 * time make a step. Constant rates, steps, ramps and arbitrary profiles are all special cases.
 *
 * <p>{@link #advance} inverts the cumulative rate exactly (solving a quadratic on a ramp), so a
 * non-homogeneous Poisson process is generated with one exponential draw per arrival and no
 * thinning.
 */
public final class RateProfile {

    private final long[] times;
    private final double[] perNano; // rate in arrivals per ns at each point
    private final double constantGap; // mean gap in ns for a constant rate, else NaN

    private RateProfile(long[] times, double[] ratesPerSecond) {
        if (times.length == 0 || times.length != ratesPerSecond.length) {
            throw new IllegalArgumentException("a rate profile needs matching, non-empty times and rates");
        }
        for (int i = 0; i < times.length; i++) {
            if (times[i] < 0) {
                throw new IllegalArgumentException("profile time must be >= 0, was " + times[i] + " ns");
            }
            if (i > 0 && times[i] < times[i - 1]) {
                throw new IllegalArgumentException("profile times must not decrease: " + times[i - 1]
                        + " ns then " + times[i] + " ns");
            }
            double r = ratesPerSecond[i];
            if (!(r >= 0) || Double.isInfinite(r)) {
                throw new IllegalArgumentException("rate must be >= 0 and finite, was " + r + "/s");
            }
        }
        this.times = times.clone();
        this.perNano = new double[ratesPerSecond.length];
        for (int i = 0; i < ratesPerSecond.length; i++) {
            perNano[i] = ratesPerSecond[i] / 1e9;
        }
        this.constantGap = times.length == 1 && perNano[0] > 0 ? 1 / perNano[0] : Double.NaN;
    }

    /** The profile through these points (times in ns, rates per second). */
    public static RateProfile of(long[] times, double[] ratesPerSecond) {
        return new RateProfile(times, ratesPerSecond);
    }

    /** A constant rate, per second. */
    public static RateProfile constant(double ratePerSecond) {
        return new RateProfile(new long[] {0}, new double[] {ratePerSecond});
    }

    /** {@code before} per second until {@code at} ns, then {@code after}. */
    public static RateProfile step(double before, long at, double after) {
        return new RateProfile(new long[] {at, at}, new double[] {before, after});
    }

    /** A linear ramp from {@code from} per second at {@code start} to {@code to} at {@code end}. */
    public static RateProfile ramp(double from, long start, double to, long end) {
        return new RateProfile(new long[] {start, end}, new double[] {from, to});
    }

    /** The same profile with every rate multiplied by {@code factor}. */
    public RateProfile scaled(double factor) {
        double[] r = new double[perNano.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = perNano[i] * 1e9 * factor;
        }
        return new RateProfile(times, r);
    }

    /** The rate per second at time {@code t} ns (after a step, the new rate). */
    public double rateAt(long t) {
        int n = times.length;
        if (t < times[0]) {
            return perNano[0] * 1e9;
        }
        for (int i = n - 1; i >= 0; i--) {
            if (times[i] <= t) {
                if (i == n - 1 || times[i + 1] == times[i]) {
                    return perNano[i] * 1e9;
                }
                double f = (t - times[i]) / (double) (times[i + 1] - times[i]);
                return (perNano[i] + f * (perNano[i + 1] - perNano[i])) * 1e9;
            }
        }
        return perNano[n - 1] * 1e9;
    }

    /** The times of the profile's points, in order (ns). */
    public java.util.List<Long> breakpoints() {
        java.util.List<Long> out = new java.util.ArrayList<>();
        for (long t : times) {
            out.add(t);
        }
        return out;
    }

    /** The rate per second just before time {@code t} (before a step at t, the old rate). */
    public double rateBefore(long t) {
        if (t <= times[0]) {
            return perNano[0] * 1e9;
        }
        for (int i = 0; i < times.length; i++) {
            if (times[i] >= t) {
                // t is within segment i-1 .. i, or exactly at point i (take the left limit)
                int prev = i - 1;
                double f = (t - times[prev]) / (double) (times[i] - times[prev]);
                return (perNano[prev] + f * (perNano[i] - perNano[prev])) * 1e9;
            }
        }
        return perNano[times.length - 1] * 1e9;
    }

    /** Highest rate anywhere in the profile, per second. */
    public double peakRate() {
        double m = 0;
        for (double r : perNano) {
            m = Math.max(m, r);
        }
        return m * 1e9;
    }

    /** Expected arrivals in [a, b] (ns). */
    public double expectedArrivals(double a, double b) {
        double total = 0;
        double x = a;
        int n = times.length;
        if (x < times[0]) {
            double y = Math.min(b, times[0]);
            total += perNano[0] * (y - x);
            x = y;
        }
        for (int i = 0; i < n - 1 && x < b; i++) {
            if (x >= times[i + 1]) {
                continue;
            }
            double y = Math.min(b, times[i + 1]);
            total += segmentIntegral(i, x, y);
            x = y;
        }
        if (x < b) {
            total += perNano[n - 1] * (b - x);
        }
        return total;
    }

    private double rateOnSegment(int i, double x) {
        double span = times[i + 1] - times[i];
        return perNano[i] + (perNano[i + 1] - perNano[i]) * ((x - times[i]) / span);
    }

    private double segmentIntegral(int i, double x, double y) {
        return (rateOnSegment(i, x) + rateOnSegment(i, y)) / 2 * (y - x);
    }

    /**
     * The time at which the cumulative rate from {@code from} reaches {@code amount} expected
     * arrivals; {@link Double#POSITIVE_INFINITY} if it never does. With amount ~ Exp(1) this is
     * the next arrival of the Poisson process after {@code from}.
     */
    public double advance(double from, double amount) {
        if (constantGap == constantGap) { // for speed: a constant rate needs one multiplication
            return from + amount * constantGap;
        }
        int n = times.length;
        double x = from;
        double rem = amount;
        if (x < times[0]) {
            double r = perNano[0];
            double cap = r * (times[0] - x);
            if (cap >= rem) {
                return x + rem / r;
            }
            rem -= cap;
            x = times[0];
        }
        for (int i = 0; i < n - 1; i++) {
            if (x >= times[i + 1]) {
                continue;
            }
            double cap = segmentIntegral(i, x, times[i + 1]);
            if (cap >= rem) {
                double r = rateOnSegment(i, x);
                double k = (perNano[i + 1] - perNano[i]) / (times[i + 1] - times[i]);
                // r·d + k·d²/2 = rem, written to stay accurate when k is tiny
                double d = 2 * rem / (r + Math.sqrt(Math.max(0, r * r + 2 * k * rem)));
                return Math.min(x + d, times[i + 1]);
            }
            rem -= cap;
            x = times[i + 1];
        }
        double last = perNano[n - 1];
        return last > 0 ? x + rem / last : Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RateProfile[");
        for (int i = 0; i < times.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(times[i] / 1e9).append("s:").append(perNano[i] * 1e9).append("/s");
        }
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateProfile p && Arrays.equals(times, p.times) && Arrays.equals(perNano, p.perNano);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(times) + Arrays.hashCode(perNano);
    }
}
