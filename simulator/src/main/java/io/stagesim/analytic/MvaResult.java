package io.stagesim.analytic;

/**
 * The output of exact single-class {@link Mva}: for every population n = 1..N the throughput,
 * the system response time (excluding think time), and per-station queue lengths, residence
 * times and utilisations. Queueing stations are indexed k = 0..K−1 in input order; delay
 * (infinite-server) stations other than the think time are indexed j = 0..J−1. Immutable.
 *
 * <p>Units: throughput in 1/s, times in seconds, queue lengths in customers.
 */
public final class MvaResult {

    private final double[] queueingDemands;
    private final double[] capacity; // the most a station serves at once (cores), null: 1 each
    private final double[] delayDemands;
    private final double thinkTime;
    private final double[] throughput;
    private final double[] responseTime;
    private final double[][] queueLength;
    private final double[][] residenceTime;

    MvaResult(double[] queueingDemands, double[] capacity, double[] delayDemands, double thinkTime,
            double[] throughput, double[] responseTime, double[][] queueLength,
            double[][] residenceTime) {
        this.queueingDemands = queueingDemands;
        this.capacity = capacity;
        this.delayDemands = delayDemands;
        this.thinkTime = thinkTime;
        this.throughput = throughput;
        this.responseTime = responseTime;
        this.queueLength = queueLength;
        this.residenceTime = residenceTime;
    }

    /** The largest population N solved; results exist for every n in 1..N. */
    public int population() {
        return throughput.length - 1;
    }

    /** Number of queueing stations K. */
    public int queueingStations() {
        return queueingDemands.length;
    }

    /** Number of delay stations J (excluding the think time). */
    public int delayStations() {
        return delayDemands.length;
    }

    /** Think time Z in seconds. */
    public double thinkTime() {
        return thinkTime;
    }

    /** System throughput X(n) in 1/s. */
    public double throughput(int n) {
        return throughput[checkN(n)];
    }

    /** System response time R(n) = N/X − Z in seconds: all residence times, excluding think. */
    public double responseTime(int n) {
        return responseTime[checkN(n)];
    }

    /** Mean queue length Q_k(n) (waiting plus in service) at queueing station k. */
    public double queueLength(int n, int k) {
        return queueLength[checkN(n)][checkK(k)];
    }

    /** Residence time R_k(n) in seconds at queueing station k (D_k(1 + Q_k(n − 1)) for a single server). */
    public double residenceTime(int n, int k) {
        return residenceTime[checkN(n)][checkK(k)];
    }

    /**
     * Utilisation U_k(n) = X(n)·D_k / c_k of queueing station k, where c_k is the most it serves at
     * once (its servers, or its largest rate multiplier; 1 for a single server).
     */
    public double utilisation(int n, int k) {
        return throughput[checkN(n)] * queueingDemands[checkK(k)] / (capacity == null ? 1 : capacity[k]);
    }

    /** Mean number X(n)·D_j at delay station j. */
    public double delayQueueLength(int n, int j) {
        return throughput[checkN(n)] * delayDemands[checkJ(j)];
    }

    /** Mean number of customers thinking, X(n)·Z. */
    public double thinkingCustomers(int n) {
        return throughput[checkN(n)] * thinkTime;
    }

    private int checkN(int n) {
        if (n < 1 || n >= throughput.length) {
            throw new IllegalArgumentException(
                    "population n must be in 1.." + population() + ", was " + n);
        }
        return n;
    }

    private int checkK(int k) {
        if (k < 0 || k >= queueingDemands.length) {
            throw new IllegalArgumentException("queueing station index k must be in 0.."
                    + (queueingDemands.length - 1) + ", was " + k);
        }
        return k;
    }

    private int checkJ(int j) {
        if (j < 0 || j >= delayDemands.length) {
            throw new IllegalArgumentException("delay station index j must be in 0.."
                    + (delayDemands.length - 1) + ", was " + j);
        }
        return j;
    }
}
