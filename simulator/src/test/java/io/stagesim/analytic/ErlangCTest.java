package io.stagesim.analytic;

import static io.stagesim.analytic.Approx.assertRejects;
import static io.stagesim.analytic.Approx.assertRel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class ErlangCTest {

    // Reference values from the direct Erlang C sum in 60-digit arithmetic (C(10, 8) ≈ 0.409 is
    // the usual table entry) and the textbook M/M/2 case C(2, 1) = 1/3.
    @Test
    void erlangC_matchesTableValue() {
        assertRel(1.0 / 3.0, ErlangC.probabilityOfWaiting(2, 1.0));
        assertRel(0.40918015079644353201, ErlangC.probabilityOfWaiting(10, 8.0), 1e-13);
        assertRel(0.50645685391302059119, ErlangC.probabilityOfWaiting(100, 95.0), 1e-12);
        assertRel(0.65908042188085443953, ErlangC.probabilityOfWaiting(1000, 990.0), 1e-11);
    }

    // Closed forms for M/M/2 with ρ = λ/(2μ): C = 2ρ²/(1+ρ), L = 2ρ/(1−ρ²), Wq = C/(2μ−λ).
    @Test
    void erlangC_mm2MatchesClosedForm() {
        double lambda = 3;
        double mu = 2;
        double rho = 0.75;
        double c = 2 * rho * rho / (1 + rho);
        assertRel(c, ErlangC.probabilityOfWaiting(2, lambda, mu));
        assertRel(rho, ErlangC.utilisation(2, lambda, mu));
        assertRel(c / (2 * mu - lambda), ErlangC.meanWait(2, lambda, mu));
        assertRel(2 * rho / (1 - rho * rho), ErlangC.meanNumberInSystem(2, lambda, mu));
        assertRel(lambda * c / (2 * mu - lambda), ErlangC.meanNumberInQueue(2, lambda, mu));
        assertRel(2 * rho / (1 - rho * rho) / lambda, ErlangC.meanResponseTime(2, lambda, mu));
    }

    // An M/M/c queue with one server is the M/M/1 queue, including tails and quantiles.
    @Test
    void erlangC_withOneServerEqualsMM1() {
        double lambda = 7;
        double mu = 10;
        assertRel(0.7, ErlangC.probabilityOfWaiting(1, lambda, mu));
        assertRel(MM1.meanWait(lambda, mu), ErlangC.meanWait(1, lambda, mu));
        assertRel(MM1.meanResponseTime(lambda, mu), ErlangC.meanResponseTime(1, lambda, mu));
        assertRel(MM1.meanNumberInSystem(lambda, mu), ErlangC.meanNumberInSystem(1, lambda, mu));
        for (double t : new double[] {0, 0.01, 0.5, 3, 20}) {
            assertRel(MM1.responseTimeTail(lambda, mu, t),
                    ErlangC.responseTimeTail(1, lambda, mu, t), 1e-12);
            assertRel(MM1.waitTail(lambda, mu, t), ErlangC.waitTail(1, lambda, mu, t), 1e-12);
        }
        for (double q : new double[] {0.5, 0.9, 0.99, 0.999999}) {
            assertRel(MM1.responseTimeQuantile(lambda, mu, q),
                    ErlangC.responseTimeQuantile(1, lambda, mu, q), 1e-12);
            assertRel(MM1.waitQuantile(lambda, mu, q), ErlangC.waitQuantile(1, lambda, mu, q),
                    1e-12);
        }
    }

    // The response tail against (1−C)e^{−μt} + C(δe^{−μt} − μe^{−δt})/(δ − μ) in 60 digits.
    @Test
    void erlangC_responseTailMatchesHighPrecisionReference() {
        assertRel(0.18662721385244914751, ErlangC.responseTimeTail(4, 3, 1, 2.5), 1e-13);
        assertRel(2.8948786814817862394e-9, ErlangC.responseTimeTail(3, 2.5, 1, 40), 1e-12);
    }

    // When cμ − λ = μ the hypoexponential becomes Erlang-2; for c = 2, λ = μ = 1, C = 1/3:
    // P(T > t) = (2/3)e^{−t} + (1/3)(1 + t)e^{−t}. Just off the limit there is no cancellation.
    @Test
    void erlangC_responseTailHandlesEqualRatesLimit() {
        double t = 2;
        assertRel(Math.exp(-t) * (1 + t / 3), ErlangC.responseTimeTail(2, 1, 1, t), 1e-14);
        assertRel(0.2255588053943544864899992, ErlangC.responseTimeTail(2, 1, 1, t), 1e-14);
        assertRel(0.2255588294539629014302503, ErlangC.responseTimeTail(2, 1 + 1e-7, 1, t), 1e-12);
    }

    // The wait is C·Exp(cμ − λ): check its tail and its quantile, including the atom at zero.
    @Test
    void erlangC_waitTailAndQuantileAreExact() {
        double c = ErlangC.probabilityOfWaiting(4, 3, 1);
        assertRel(c * Math.exp(-2.0), ErlangC.waitTail(4, 3, 1, 2.0));
        assertRel(Math.log(c / 0.01), ErlangC.waitQuantile(4, 3, 1, 0.99));
        assertEquals(0.0, ErlangC.waitQuantile(4, 3, 1, 1 - c));
    }

    // Response quantiles found by root finding on the exact tail in 60-digit arithmetic.
    @Test
    void erlangC_responseQuantileMatchesHighPrecisionRoot() {
        assertRel(6.0063081765617947666, ErlangC.responseTimeQuantile(4, 3, 1, 0.99), 1e-12);
        assertRel(0.72128238009501815944, ErlangC.responseTimeQuantile(8, 60, 10, 0.999), 1e-12);
        double t = ErlangC.responseTimeQuantile(50, 45, 1, 0.9999);
        assertRel(1e-4, ErlangC.responseTimeTail(50, 45, 1, t), 1e-12);
        assertEquals(0.0, ErlangC.responseTimeQuantile(4, 3, 1, 0.0));
    }

    // For c = 1 the highest rate meeting the q-quantile target T is μ + ln(1−q)/T exactly.
    @Test
    void erlangC_maxRateMatchesMM1ClosedForm() {
        double mu = 10;
        double target = 1.0;
        double expected = mu + Math.log(0.01) / target;
        assertRel(expected, ErlangC.maxRateForResponseQuantile(1, mu, 0.99, target), 1e-12);
    }

    // For c = 4 the rate agrees with a 60-digit nested root and its p99 sits on the target.
    @Test
    void erlangC_maxRateMatchesHighPrecisionReference() {
        double lambda = ErlangC.maxRateForResponseQuantile(4, 1, 0.99, 6.0);
        assertRel(2.9980824624205945076, lambda, 1e-11);
        assertTrue(ErlangC.responseTimeQuantile(4, lambda, 1, 0.99) <= 6.0);
        assertRel(6.0, ErlangC.responseTimeQuantile(4, lambda, 1, 0.99), 1e-12);
    }

    // A target at or below the bare service-time quantile −ln(1−q)/μ is met by no positive rate.
    @Test
    void erlangC_maxRateIsZeroWhenTargetIsUnreachable() {
        double serviceQuantile = -Math.log1p(-0.99);
        assertEquals(0.0, ErlangC.maxRateForResponseQuantile(4, 1, 0.99, serviceQuantile));
        assertEquals(0.0, ErlangC.maxRateForResponseQuantile(1, 1, 0.99, serviceQuantile / 2));
        assertTrue(ErlangC.maxRateForResponseQuantile(4, 1, 0.99, serviceQuantile * 1.01) > 0);
    }

    // Unstable or invalid inputs must fail with a message naming the value.
    @Test
    void erlangC_rejectsBadInputWithClearMessage() {
        assertRejects(() -> ErlangC.probabilityOfWaiting(4, 4.0), "offered load a = 4.0",
                "servers c = 4");
        assertRejects(() -> ErlangC.meanWait(2, 5, 2), "rho", "1.25", "below 1");
        assertRejects(() -> ErlangC.meanWait(0, 1, 2), "number of servers c", "0");
        assertRejects(() -> ErlangC.meanWait(2, 1, -2), "service rate mu", "-2.0");
        assertRejects(() -> ErlangC.responseTimeQuantile(2, 1, 2, -0.1), "quantile level q");
        assertRejects(() -> ErlangC.maxRateForResponseQuantile(2, 1, 1.0, 3), "quantile level q");
        assertRejects(() -> ErlangC.maxRateForResponseQuantile(2, 1, 0.9, 0), "target response");
    }
}
