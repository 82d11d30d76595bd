package io.stagesim.analytic;

import static io.stagesim.analytic.Approx.assertRejects;
import static io.stagesim.analytic.Approx.assertRel;

import org.junit.jupiter.api.Test;

final class MM1PSTest {

    // The M/M/1-PS mean response E[S]/(1−ρ) coincides with the M/M/1 FCFS mean 1/(μ−λ).
    @Test
    void ps_singleCoreMeanEqualsMM1() {
        assertRel(MM1.meanResponseTime(3, 5), MM1PS.meanResponseTime(3, 0.2));
        assertRel(MM1.meanNumberInSystem(3, 5), MM1PS.meanNumberInSystem(3, 0.2));
        assertRel(0.6, MM1PS.utilisation(3, 0.2));
    }

    // A job of size x sees x/(1−ρ); ρ = 0.75 stretches 2 s of work to 8 s.
    @Test
    void ps_conditionalResponseIsLinearInSize() {
        assertRel(8.0, MM1PS.meanResponseTimeForSize(0.75, 1.0, 2.0));
        assertRel(4.0, MM1PS.meanResponseTime(0.75, 1.0));
    }

    // k-core PS with exponential work has the M/M/k queue length; with k = 2, λ = 1, E[S] = 1,
    // ρ = 0.5 and L = 2ρ/(1−ρ²) = 4/3, so W = L/λ = 4/3. One core reduces to M/M/1-PS.
    @Test
    void ps_multiCoreMatchesMMkQueueLength() {
        assertRel(4.0 / 3, MM1PS.meanNumberInSystem(2, 1.0, 1.0));
        assertRel(4.0 / 3, MM1PS.meanResponseTime(2, 1.0, 1.0));
        assertRel(MM1PS.meanResponseTime(0.6, 1.0), MM1PS.meanResponseTime(1, 0.6, 1.0));
        assertRel(ErlangC.meanResponseTime(8, 30, 5), MM1PS.meanResponseTime(8, 30, 0.2));
    }

    // Unstable or invalid inputs must fail with a message naming the value.
    @Test
    void ps_rejectsBadInputWithClearMessage() {
        assertRejects(() -> MM1PS.meanResponseTime(1.0, 1.0), "rho = 1.0");
        assertRejects(() -> MM1PS.meanResponseTime(2, 3.0, 1.0), "rho", "1.5");
        assertRejects(() -> MM1PS.meanResponseTimeForSize(0.5, 1.0, -1), "job size x", "-1.0");
        assertRejects(() -> MM1PS.meanResponseTime(2, 1.0, -1.0), "mean service time");
    }
}
