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
 * <p>Multi-server and load-dependent stations (a CPU's cores; a demand that changes with
 * concurrency) are solved exactly by {@link #solveLoadDependent} with marginal queue-length
 * probabilities.
 *
 * <p>Units: demands and think time in seconds, throughput in 1/s. Work is O(N·K), O(N²·K) with
 * load-dependent stations.
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
        return new MvaResult(d, null, delays, thinkTime, x, r, q, rk);
    }

    /**
     * Solves populations 1..N with multi-server queueing stations: station k has {@code servers[k]}
     * identical servers (a CPU's cores), each serving a customer's demand D_k at full speed, so a
     * customer alone there takes D_k, not D_k / c. Exact, as the load-dependent MVA of
     * {@link #solveLoadDependent} with rate multipliers min(j, c_k).
     */
    public static MvaResult solve(double[] queueingDemands, int[] servers, double[] delayDemands,
            double thinkTime, int population) {
        if (servers.length != queueingDemands.length) {
            throw new IllegalArgumentException("servers must have one entry per queueing station ("
                    + queueingDemands.length + "), had " + servers.length);
        }
        double[][] rates = new double[servers.length][];
        for (int k = 0; k < servers.length; k++) {
            Checks.atLeast("servers of station " + k, servers[k], 1);
            rates[k] = new double[servers[k]];
            for (int j = 1; j <= servers[k]; j++) {
                rates[k][j - 1] = j;
            }
        }
        return solveLoadDependent(queueingDemands, rates, delayDemands, thinkTime, population);
    }

    /**
     * Exact MVA with load-dependent queueing stations (Reiser and Lavenberg 1980; Lazowska et al.
     * 1984, ch. 20). Station k serves at rate alpha_k(j) / D_k with j customers present, where
     * {@code rates[k][j − 1]} = alpha_k(j) and the last entry holds for every larger j (so
     * {1, 2} is a two-core CPU, {1} a single server, and a table falling below j·alpha(1)/j models
     * demand per request that changes with concurrency). With marginal probabilities p_k(j | n):
     * R_k(n) = Σ_{j=1..n} j·D_k/alpha_k(j)·p_k(j−1 | n−1), X(n) = n/(Z + Σ R_k(n) + Σ Z_j),
     * p_k(j | n) = X(n)·D_k/alpha_k(j)·p_k(j−1 | n−1) for j ≥ 1 and p_k(0 | n) the rest. A station
     * whose multipliers are all 1 is solved by the single-server recursion, which is exact and
     * free of the cancellation in p_k(0 | n) near saturation.
     *
     * @param rates alpha_k(1), alpha_k(2), … for each station, each positive
     */
    public static MvaResult solveLoadDependent(double[] queueingDemands, double[][] rates,
            double[] delayDemands, double thinkTime, int population) {
        double[] d = Checks.nonNegativeArray("queueing demand D", queueingDemands);
        double[] delays = Checks.nonNegativeArray("delay demand", delayDemands);
        Checks.nonNegative("think time Z", thinkTime);
        Checks.atLeast("population N", population, 1);
        int k = d.length;
        if (rates.length != k) {
            throw new IllegalArgumentException("rates must have one row per queueing station (" + k
                    + "), had " + rates.length);
        }
        double[][] alpha = new double[k][];
        boolean[] single = new boolean[k];
        double[] peak = new double[k];
        for (int i = 0; i < k; i++) {
            if (rates[i].length == 0) {
                throw new IllegalArgumentException("rates of station " + i + " must not be empty");
            }
            alpha[i] = Checks.nonNegativeArray("rate multiplier of station " + i, rates[i]);
            single[i] = true;
            for (double a : alpha[i]) {
                if (!(a > 0)) {
                    throw new IllegalArgumentException("rate multipliers of station " + i
                            + " must be positive, were " + java.util.Arrays.toString(alpha[i]));
                }
                single[i] &= a == 1;
                peak[i] = Math.max(peak[i], a);
            }
        }
        double fixed = sum(delays);
        if (!(sum(d) + fixed + thinkTime > 0)) {
            throw new IllegalArgumentException("total demand plus think time must be positive, was 0");
        }
        double[] x = new double[population + 1];
        double[] r = new double[population + 1];
        double[][] q = new double[population + 1][k];
        double[][] rk = new double[population + 1][k];
        double[][] p = new double[k][]; // p[i][j] = p_i(j | n − 1), rewritten for each n
        double[][] next = new double[k][];
        for (int i = 0; i < k; i++) {
            p[i] = new double[population + 1];
            next[i] = new double[population + 1];
            p[i][0] = 1;
        }
        for (int n = 1; n <= population; n++) {
            double total = fixed;
            for (int i = 0; i < k; i++) {
                if (single[i]) {
                    rk[n][i] = d[i] * (1 + q[n - 1][i]);
                } else {
                    double sum = 0;
                    for (int j = 1; j <= n; j++) {
                        sum += j / at(alpha[i], j) * p[i][j - 1];
                    }
                    rk[n][i] = d[i] * sum;
                }
                total += rk[n][i];
            }
            r[n] = total;
            x[n] = n / (thinkTime + total);
            for (int i = 0; i < k; i++) {
                q[n][i] = x[n] * rk[n][i];
                if (!single[i]) {
                    double busy = 0;
                    for (int j = 1; j <= n; j++) {
                        next[i][j] = x[n] * d[i] / at(alpha[i], j) * p[i][j - 1];
                        busy += next[i][j];
                    }
                    next[i][0] = Math.max(0, 1 - busy);
                    double[] t = p[i];
                    p[i] = next[i];
                    next[i] = t;
                }
            }
        }
        return new MvaResult(d, peak, delays, thinkTime, x, r, q, rk);
    }

    private static double at(double[] alpha, int j) {
        return alpha[Math.min(j, alpha.length) - 1];
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
