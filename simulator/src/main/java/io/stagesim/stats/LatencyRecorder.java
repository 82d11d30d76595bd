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
    // for speed: the current window's sums and histogram are held in fields, so recording touches
    // no array of windows; the sums are stored when the window closes.
    private long currentCount;
    private double currentSum;
    private double currentSumSquares;
    private LogHistogram currentHistogram;

    /** A recorder on the given window grid. */
    public LatencyRecorder(Windows windows) {
        this.windows = windows;
        windows.register(this);
    }

    /** Records one duration in nanoseconds. */
    public void record(long nanos) {
        currentCount++;
        double x = nanos;
        currentSum += x;
        currentSumSquares += x * x;
        currentHistogram.record(nanos);
    }

    /** Number of durations recorded in window {@code i} (a closed window). */
    public long count(int i) {
        return count[i];
    }

    /** Sum of the durations recorded in window {@code i}, in nanoseconds (a closed window). */
    public double sum(int i) {
        return sum[i];
    }

    /** The histogram of window {@code i}. */
    public LogHistogram histogram(int i) {
        return histogram[i];
    }

    /** Summary of windows {@code from} .. last (after the run has finished). */
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
            int size = Math.max(n, count.length * 2);
            count = Arrays.copyOf(count, size);
            sum = Arrays.copyOf(sum, size);
            sumSquares = Arrays.copyOf(sumSquares, size);
            histogram = Arrays.copyOf(histogram, size);
        }
    }

    @Override
    public void closeWindow(int index, long time) {
        count[index] += currentCount;
        sum[index] += currentSum;
        sumSquares[index] += currentSumSquares;
        currentCount = 0;
        currentSum = 0;
        currentSumSquares = 0;
    }

    @Override
    public void openWindow(int index) {
        if (histogram[index] == null) {
            // for speed: a new window's histogram covers the range the last one used, in one
            // allocation, instead of growing by copies as values arrive
            histogram[index] = currentHistogram == null ? new LogHistogram()
                    : LogHistogram.withRangeOf(currentHistogram);
        }
        currentHistogram = histogram[index];
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
            histogram[i] = null;
        }
    }
}
