package io.stagesim.analytic;

/**
 * Exact Mean Value Analysis for a single-class closed product-form network (M. Reiser and S. S.
 * Lavenberg, "Mean-value analysis of closed multichain queuing networks", J. ACM 27(2), 1980;
 * E. D. Lazowska, J. Zahorjan, G. S. Graham and K. C. Sevcik, <i>Quantitative System
 * Performance</i>, Prentice-Hall 1984, ch. 6 for MVA and ch. 5 for the asymptotic bounds).
 *
 * <p>N customers cycle between a think (terminal) delay of Z seconds and the system, which has
 * load-independent single-server queueing stations with service demands D_k = V_k·S_k and
 * infinite-server delay stations with demands Z_j. With Q_k(0) = 0, for n = 1..N:
 * R_k(n) = D_k(1 + Q_k(n−1)), R(n) = Σ_k R_k(n) + Σ_j Z_j, X(n) = n/(Z + R(n)),
 * Q_k(n) = X(n)·R_k(n), U_k(n) = X(n)·D_k. Asymptotic bounds with D = Σ D_k + Σ Z_j and
 * Dmax = max_k D_k: X(N) ≤ min(N/(D + Z), 1/Dmax), R(N) ≥ max(D, N·Dmax − Z), and the knee
 * N* = (D + Z)/Dmax.
 *
 * <p>Units: demands and think time in seconds, throughput in 1/s. Work is O(N·K).
 */
public final class Mva {

    private Mva() {
    }

    /** Solves populations 1..N with queueing demands D_k (s) and think time Z (s). */
    public static MvaResult solve(double[] queueingDemands, double thinkTime, int population) {
        return solve(queueingDemands, new double[0], thinkTime, population);
    }

    /** Solves populations 1..N with queueing demands, other delay demands, and think time (s). */
    public static MvaResult solve(double[] queueingDemands, double[] delayDemands,
            double thinkTime, int population) {
        double[] d = Checks.nonNegativeArray("queueing demand D", queueingDemands);
        double[] delays = Checks.nonNegativeArray("delay demand", delayDemands);
        Checks.nonNegative("think time Z", thinkTime);
        Checks.atLeast("population N", population, 1);
        double fixed = sum(delays);
        if (!(sum(d) + fixed + thinkTime > 0)) {
            throw new IllegalArgumentException(
                    "total demand plus think time must be positive, was 0");
        }
        int k = d.length;
        double[] x = new double[population + 1];
        double[] r = new double[population + 1];
        double[][] q = new double[population + 1][k];
        double[][] rk = new double[population + 1][k];
        for (int n = 1; n <= population; n++) {
            double total = fixed;
            for (int i = 0; i < k; i++) {
                rk[n][i] = d[i] * (1 + q[n - 1][i]);
                total += rk[n][i];
            }
            r[n] = total;
            x[n] = n / (thinkTime + total);
            for (int i = 0; i < k; i++) {
                q[n][i] = x[n] * rk[n][i];
            }
        }
        return new MvaResult(d, delays, thinkTime, x, r, q, rk);
    }

    /** Asymptotic throughput bound min(N/(D + Z), 1/Dmax) in 1/s, D including delay demands. */
    public static double throughputUpperBound(double[] queueingDemands, double[] delayDemands,
            double thinkTime, int population) {
        Checks.atLeast("population N", population, 1);
        double total = totalDemand(queueingDemands, delayDemands, thinkTime);
        return Math.min(population / (total + thinkTime), 1 / max(queueingDemands));
    }

    /** Asymptotic throughput bound min(N/(D + Z), 1/Dmax) with queueing stations only. */
    public static double throughputUpperBound(double[] queueingDemands, double thinkTime,
            int population) {
        return throughputUpperBound(queueingDemands, new double[0], thinkTime, population);
    }

    /** Pessimistic throughput bound N/(N·D + Z) in 1/s (every other customer queues ahead). */
    public static double throughputLowerBound(double[] queueingDemands, double[] delayDemands,
            double thinkTime, int population) {
        Checks.atLeast("population N", population, 1);
        double total = totalDemand(queueingDemands, delayDemands, thinkTime);
        double queueing = sum(queueingDemands);
        double delay = total - queueing;
        return population / (population * queueing + delay + thinkTime);
    }

    /** Asymptotic response-time bound max(D, N·Dmax − Z) in seconds, D including delays. */
    public static double responseTimeLowerBound(double[] queueingDemands, double[] delayDemands,
            double thinkTime, int population) {
        Checks.atLeast("population N", population, 1);
        double total = totalDemand(queueingDemands, delayDemands, thinkTime);
        return Math.max(total, population * max(queueingDemands) - thinkTime);
    }

    /** The knee N* = (D + Z)/Dmax where the two throughput asymptotes cross. */
    public static double saturationPopulation(double[] queueingDemands, double[] delayDemands,
            double thinkTime) {
        double total = totalDemand(queueingDemands, delayDemands, thinkTime);
        return (total + thinkTime) / max(queueingDemands);
    }

    /** The knee N* = (D + Z)/Dmax with queueing stations only. */
    public static double saturationPopulation(double[] queueingDemands, double thinkTime) {
        return saturationPopulation(queueingDemands, new double[0], thinkTime);
    }

    private static double totalDemand(double[] queueingDemands, double[] delayDemands,
            double thinkTime) {
        double d = sum(Checks.nonNegativeArray("queueing demand D", queueingDemands));
        double z = sum(Checks.nonNegativeArray("delay demand", delayDemands));
        Checks.nonNegative("think time Z", thinkTime);
        if (!(d + z + thinkTime > 0)) {
            throw new IllegalArgumentException(
                    "total demand plus think time must be positive, was 0");
        }
        return d + z;
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
