package io.stagesim.verify;

import io.stagesim.stats.ConfidenceInterval;

/**
 * The outcome of comparing one simulated quantity with its exact value: it passes when the exact
 * value lies in the confidence interval and the interval is at most {@code precision} wide
 * relative to it.
 */
public record Check(String caseName, String label, double exact, ConfidenceInterval simulated,
        double precision) {

    /** True when the exact value is inside the interval. */
    public boolean covered() {
        return simulated.contains(exact);
    }

    /** True when the interval is narrow enough for the comparison to have power. */
    public boolean precise() {
        return simulated.halfWidth() <= precision * Math.abs(exact) + 1e-12;
    }

    /** True when both hold. */
    public boolean passed() {
        return covered() && precise();
    }
}
