package io.stagesim.analytic;

import static io.stagesim.analytic.Approx.assertRejects;
import static io.stagesim.analytic.Approx.assertRel;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class MvaTest {

    // One queueing station and no think time: the server never idles, so X(n) = 1/D, R = nD.
    @Test
    void mva_singleStationWithoutThinkSaturatesImmediately() {
        MvaResult r = Mva.solve(new double[] {0.25}, 0.0, 50);
        for (int n = 1; n <= 50; n++) {
            assertRel(4.0, r.throughput(n));
            assertRel(0.25 * n, r.responseTime(n));
            assertRel(n, r.queueLength(n, 0));
            assertRel(1.0, r.utilisation(n, 0));
        }
    }

    // One station with think time is the machine-repairman M/M/1//N model, solved here from its
    // product form p_n ∝ N!/(N−n)!·(D/Z)^n with X = (1 − p_0)/D and R = N/X − Z.
    @Test
    void mva_singleStationWithThinkEqualsMachineRepairman() {
        double d = 0.2;
        double z = 3.0;
        MvaResult r = Mva.solve(new double[] {d}, z, 40);
        for (int bigN = 1; bigN <= 40; bigN++) {
            double[] w = new double[bigN + 1];
            w[0] = 1;
            double sum = 1;
            double mean = 0;
            for (int n = 1; n <= bigN; n++) {
                w[n] = w[n - 1] * (bigN - n + 1) * d / z;
                sum += w[n];
                mean += n * w[n];
            }
            double x = (1 - w[0] / sum) / d;
            assertRel(x, r.throughput(bigN));
            assertRel(bigN / x - z, r.responseTime(bigN));
            assertRel(mean / sum, r.queueLength(bigN, 0));
            assertRel(x * d, r.utilisation(bigN, 0));
        }
    }

    // Two stations D = (1, 2), Z = 0, by hand: X(1) = 1/3; R_k(2) = (4/3, 10/3), X(2) = 3/7,
    // matching the normalising constants G(1) = 3, G(2) = 1 + 2 + 4 = 7.
    @Test
    void mva_twoStationsMatchHandComputedRecursion() {
        MvaResult r = Mva.solve(new double[] {1, 2}, 0.0, 2);
        assertRel(1.0 / 3, r.throughput(1));
        assertRel(2.0 / 3, r.queueLength(1, 1));
        assertRel(4.0 / 3, r.residenceTime(2, 0));
        assertRel(10.0 / 3, r.residenceTime(2, 1));
        assertRel(14.0 / 3, r.responseTime(2));
        assertRel(3.0 / 7, r.throughput(2));
        assertRel(6.0 / 7, r.utilisation(2, 1));
    }

    // Other delay stations add to R but not to queueing: X equals the repairman with Z + delay.
    @Test
    void mva_delayStationsActLikeExtraThinkButCountInResponse() {
        MvaResult withDelay = Mva.solve(new double[] {0.2}, new double[] {1.0}, 2.0, 10);
        MvaResult asThink = Mva.solve(new double[] {0.2}, 3.0, 10);
        for (int n = 1; n <= 10; n++) {
            assertRel(asThink.throughput(n), withDelay.throughput(n));
            assertRel(asThink.responseTime(n) + 1.0, withDelay.responseTime(n));
            assertRel(withDelay.throughput(n), withDelay.delayQueueLength(n, 0));
            double all = withDelay.queueLength(n, 0) + withDelay.delayQueueLength(n, 0)
                    + withDelay.thinkingCustomers(n);
            assertRel(n, all);
        }
    }

    // Asymptotic bounds by hand for D = (0.1, 0.3), Z = 1.6: D + Z = 2, N* = 2/0.3, and exact
    // MVA throughput must lie between the pessimistic and optimistic bounds.
    @Test
    void mva_boundsMatchHandValuesAndBracketExactThroughput() {
        double[] d = {0.1, 0.3};
        double z = 1.6;
        assertRel(2.0 / 0.3, Mva.saturationPopulation(d, z));
        assertRel(0.5, Mva.throughputUpperBound(d, z, 1));
        assertRel(1 / 0.3, Mva.throughputUpperBound(d, z, 20));
        assertRel(20 / (20 * 0.4 + 1.6), Mva.throughputLowerBound(d, new double[0], z, 20));
        assertRel(20 * 0.3 - 1.6, Mva.responseTimeLowerBound(d, new double[0], z, 20));
        assertRel(0.4, Mva.responseTimeLowerBound(d, new double[0], z, 1));
        MvaResult r = Mva.solve(d, z, 30);
        for (int n = 1; n <= 30; n++) {
            double x = r.throughput(n);
            double lower = Mva.throughputLowerBound(d, new double[0], z, n);
            double upper = Mva.throughputUpperBound(d, z, n);
            assertEquals(true, x >= lower * (1 - 1e-12) && x <= upper * (1 + 1e-12),
                    "X(" + n + ") = " + x + " outside [" + lower + ", " + upper + "]");
        }
        assertRel(1.0, Mva.solve(new double[] {1.0}, 0.0, 1).throughput(1));
    }

    // Invalid inputs and out-of-range queries must fail with a message naming the value.
    @Test
    void mva_rejectsBadInputWithClearMessage() {
        assertRejects(() -> Mva.solve(new double[] {1}, 0, 0), "population N", "0");
        assertRejects(() -> Mva.solve(new double[] {-1}, 0, 1), "queueing demand D[0]", "-1.0");
        assertRejects(() -> Mva.solve(new double[] {1}, -2, 1), "think time Z", "-2.0");
        assertRejects(() -> Mva.solve(new double[] {0}, 0, 1), "must be positive");
        MvaResult r = Mva.solve(new double[] {1}, 0, 3);
        assertRejects(() -> r.throughput(4), "population n", "1..3", "4");
        assertRejects(() -> r.queueLength(1, 1), "station index k", "1");
    }
}
