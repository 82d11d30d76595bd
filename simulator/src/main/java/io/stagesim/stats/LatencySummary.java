package io.stagesim.stats;

/**
 * Summary of recorded durations, in nanoseconds: count, mean, standard deviation, exact min and
 * max, and percentiles from the merged histogram (within 0.8 %).
 */
public record LatencySummary(long count, double mean, double stdDev, double min, double p50,
        double p75, double p90, double p95, double p99, double p999, double max,
        LogHistogram histogram) {

    /** Builds a summary from sums and a histogram of the same values. */
    public static LatencySummary of(long n, double sum, double sumSquares, LogHistogram h) {
        if (n == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, h);
        }
        double mean = sum / n;
        double variance = n > 1 ? Math.max(0, (sumSquares - n * mean * mean) / (n - 1)) : 0;
        return new LatencySummary(n, mean, Math.sqrt(variance), h.min(), h.quantile(0.50),
                h.quantile(0.75), h.quantile(0.90), h.quantile(0.95), h.quantile(0.99),
                h.quantile(0.999), h.max(), h);
    }
}
