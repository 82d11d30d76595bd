package io.stagesim.stats;

import java.util.Arrays;

/**
 * Durations (latencies, waits) recorded per time window: count, sum, sum of squares and a
 * {@link LogHistogram} each, so that percentiles are available over time and over any range of
 * windows after warm-up.
 */
public final class LatencyRecorder implements Windows.Windowed {

    private final Windows windows;
    private long[] count = new long[0];
    private double[] sum = new double[0];
    private double[] sumSquares = new double[0];
    private LogHistogram[] histogram = new LogHistogram[0];

    /** A recorder on the given window grid. */
    public LatencyRecorder(Windows windows) {
        this.windows = windows;
        windows.register(this);
    }

    /** Records one duration in nanoseconds. */
    public void record(long nanos) {
        int w = windows.current();
        count[w]++;
        double x = nanos;
        sum[w] += x;
        sumSquares[w] += x * x;
        histogram[w].record(nanos);
    }

    /** Number of durations recorded in window {@code i}. */
    public long count(int i) {
        return count[i];
    }

    /** Sum of the durations recorded in window {@code i}, in nanoseconds. */
    public double sum(int i) {
        return sum[i];
    }

    /** The histogram of window {@code i}. */
    public LogHistogram histogram(int i) {
        return histogram[i];
    }

    /** Summary of windows {@code from} .. last. */
    public LatencySummary summarize(int from) {
        LogHistogram merged = new LogHistogram();
        long n = 0;
        double s = 0;
        double s2 = 0;
        for (int i = from; i < windows.count(); i++) {
            n += count[i];
            s += sum[i];
            s2 += sumSquares[i];
            merged.add(histogram[i]);
        }
        return LatencySummary.of(n, s, s2, merged);
    }

    @Override
    public void ensureCapacity(int n) {
        if (n > count.length) {
            int old = count.length;
            int size = Math.max(n, old * 2);
            count = Arrays.copyOf(count, size);
            sum = Arrays.copyOf(sum, size);
            sumSquares = Arrays.copyOf(sumSquares, size);
            histogram = Arrays.copyOf(histogram, size);
            for (int i = old; i < size; i++) {
                histogram[i] = new LogHistogram();
            }
        }
    }

    @Override
    public void closeWindow(int index, long time) {
        // durations are recorded when they end; nothing accumulates between events
    }

    @Override
    public void mergePairs(int n) {
        for (int i = 0; i < n / 2; i++) {
            count[i] = count[2 * i] + count[2 * i + 1];
            sum[i] = sum[2 * i] + sum[2 * i + 1];
            sumSquares[i] = sumSquares[2 * i] + sumSquares[2 * i + 1];
            LogHistogram h = histogram[2 * i].copy();
            h.add(histogram[2 * i + 1]);
            histogram[i] = h;
        }
        for (int i = n / 2; i < n; i++) {
            count[i] = 0;
            sum[i] = 0;
            sumSquares[i] = 0;
            histogram[i] = new LogHistogram();
        }
    }
}
