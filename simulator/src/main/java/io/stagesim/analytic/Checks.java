package io.stagesim.analytic;

/** Argument validation shared by the analytic formulas; messages name the offending value. */
final class Checks {

    private Checks() {
    }

    /** Returns {@code value} if it is finite and strictly positive. */
    static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    name + " must be positive and finite, was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is finite and not negative. */
    static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    name + " must be non-negative and finite, was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is at least {@code min}. */
    static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(
                    name + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    /** Returns the time {@code t} if it is not negative and not NaN (+∞ is allowed). */
    static double time(String name, double t) {
        if (!(t >= 0)) {
            throw new IllegalArgumentException(name + " must be non-negative, was " + t);
        }
        return t;
    }

    /** Returns the probability level {@code q} if it lies in [0, 1). */
    static double quantileLevel(double q) {
        if (!(q >= 0 && q < 1)) {
            throw new IllegalArgumentException("quantile level q must be in [0, 1), was " + q);
        }
        return q;
    }

    /** Throws unless the utilisation {@code rho} is below one (the queue is stable). */
    static double stable(double rho, String what) {
        if (!(rho < 1)) {
            throw new IllegalArgumentException(
                    "utilisation rho = " + rho + " must be below 1 for a stable " + what);
        }
        return rho;
    }

    /** Copies {@code values} after checking each is finite and not negative. */
    static double[] nonNegativeArray(String name, double[] values) {
        if (values == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        double[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            nonNegative(name + "[" + i + "]", copy[i]);
        }
        return copy;
    }
}
