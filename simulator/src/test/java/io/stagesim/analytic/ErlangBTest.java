package io.stagesim.analytic;

import static io.stagesim.analytic.Approx.assertRejects;
import static io.stagesim.analytic.Approx.assertRel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class ErlangBTest {

    // Published Erlang B table: B(10, 5) = 0.018384... (exactly 390625/21247437).
    @Test
    void erlangB_matchesTableValue() {
        double b = ErlangB.blocking(10, 5.0);
        assertTrue(b >= 0.018384 && b < 0.018385, () -> "B(10, 5) = " + b);
        assertRel(390625.0 / 21247437.0, ErlangB.blocking(10, 5.0));
    }

    // Hand-computed small cases: B(0, a) = 1, B(1, a) = a/(1+a), B(2, 1) = 0.5/2.5 = 0.2.
    @Test
    void erlangB_matchesHandComputedSmallCases() {
        assertEquals(1.0, ErlangB.blocking(0, 3.0));
        assertRel(3.0 / 4.0, ErlangB.blocking(1, 3.0));
        assertRel(0.2, ErlangB.blocking(2, 1.0));
        assertEquals(0.0, ErlangB.blocking(3, 0.0));
        assertRel(0.2, ErlangB.blocking(2, 2.0, 2.0));
    }

    // Large systems against the direct sum a^c/c! / Σ a^k/k! evaluated in 60-digit arithmetic.
    @Test
    void erlangB_isAccurateForTenThousandServers() {
        assertRel(0.0079365632488056718823, ErlangB.blocking(10_000, 10_000.0), 1e-12);
        assertRel(2.0916197944192896143e-26, ErlangB.blocking(10_000, 9_000.0), 1e-11);
        assertRel(0.091799166106076389077, ErlangB.blocking(10_000, 11_000.0), 1e-12);
        assertRel(0.99990000010000980094, ErlangB.blocking(100, 1e6), 1e-13);
    }

    // Carried load is the mean number of busy servers a(1 − B); sizing finds the fewest servers.
    @Test
    void erlangB_carriedLoadAndSizingAreConsistent() {
        assertRel(5.0 * (1 - 390625.0 / 21247437.0), ErlangB.carriedLoad(10, 5.0));
        int c = ErlangB.serversForBlocking(5.0, 0.02);
        assertEquals(10, c);
        assertEquals(0, ErlangB.serversForBlocking(5.0, 1.0));
    }

    // Invalid inputs must fail with a message naming the value.
    @Test
    void erlangB_rejectsBadInputWithClearMessage() {
        assertRejects(() -> ErlangB.blocking(-1, 1.0), "number of servers c", "-1");
        assertRejects(() -> ErlangB.blocking(3, -0.5), "offered load a", "-0.5");
        assertRejects(() -> ErlangB.blocking(3, Double.NaN), "offered load a", "NaN");
        assertRejects(() -> ErlangB.serversForBlocking(5.0, 0.0), "target blocking", "0.0");
    }
}
