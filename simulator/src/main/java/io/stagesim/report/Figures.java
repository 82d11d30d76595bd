package io.stagesim.report;

import io.stagesim.run.Estimate;
import java.util.Locale;

/**
 * How a figure is printed, the same everywhere: an interval with its estimate's decimals (so
 * rounding keeps an estimate inside its interval: rounding is monotone), and a mean ± half-width
 * whose half-width never reads 0 for want of digits.
 */
public final class Figures {

    private Figures() {
    }

    /** {@code v} with {@code decimals} decimals. */
    public static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** "[low, high]" with {@code decimals} decimals, "[low, –]" when there is no upper end. */
    public static String interval(double low, double high, int decimals) {
        return "[" + fixed(low, decimals) + ", " + (Double.isInfinite(high) ? "–" : fixed(high, decimals)) + "]";
    }

    /**
     * The mean with {@code decimals} decimals and its 95 % half-width to the same decimals (one
     * precision down a column): the mean alone when there is no half-width (one replication) or it
     * is 0 (every replication gave the same), and "±<0.1" (the last decimal's unit) when the
     * half-width is smaller than those decimals show, never a "±0.0" that would claim perfect
     * precision; "-" for no value.
     */
    public static String estimate(Estimate e, int decimals) {
        if (Double.isNaN(e.mean())) {
            return "-";
        }
        if (Double.isNaN(e.ci95()) || e.ci95() == 0 || Double.isInfinite(e.mean())) {
            return fixed(e.mean(), decimals);
        }
        String ci = fixed(e.ci95(), decimals);
        if (Double.parseDouble(ci) == 0) {
            return fixed(e.mean(), decimals) + " ±<" + fixed(Math.pow(10, -decimals), decimals);
        }
        return fixed(e.mean(), decimals) + " ±" + ci;
    }
}
