package io.stagesim.analytic;

import static io.stagesim.analytic.Approx.assertRejects;
import static io.stagesim.analytic.Approx.assertRel;

import org.junit.jupiter.api.Test;

final class MG1Test {

    // With exponential service (SCV = 1) Pollaczek–Khinchine must reproduce M/M/1 exactly.
    @Test
    void mg1_withUnitScvEqualsMM1() {
        double lambda = 0.8;
        double mu = 1.25;
        assertRel(MM1.meanWait(lambda, mu), MG1.meanWait(lambda, 1 / mu, 1.0));
        assertRel(MM1.meanResponseTime(lambda, mu), MG1.meanResponseTime(lambda, 1 / mu, 1.0));
        assertRel(MM1.meanNumberInSystem(lambda, mu), MG1.meanNumberInSystem(lambda, 1 / mu, 1.0));
        assertRel(MM1.meanNumberInQueue(lambda, mu), MG1.meanNumberInQueue(lambda, 1 / mu, 1.0));
        assertRel(MM1.utilisation(lambda, mu), MG1.utilisation(lambda, 1 / mu));
    }

    // Hand-computed M/D/1 with λ = 0.5, D = 1: ρ = 0.5, Wq = ρD/(2(1−ρ)) = 0.5, W = 1.5.
    @Test
    void mg1_deterministicMatchesHandComputedCase() {
        assertRel(0.5, MG1.meanWaitDeterministic(0.5, 1.0));
        assertRel(1.5, MG1.meanResponseTimeDeterministic(0.5, 1.0));
        assertRel(0.5, MG1.meanWait(0.5, 1.0, 0.0));
        assertRel(0.75, MG1.meanNumberInSystem(0.5, 1.0, 0.0));
    }

    // The second-moment form λE[S²]/(2(1−ρ)): E[S] = 1, E[S²] = 3 (SCV = 2), λ = 0.5 gives 1.5.
    @Test
    void mg1_secondMomentFormAgreesWithScvForm() {
        assertRel(1.5, MG1.meanWaitFromSecondMoment(0.5, 1.0, 3.0));
        assertRel(1.5, MG1.meanWait(0.5, 1.0, 2.0));
        assertRel(MG1.meanWait(3.0, 0.2, 4.5), MG1.meanWaitFromSecondMoment(3.0, 0.2, 5.5 * 0.04));
    }

    // Unstable or invalid inputs must fail with a message naming the value.
    @Test
    void mg1_rejectsBadInputWithClearMessage() {
        assertRejects(() -> MG1.meanWait(2, 0.5, 1), "rho = 1.0", "below 1");
        assertRejects(() -> MG1.meanWait(1, 0.5, -0.1), "squared coefficient of variation",
                "-0.1");
        assertRejects(() -> MG1.meanWaitFromSecondMoment(1, 0.5, 0.2), "second moment", "0.2",
                "0.25");
        assertRejects(() -> MG1.meanWait(1, 0, 1), "mean service time", "0.0");
    }
}
