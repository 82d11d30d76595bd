package io.stagesim.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class DemandFitTest {

    // Unconstrained least squares would give the second column a negative coefficient; NNLS must
    // hold it at 0 and satisfy the Karush–Kuhn–Tucker conditions: the gradient Aᵀ(b − Ax) is 0 on
    // the positive coefficients and ≤ 0 on those at the bound.
    @Test
    void nnlsMeetsTheKktConditions() {
        double[][] a = {{1, 0.1, 2}, {1, 0.9, 1}, {1, 0.3, 3}, {1, 0.8, 0.5}, {1, 0.5, 2.5}};
        double[] b = {2.1, 0.9, 3.2, 0.3, 2.4};
        double[] x = Nnls.solve(a, b);
        double[] w = new double[3];
        for (int i = 0; i < a.length; i++) {
            double r = b[i];
            for (int j = 0; j < 3; j++) {
                r -= a[i][j] * x[j];
            }
            for (int j = 0; j < 3; j++) {
                w[j] += a[i][j] * r;
            }
        }
        int zeros = 0;
        for (int j = 0; j < 3; j++) {
            assertTrue(x[j] >= 0);
            if (x[j] > 0) {
                assertEquals(0, w[j], 1e-9, "gradient at a positive coefficient");
            } else {
                zeros++;
                assertTrue(w[j] <= 1e-9, "gradient at a zero coefficient: " + w[j]);
            }
        }
        // the constraint binds: without it the fit has a negative coefficient
        double[] free = Nnls.leastSquares(a, b, new boolean[] {true, true, true});
        assertTrue(java.util.Arrays.stream(free).anyMatch(v -> v < 0), java.util.Arrays.toString(free));
        assertTrue(zeros >= 1, java.util.Arrays.toString(x));
    }

    // Exact data: y = 0.05 + 0.0137·x1 + 0.004·x2 is given back, with R² = 1.
    @Test
    void exactDataIsGivenBack() {
        Random rnd = new Random(5);
        int n = 40;
        double[] y = new double[n];
        double[][] x = new double[n][2];
        for (int i = 0; i < n; i++) {
            x[i][0] = 10 + 50 * rnd.nextDouble();
            x[i][1] = 30 * rnd.nextDouble();
            y[i] = 0.05 + 0.0137 * x[i][0] + 0.004 * x[i][1];
        }
        DemandFit.Result r = DemandFit.fit("app", y, x, List.of("page", "api"));
        assertEquals(0.0137, r.demand("page").value(), 1e-12);
        assertEquals(0.004, r.demand("api").value(), 1e-12);
        assertEquals(0.05, r.background().value(), 1e-12);
        assertEquals(1, r.rSquared(), 1e-12);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    // Two classes whose rates always move together (the second is twice the first) cannot be told
    // apart: the warning names them.
    @Test
    void classesThatMoveTogetherAreWarned() {
        int n = 30;
        double[] y = new double[n];
        double[][] x = new double[n][2];
        for (int i = 0; i < n; i++) {
            x[i][0] = 10 + i;
            x[i][1] = 2 * (10 + i);
            y[i] = 0.01 * x[i][0] + 0.002 * x[i][1];
        }
        DemandFit.Result r = DemandFit.fit("app", y, x, List.of("page", "api"));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("cannot be told apart")
                && w.contains("page and api move together")), r.warnings().toString());
    }

    // A class at a constant rate is indistinguishable from the background.
    @Test
    void aClassAtAConstantRateIsWarned() {
        int n = 30;
        double[] y = new double[n];
        double[][] x = new double[n][2];
        for (int i = 0; i < n; i++) {
            x[i][0] = 10 + i % 7;
            x[i][1] = 5;
            y[i] = 0.01 * x[i][0] + 0.002 * 5;
        }
        DemandFit.Result r = DemandFit.fit("app", y, x, List.of("page", "ping"));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("the rate of ping never varied")),
                r.warnings().toString());
    }

    // The 95 % intervals mean what they say: over 400 data sets of 120 intervals with independent
    // Gaussian noise (σ = 0.05 cores) around U = 0.01 + 0.0137·X1 + 0.0091·X2, the interval of the
    // first demand must contain the truth in about 380; binomial(400, 0.95) lies in [365, 393] with
    // probability above 0.998.
    @Test
    void intervalsCoverTheTruthAtTheirNominalRate() {
        Random rnd = new Random(11);
        int covered = 0;
        for (int set = 0; set < 400; set++) {
            int n = 120;
            double[] y = new double[n];
            double[][] x = new double[n][2];
            for (int i = 0; i < n; i++) {
                x[i][0] = 20 + rnd.nextInt(60);
                x[i][1] = rnd.nextInt(15);
                y[i] = 0.01 + 0.0137 * x[i][0] + 0.0091 * x[i][1] + 0.05 * rnd.nextGaussian();
            }
            DemandFit.Coefficient c = DemandFit.fit("app", y, x, List.of("page", "write")).demand("page");
            covered += Math.abs(c.value() - 0.0137) <= c.halfWidth() ? 1 : 0;
        }
        assertTrue(covered >= 365 && covered <= 393, covered + " of 400 intervals covered the truth");
    }

    // A fixed mix cannot be split by regression: 90 pages and 10 writes used 1.0 s of CPU, so the mix
    // costs 10 ms a request; split by time at the server (1 : 2) the page gets 10·100/110 = 9.09 ms
    // and the write twice that, and together they still make the 1.0 s.
    @Test
    void fixedMixFallsBackToTheServiceDemandLaw() {
        DemandFit.Result r = DemandFit.byServiceDemandLaw("app", 1.0, new double[] {90, 10}, new double[] {1, 2},
                List.of("page", "write"), 3, List.of());
        assertEquals(0.01 * 100 / 110, r.demand("page").value(), 1e-15);
        assertEquals(0.02 * 100 / 110, r.demand("write").value(), 1e-15);
        assertEquals(1.0, 90 * r.demand("page").value() + 10 * r.demand("write").value(), 1e-12);
        assertTrue(!r.separated() && r.warnings().get(0).contains("the mix's 10.000 ms per request"), r.toString());
    }

    // CPU that has nothing to do with the requests: a poor fit, said.
    @Test
    void unrelatedCpuIsAPoorFit() {
        Random rnd = new Random(9);
        int n = 60;
        double[] y = new double[n];
        double[][] x = new double[n][1];
        for (int i = 0; i < n; i++) {
            x[i][0] = 20 + rnd.nextInt(40);
            y[i] = 0.5 + 0.3 * rnd.nextGaussian();
        }
        DemandFit.Result r = DemandFit.fit("app", y, x, List.of("page"));
        assertTrue(r.rSquared() < 0.2, "R² " + r.rSquared());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("a poor fit")), r.warnings().toString());
    }
}
