package io.stagesim.analytic;

import java.util.Arrays;

/**
 * The operational laws, which hold for any measured interval in which jobs are conserved (P. J.
 * Denning and J. P. Buzen, "The operational analysis of queueing network models", ACM Computing
 * Surveys 10(3), 1978; Lazowska et al., <i>Quantitative System Performance</i>, 1984, ch. 3
 * fundamental laws and ch. 5 bounds): utilisation law U = X·D, forced flow law X_k = V_k·X,
 * Little's law L = X·R, interactive response time law R = N/X − Z, and the bottleneck bounds
 * X ≤ min_k m_k/D_k and R ≥ Σ D_k, where m_k is the number of servers of resource k.
 *
 * <p>Units: throughput in 1/s, demands and times in seconds, counts dimensionless. Methods throw
 * {@link IllegalArgumentException} for negative or non-finite inputs.
 */
public final class OperationalLaws {

    private OperationalLaws() {
    }

    /** Utilisation law U = X·D for a single server (X in 1/s, D in s). */
    public static double utilisation(double throughput, double demand) {
        return Checks.nonNegative("throughput X", throughput)
                * Checks.nonNegative("service demand D", demand);
    }

    /** Per-server utilisation U = X·D/m for a resource with m servers. */
    public static double utilisation(double throughput, double demand, int servers) {
        Checks.atLeast("number of servers", servers, 1);
        return utilisation(throughput, demand) / servers;
    }

    /** Service demand D = V·S in seconds from visits per job and service time per visit. */
    public static double demand(double visits, double serviceTime) {
        return Checks.nonNegative("visits V", visits)
                * Checks.nonNegative("service time S", serviceTime);
    }

    /** Forced flow law X_k = V_k·X in 1/s. */
    public static double stationThroughput(double visits, double systemThroughput) {
        return Checks.nonNegative("visits V", visits)
                * Checks.nonNegative("throughput X", systemThroughput);
    }

    /** Index of the bottleneck: the resource with the largest demand D_k (first on ties). */
    public static int bottleneck(double[] demands) {
        return bottleneck(demands, ones(demands));
    }

    /** Index of the bottleneck: the largest D_k/m_k for resources with m_k servers. */
    public static int bottleneck(double[] demands, int[] servers) {
        double[] d = checked(demands, servers);
        int best = 0;
        for (int k = 1; k < d.length; k++) {
            if (d[k] / servers[k] > d[best] / servers[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Throughput bound 1/Dmax in 1/s (+∞ when all demands are zero). */
    public static double throughputBound(double[] demands) {
        return throughputBound(demands, ones(demands));
    }

    /** Throughput bound min_k m_k/D_k in 1/s over resources with m_k servers. */
    public static double throughputBound(double[] demands, int[] servers) {
        double[] d = checked(demands, servers);
        double bound = Double.POSITIVE_INFINITY;
        for (int k = 0; k < d.length; k++) {
            if (d[k] > 0) {
                bound = Math.min(bound, servers[k] / d[k]);
            }
        }
        return bound;
    }

    /** Minimum response time Σ D_k in seconds (no queueing anywhere). */
    public static double minimumResponseTime(double[] demands) {
        double s = 0;
        for (double d : Checks.nonNegativeArray("service demand D", demands)) {
            s += d;
        }
        return s;
    }

    /** Little's law L = X·R: mean number present from throughput (1/s) and residence (s). */
    public static double littleNumber(double throughput, double responseTime) {
        return Checks.nonNegative("throughput X", throughput)
                * Checks.nonNegative("response time R", responseTime);
    }

    /** Little's law R = L/X in seconds from mean number present and throughput (1/s). */
    public static double littleResponseTime(double meanNumber, double throughput) {
        Checks.nonNegative("mean number L", meanNumber);
        return meanNumber / Checks.positive("throughput X", throughput);
    }

    /** Little's law X = L/R in 1/s from mean number present and response time (s). */
    public static double littleThroughput(double meanNumber, double responseTime) {
        Checks.nonNegative("mean number L", meanNumber);
        return meanNumber / Checks.positive("response time R", responseTime);
    }

    /** Interactive response time law R = N/X − Z in seconds. */
    public static double interactiveResponseTime(int users, double throughput,
            double thinkTime) {
        Checks.atLeast("number of users N", users, 0);
        Checks.positive("throughput X", throughput);
        Checks.nonNegative("think time Z", thinkTime);
        return users / throughput - thinkTime;
    }

    private static double[] checked(double[] demands, int[] servers) {
        double[] d = Checks.nonNegativeArray("service demand D", demands);
        if (d.length == 0) {
            throw new IllegalArgumentException("at least one resource demand is required");
        }
        if (servers == null || servers.length != d.length) {
            throw new IllegalArgumentException("servers must have one entry per demand ("
                    + d.length + ")");
        }
        for (int k = 0; k < servers.length; k++) {
            Checks.atLeast("servers[" + k + "]", servers[k], 1);
        }
        return d;
    }

    private static int[] ones(double[] demands) {
        int[] m = new int[demands == null ? 0 : demands.length];
        Arrays.fill(m, 1);
        return m;
    }
}
