package io.stagesim.analytic;

import static io.stagesim.analytic.Approx.assertRejects;
import static io.stagesim.analytic.Approx.assertRel;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class MM1Test {

    // Hand-computed case λ = 3, μ = 5: ρ = 0.6, L = 1.5, Lq = 0.9, W = 0.5, Wq = 0.3.
    @Test
    void mm1_meansMatchHandComputedCase() {
        assertRel(0.6, MM1.utilisation(3, 5));
        assertRel(1.5, MM1.meanNumberInSystem(3, 5));
        assertRel(0.9, MM1.meanNumberInQueue(3, 5));
        assertRel(0.5, MM1.meanResponseTime(3, 5));
        assertRel(0.3, MM1.meanWait(3, 5));
    }

    // Little's law must tie L to W and Lq to Wq for any stable load.
    @Test
    void mm1_satisfiesLittlesLaw() {
        for (double lambda : new double[] {0.001, 0.5, 0.9, 0.999999}) {
            assertRel(lambda * MM1.meanResponseTime(lambda, 1), MM1.meanNumberInSystem(lambda, 1));
            assertRel(lambda * MM1.meanWait(lambda, 1), MM1.meanNumberInQueue(lambda, 1));
        }
    }

    // The response time is exponential with rate μ − λ: P(T > t) = e^{−2t} for λ = 3, μ = 5.
    @Test
    void mm1_tailsAreExponential() {
        assertRel(Math.exp(-2.0), MM1.responseTimeTail(3, 5, 1.0));
        assertRel(0.6 * Math.exp(-2.0), MM1.waitTail(3, 5, 1.0));
        assertEquals(1.0, MM1.responseTimeTail(3, 5, 0.0));
        assertEquals(0.6, MM1.waitTail(3, 5, 0.0));
        assertEquals(0.0, MM1.responseTimeTail(3, 5, Double.POSITIVE_INFINITY));
    }

    // The p99 of an exponential with rate 2 is ln(100)/2; the tail at the quantile is 1%.
    @Test
    void mm1_quantilesInvertTails() {
        assertRel(Math.log(100) / 2, MM1.responseTimeQuantile(3, 5, 0.99));
        assertRel(0.01, MM1.responseTimeTail(3, 5, MM1.responseTimeQuantile(3, 5, 0.99)));
        assertRel(Math.log(0.6 / 0.01) / 2, MM1.waitQuantile(3, 5, 0.99));
        assertEquals(0.0, MM1.waitQuantile(3, 5, 0.3));
        assertEquals(0.0, MM1.responseTimeQuantile(3, 5, 0.0));
    }

    // Unstable or invalid inputs must fail with a message naming the value.
    @Test
    void mm1_rejectsBadInputWithClearMessage() {
        assertRejects(() -> MM1.meanResponseTime(5, 5), "rho = 1.0", "below 1");
        assertRejects(() -> MM1.meanWait(6, 5), "rho = 1.2");
        assertRejects(() -> MM1.meanWait(-1, 5), "arrival rate lambda", "-1.0");
        assertRejects(() -> MM1.meanWait(1, Double.NaN), "service rate mu", "NaN");
        assertRejects(() -> MM1.meanWait(Double.POSITIVE_INFINITY, 5), "arrival rate lambda");
        assertRejects(() -> MM1.responseTimeTail(1, 5, -1), "time t", "-1.0");
        assertRejects(() -> MM1.responseTimeQuantile(1, 5, 1.0), "quantile level q", "1.0");
    }
}
