package io.stagesim.stats;

/**
 * MSER-5 truncation (White, 1997; White, Cobb and Spratt, 2000): batch the output series into
 * means of 5, and delete the first d batches where d minimises the marginal standard error
 * statistic MSER(d) = Σ_{j>d} (Z_j − Z̄_d)² / (m − d)², searching d only over the first half of the
 * series (a minimum found later means the run is too short to tell).
 *
 * <p>stagesim applies it to the per-window series of a latency metric, weighting each window by
 * the number of observations it holds; windows are the observations, batched five at a time.
 */
public final class Mser {

    /** Observations per batch. */
    public static final int BATCH = 5;

    private Mser() {
    }

    /**
     * The number of leading observations to delete from {@code values} (each with weight
     * {@code weights[i]}; a weight of zero means an empty window). Always a multiple of
     * {@link #BATCH}, at most half the series.
     */
    public static int truncation(double[] values, double[] weights) {
        if (values.length != weights.length) {
            throw new IllegalArgumentException("values and weights differ in length");
        }
        int m = values.length / BATCH;
        if (m < 2) {
            return 0;
        }
        double[] z = new double[m];
        double[] zw = new double[m];
        for (int j = 0; j < m; j++) {
            double s = 0;
            double w = 0;
            for (int k = j * BATCH; k < (j + 1) * BATCH; k++) {
                s += values[k] * weights[k];
                w += weights[k];
            }
            z[j] = w == 0 ? 0 : s / w;
            zw[j] = w;
        }
        // Suffix sums give every MSER(d) in one backward pass.
        double[] statistic = new double[m];
        double sw = 0;
        double sx = 0;
        double sxx = 0;
        int batches = 0;
        for (int d = m - 1; d >= 0; d--) {
            if (zw[d] > 0) {
                sw += 1;
                sx += z[d];
                sxx += z[d] * z[d];
                batches++;
            }
            double mean = batches == 0 ? 0 : sx / sw;
            double sse = Math.max(0, sxx - sw * mean * mean);
            statistic[d] = batches < 2 ? Double.POSITIVE_INFINITY : sse / ((double) batches * batches);
        }
        int best = 0;
        for (int d = 1; d <= m / 2; d++) {
            if (statistic[d] < statistic[best]) {
                best = d;
            }
        }
        return best * BATCH;
    }
}
