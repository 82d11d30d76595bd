package io.stagesim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Student-t interval on values small enough to check with a t table. */
final class ConfidenceIntervalTest {

    private static final double[] ONE_TO_FIVE = {1, 2, 3, 4, 5};
    // t with 4 degrees of freedom at 0.975 (any t table)
    private static final double T_4_975 = 2.776445105;

    // Mean 3; s² = (4 + 1 + 0 + 1 + 4) / 4 = 2.5; half-width t·s/√n = 2.776445 · √(2.5 / 5).
    @Test
    void oneToFive_at95Percent() {
        ConfidenceInterval ci = ConfidenceInterval.of(ONE_TO_FIVE, 0.95);
        double halfWidth = T_4_975 * Math.sqrt(0.5);
        assertEquals(3.0, ci.mean(), 1e-12);
        assertEquals(halfWidth, ci.halfWidth(), 1e-8);
        assertEquals(3 - halfWidth, ci.lower(), 1e-8);
        assertEquals(3 + halfWidth, ci.upper(), 1e-8);
        assertEquals(halfWidth / 3, ci.relativeHalfWidth(), 1e-8);
        assertEquals(5, ci.n());
        assertEquals("3.00000 ± 1.96 (95%, n=5)", ci.toString());
        // t with 4 degrees of freedom at 0.9995 is 8.610: half-width 8.610 · √0.5 = 6.09
        assertEquals("3.00000 ± 6.09 (99.9%, n=5)", ConfidenceInterval.of(ONE_TO_FIVE, 0.999).toString());
    }

    // The interval is closed: both ends belong to it, nothing beyond them does.
    @Test
    void contains_isClosedAtBothEnds() {
        ConfidenceInterval ci = ConfidenceInterval.of(ONE_TO_FIVE, 0.95);
        assertTrue(ci.contains(ci.lower()));
        assertTrue(ci.contains(ci.upper()));
        assertFalse(ci.contains(Math.nextDown(ci.lower())));
        assertFalse(ci.contains(Math.nextUp(ci.upper())));
    }

    // A mean of zero has no relative width; a negative mean is measured by its size.
    @Test
    void relativeHalfWidth_ofZeroAndNegativeMeans() {
        assertEquals(Double.POSITIVE_INFINITY, ConfidenceInterval.of(new double[] {-1, 1}, 0.95).relativeHalfWidth());
        ConfidenceInterval negative = ConfidenceInterval.of(new double[] {-1, -2, -3, -4, -5}, 0.95);
        assertEquals(T_4_975 * Math.sqrt(0.5) / 3, negative.relativeHalfWidth(), 1e-8);
    }

    // One replication gives a mean but no interval; levels 0 and 1 and no values are refused.
    @Test
    void degenerateInputs() {
        ConfidenceInterval one = ConfidenceInterval.of(new double[] {7}, 0.95);
        assertEquals(7.0, one.mean());
        assertTrue(Double.isNaN(one.halfWidth()));
        assertEquals(1, one.n());
        assertThrows(IllegalArgumentException.class, () -> ConfidenceInterval.of(ONE_TO_FIVE, 0));
        assertThrows(IllegalArgumentException.class, () -> ConfidenceInterval.of(ONE_TO_FIVE, 1));
        assertThrows(IllegalArgumentException.class, () -> ConfidenceInterval.of(new double[0], 0.95));
    }
}
