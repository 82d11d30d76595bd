package io.stagesim.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Assertions shared by the analytic tests. */
final class Approx {

    /** Relative tolerance for exact formulas. */
    static final double EXACT = 1e-9;

    private Approx() {
    }

    /** Asserts |actual − expected| ≤ tol·|expected| (or ≤ tol when expected is 0). */
    static void assertRel(double expected, double actual, double tol) {
        double scale = expected == 0 ? 1 : Math.abs(expected);
        assertTrue(Math.abs(actual - expected) <= tol * scale,
                () -> "expected " + expected + " but was " + actual + " (relative error "
                        + Math.abs(actual - expected) / scale + ", tolerance " + tol + ")");
    }

    /** Asserts relative agreement within {@link #EXACT}. */
    static void assertRel(double expected, double actual) {
        assertRel(expected, actual, EXACT);
    }

    /** Asserts that {@code call} throws IllegalArgumentException whose message has every part. */
    static void assertRejects(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part),
                    () -> "message '" + e.getMessage() + "' should mention '" + part + "'");
        }
    }

    /** Asserts two doubles are equal to within an absolute tolerance. */
    static void assertAbs(double expected, double actual, double tol) {
        assertEquals(expected, actual, tol);
    }
}
