package io.stagesim.analytic;

import static io.stagesim.analytic.Approx.assertRejects;
import static io.stagesim.analytic.Approx.assertRel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class MMcKTest {

    // With no waiting room (K = c) the M/M/c/K blocking probability is Erlang B.
    @Test
    void mmck_withKEqualToCEqualsErlangB() {
        assertRel(ErlangB.blocking(10, 5.0), MMcK.blockingProbability(10, 10, 5, 1));
        assertRel(ErlangB.blocking(1, 0.3), MMcK.blockingProbability(1, 1, 0.3, 1));
        assertRel(ErlangB.blocking(10_000, 9_500.0),
                MMcK.blockingProbability(10_000, 10_000, 9_500, 1), 1e-11);
        assertRel(ErlangB.blocking(50, 80.0), MMcK.blockingProbability(50, 50, 80, 1));
        assertEquals(0.0, MMcK.meanNumberInQueue(10, 10, 5, 1));
    }

    // With a huge waiting room and ρ < 1 the results converge to the M/M/c (Erlang C) ones.
    @Test
    void mmck_withHugeKApproachesErlangC() {
        for (int k : new int[] {2_000, Integer.MAX_VALUE - 1}) {
            assertRel(ErlangC.meanNumberInSystem(5, 4, 1), MMcK.meanNumberInSystem(5, k, 4, 1),
                    1e-12);
            assertRel(ErlangC.meanNumberInQueue(5, 4, 1), MMcK.meanNumberInQueue(5, k, 4, 1),
                    1e-12);
            assertRel(ErlangC.meanResponseTime(5, 4, 1), MMcK.meanResponseTime(5, k, 4, 1),
                    1e-12);
            assertRel(ErlangC.meanWait(5, 4, 1), MMcK.meanWait(5, k, 4, 1), 1e-12);
            assertTrue(MMcK.blockingProbability(5, k, 4, 1) < 1e-150);
        }
    }

    // M/M/1/K closed forms: p_K = (1−ρ)ρ^K/(1−ρ^{K+1}); ρ = 0.5, K = 5 gives 1/63 and L = 57/63,
    // ρ = 2 gives p_K = 32/63 and L = 258/63 (weights 1, 2, 4, 8, 16, 32).
    @Test
    void mmck_singleServerMatchesClosedForm() {
        assertRel(1.0 / 63, MMcK.blockingProbability(1, 5, 1, 2));
        assertRel(57.0 / 63, MMcK.meanNumberInSystem(1, 5, 1, 2));
        assertRel(32.0 / 63, MMcK.blockingProbability(1, 5, 2, 1));
        assertRel(258.0 / 63, MMcK.meanNumberInSystem(1, 5, 2, 1));
        assertRel(2.0 * 31 / 63, MMcK.throughput(1, 5, 2, 1));
        assertRel(258.0 / 63 / (2.0 * 31 / 63), MMcK.meanResponseTime(1, 5, 2, 1));
    }

    // Hand-computed M/M/2/4 with a = 3: weights 1, 3, 4.5, 6.75, 10.125 (sum 25.375).
    @Test
    void mmck_matchesHandComputedOverloadedCase() {
        double sum = 25.375;
        double[] p = MMcK.probabilities(2, 4, 3, 1);
        double[] w = {1, 3, 4.5, 6.75, 10.125};
        for (int n = 0; n < w.length; n++) {
            assertRel(w[n] / sum, p[n]);
        }
        assertRel(10.125 / sum, MMcK.blockingProbability(2, 4, 3, 1));
        assertRel(72.75 / sum, MMcK.meanNumberInSystem(2, 4, 3, 1));
        assertRel(27.0 / sum, MMcK.meanNumberInQueue(2, 4, 3, 1));
        double throughput = 3 * 15.25 / sum;
        assertRel(throughput, MMcK.throughput(2, 4, 3, 1));
        assertRel(throughput / 2, MMcK.utilisation(2, 4, 3, 1));
        assertRel(72.75 / sum / throughput, MMcK.meanResponseTime(2, 4, 3, 1));
        assertRel(27.0 / sum / throughput, MMcK.meanWait(2, 4, 3, 1));
    }

    // Hand-computed M/M/3/6 with a = 2, ρ = 2/3: weights 1, 2, 2, 4/3, 8/9, 16/27, 32/81.
    @Test
    void mmck_matchesHandComputedUnderloadedCase() {
        double[] w = {1, 2, 2, 4.0 / 3, 8.0 / 9, 16.0 / 27, 32.0 / 81};
        double sum = 0;
        double number = 0;
        double queue = 0;
        for (int n = 0; n < w.length; n++) {
            sum += w[n];
            number += n * w[n];
            queue += Math.max(0, n - 3) * w[n];
        }
        double[] p = MMcK.probabilities(3, 6, 2, 1);
        for (int n = 0; n < w.length; n++) {
            assertRel(w[n] / sum, p[n]);
        }
        assertRel(w[6] / sum, MMcK.blockingProbability(3, 6, 2, 1));
        assertRel(number / sum, MMcK.meanNumberInSystem(3, 6, 2, 1));
        assertRel(queue / sum, MMcK.meanNumberInQueue(3, 6, 2, 1));
    }

    // ρ = 1 exactly uses closed-form sums: c = 2, a = 2, K = 10 has weights 1, 2, 2, ..., 2 (21).
    @Test
    void mmck_handlesUnitTrafficIntensityExactly() {
        assertRel(2.0 / 21, MMcK.blockingProbability(2, 10, 4, 2));
        assertRel(110.0 / 21, MMcK.meanNumberInSystem(2, 10, 4, 2));
        assertRel(72.0 / 21, MMcK.meanNumberInQueue(2, 10, 4, 2));
        assertRel(2.0 / 21, MMcK.probabilities(2, 10, 4, 2)[10]);
        assertRel(500_000.0, MMcK.meanNumberInSystem(1, 1_000_000, 1, 1));
    }

    // With ρ > 1 and a huge room the queue is always full: throughput → cμ, p_K → 1 − 1/ρ.
    @Test
    void mmck_overloadedWithHugeKSaturates() {
        assertRel(4.0, MMcK.throughput(4, 1_000_000, 5, 1), 1e-12);
        assertRel(0.2, MMcK.blockingProbability(4, 1_000_000, 5, 1), 1e-12);
        assertRel(4.0, MMcK.throughput(4, Integer.MAX_VALUE - 1, 5, 1), 1e-12);
    }

    // Under extreme overload the throughput must stay at the carried load μ·Σ min(n, c)·p_n ≈ cμ
    // rather than collapse to 0 when p_K rounds to 1.
    @Test
    void mmck_extremeOverloadKeepsAcceptedThroughput() {
        double[] p = MMcK.probabilities(3, 10, 1e6, 1);
        double busy = 0;
        for (int n = 0; n < p.length; n++) {
            busy += Math.min(n, 3) * p[n];
        }
        assertRel(busy, MMcK.throughput(3, 10, 1e6, 1), 1e-12);
        assertRel(3.0, MMcK.throughput(3, 10, 1e6, 1), 1e-5);
        assertRel(3.0, MMcK.throughput(3, 100, 1e300, 1), 1e-12);
        assertRel(100.0 / 3.0, MMcK.meanResponseTime(3, 100, 1e300, 1), 1e-12);
    }

    // Against naive a^n/n! weights, the distribution sums to 1 and L − Lq is the carried load.
    @Test
    void mmck_agreesWithNaiveWeightsAndCarriedLoad() {
        int c = 7;
        int k = 30;
        double a = 6.3;
        double[] naive = new double[k + 1];
        double sum = 0;
        for (int n = 0; n <= k; n++) {
            double f = 1;
            for (int i = 1; i <= Math.min(n, c); i++) {
                f *= a / i;
            }
            naive[n] = f * Math.pow(a / c, Math.max(0, n - c));
            sum += naive[n];
        }
        double[] p = MMcK.probabilities(c, k, a, 1);
        double total = 0;
        for (int n = 0; n <= k; n++) {
            assertRel(naive[n] / sum, p[n], 1e-12);
            total += p[n];
        }
        assertRel(1.0, total, 1e-14);
        double carried = a * (1 - MMcK.blockingProbability(c, k, a, 1));
        assertRel(carried, MMcK.meanNumberInSystem(c, k, a, 1) - MMcK.meanNumberInQueue(c, k, a, 1),
                1e-12);
    }

    // Invalid inputs must fail with a message naming the value.
    @Test
    void mmck_rejectsBadInputWithClearMessage() {
        assertRejects(() -> MMcK.blockingProbability(3, 2, 1, 1), "capacity K = 2",
                "servers c = 3");
        assertRejects(() -> MMcK.meanNumberInSystem(0, 2, 1, 1), "number of servers c");
        assertRejects(() -> MMcK.meanNumberInSystem(1, 2, 0, 1), "arrival rate lambda", "0.0");
        assertRejects(() -> MMcK.meanNumberInSystem(1, 2, 1, Double.POSITIVE_INFINITY),
                "service rate mu", "Infinity");
    }
}
