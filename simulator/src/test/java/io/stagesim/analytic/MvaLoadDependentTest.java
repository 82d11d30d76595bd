package io.stagesim.analytic;

import static io.stagesim.analytic.Approx.assertRel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Multi-server and load-dependent MVA against the product form of the same networks, summed state
 * by state in the test (the normalising constant over every way of placing N customers), which
 * shares no code or recursion with the MVA.
 */
final class MvaLoadDependentTest {

    // The case: one user, no think time, 13.7 ms of CPU on a two-core host. The user's
    // request runs on one core: 13.7 ms and 1/0.0137 = 72.99 per second, not twice that.
    @Test
    void oneUserOnATwoCoreCpuTakesItsWholeDemand() {
        MvaResult r = Mva.solve(new double[] {0.0137}, new int[] {2}, new double[0], 0, 1);
        assertEquals(0.0137, r.responseTime(1), 1e-15);
        assertEquals(1 / 0.0137, r.throughput(1), 1e-9);
        assertEquals(0.5, r.utilisation(1, 0), 1e-12); // one of two cores busy
    }

    // Machine repairman with c repairmen: p(j) ∝ N!/(N−j)!·(D/Z)^j / Π_{i≤j} min(i, c), and
    // X = Σ_j p(j)·min(j, c)/D.
    @Test
    void singleMultiServerStationWithThinkIsTheMachineRepairmanWithCRepairmen() {
        double d = 0.2;
        double z = 1.5;
        for (int c : new int[] {1, 2, 3, 8}) {
            MvaResult r = Mva.solve(new double[] {d}, new int[] {c}, new double[0], z, 40);
            for (int bigN = 1; bigN <= 40; bigN++) {
                double w = 1;
                double sum = 1;
                double served = 0;
                for (int j = 1; j <= bigN; j++) {
                    w *= (bigN - j + 1) * (d / z) / Math.min(j, c);
                    sum += w;
                    served += w * Math.min(j, c) / d;
                }
                double x = served / sum;
                assertRel(x, r.throughput(bigN));
                assertRel(bigN / x - z, r.responseTime(bigN));
                assertRel(x * d / c, r.utilisation(bigN, 0));
            }
        }
    }

    // Two queueing stations (a two-core CPU and a single disk), a delay and think time: every state
    // (n1 at the CPU, n2 at the disk, the rest thinking or in the delay) weighted by the product
    // form, X = E[customers in the think/delay stage] / (Z + Zd).
    @Test
    void twoStationsAgainstTheProductFormSummedOverEveryState() {
        double cpu = 0.030;
        double disk = 0.018;
        double delay = 0.010;
        double z = 0.25;
        MvaResult r = Mva.solve(new double[] {cpu, disk}, new int[] {2, 1}, new double[] {delay}, z, 30);
        for (int bigN = 1; bigN <= 30; bigN++) {
            double g = 0;
            double away = 0;
            double atCpu = 0;
            double atDisk = 0;
            for (int n1 = 0; n1 <= bigN; n1++) {
                for (int n2 = 0; n2 + n1 <= bigN; n2++) {
                    int n0 = bigN - n1 - n2;
                    double w = Math.pow(z + delay, n0) / factorial(n0)
                            * Math.pow(cpu, n1) / beta(n1, 2) * Math.pow(disk, n2);
                    g += w;
                    away += n0 * w;
                    atCpu += n1 * w;
                    atDisk += n2 * w;
                }
            }
            double x = away / g / (z + delay);
            assertRel(x, r.throughput(bigN));
            assertRel(atCpu / g, r.queueLength(bigN, 0));
            assertRel(atDisk / g, r.queueLength(bigN, 1));
            assertRel(bigN / x - z, r.responseTime(bigN));
        }
    }

    // A demand that falls with concurrency (the issue: 13.7 ms per request alone, 12.4 ms when
    // busy), as rate multipliers alpha(j) = j·D(1)/D(j) on one core, against the product form with
    // Π 1/alpha(i).
    @Test
    void loadDependentTableAgainstTheProductForm() {
        double d = 0.0137;
        double[] alpha = {1, 13.7 / 13.0, 13.7 / 12.4};
        double z = 0.05;
        MvaResult r = Mva.solveLoadDependent(new double[] {d}, new double[][] {alpha}, new double[0], z, 25);
        for (int bigN = 1; bigN <= 25; bigN++) {
            double w = 1;
            double sum = 1;
            double served = 0;
            for (int j = 1; j <= bigN; j++) {
                double a = alpha[Math.min(j, alpha.length) - 1];
                w *= (bigN - j + 1) * (d / z) / a;
                sum += w;
                served += w * a / d;
            }
            assertRel(served / sum, r.throughput(bigN));
        }
        // busy, it serves 1/12.4 ms = 80.6 per second
        assertEquals(1 / 0.0124, r.throughput(25), 1e-3 / 0.0124);
    }

    // All multipliers 1 is the single-server station: the same numbers as the classic recursion.
    @Test
    void unitMultipliersGiveTheSingleServerAnswer() {
        double[] d = {0.04, 0.01};
        MvaResult a = Mva.solve(d, new double[] {0.005}, 1.0, 60);
        MvaResult b = Mva.solveLoadDependent(d, new double[][] {{1}, {1, 1}}, new double[] {0.005}, 1.0, 60);
        MvaResult c = Mva.solve(d, new int[] {1, 1}, new double[] {0.005}, 1.0, 60);
        for (int n = 1; n <= 60; n++) {
            assertEquals(a.throughput(n), b.throughput(n), 0);
            assertEquals(a.throughput(n), c.throughput(n), 0);
            assertEquals(a.responseTime(n), c.responseTime(n), 0);
        }
    }

    // As many servers as customers: nobody ever queues, R = D at every population.
    @Test
    void enoughServersForEveryoneIsADelay() {
        MvaResult r = Mva.solve(new double[] {0.1}, new int[] {50}, new double[0], 0.4, 50);
        for (int n = 1; n <= 50; n++) {
            assertRel(0.1, r.responseTime(n));
            assertRel(n / 0.5, r.throughput(n));
        }
    }

    @Test
    void badShapesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Mva.solve(new double[] {0.1}, new int[] {1, 2}, new double[0], 1, 3));
        assertThrows(IllegalArgumentException.class,
                () -> Mva.solve(new double[] {0.1}, new int[] {0}, new double[0], 1, 3));
        assertThrows(IllegalArgumentException.class,
                () -> Mva.solveLoadDependent(new double[] {0.1}, new double[][] {{}}, new double[0], 1, 3));
        assertThrows(IllegalArgumentException.class,
                () -> Mva.solveLoadDependent(new double[] {0.1}, new double[][] {{1, 0}}, new double[0], 1, 3));
    }

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }

    private static double beta(int n, int c) {
        double b = 1;
        for (int i = 1; i <= n; i++) {
            b *= Math.min(i, c);
        }
        return b;
    }
}
