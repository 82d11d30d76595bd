package io.stagesim.stats;

import java.util.Arrays;

/**
 * Durations (latencies, waits): over the measured period, count, sum, sum of squares and a
 * full-precision {@link LogHistogram} (percentiles within 0.8 %); per time window, count and sum
 * (for mean series and MSER-5) and, if asked for, a coarse histogram (16 buckets per power of two,
 * within 3.1 %) for percentile series in charts.
 */
public final class LatencyRecorder implements Windows.Windowed {

    /** Sub-bucket bits of per-window histograms: 16 per power of two. */
    public static final int WINDOW_PRECISION = 4;

    private final Windows windows;
    private final boolean windowHistograms;
    private long[] count = new long[0];
    private double[] sum = new double[0];
    private LogHistogram[] histogram = new LogHistogram[0];
    // for speed: running totals in fields; windows and the measured period are differences
    private long totalCount;
    private double totalSum;
    private double totalSumSquares;
    private long windowStartCount;
    private double windowStartSum;
    private LogHistogram currentHistogram;
    private boolean measuring;
    private long measuringStartCount;
    private double measuringStartSum;
    private double measuringStartSumSquares;
    private final LogHistogram measured = new LogHistogram();

    /** A recorder with per-window percentile histograms (for charts). */
    public LatencyRecorder(Windows windows) {
        this(windows, true);
    }

    /** A recorder; {@code windowHistograms} false keeps only counts and sums per window. */
    public LatencyRecorder(Windows windows, boolean windowHistograms) {
        this.windows = windows;
        this.windowHistograms = windowHistograms;
        windows.register(this);
    }

    /** Records one duration in nanoseconds. */
    public void record(long nanos) {
        totalCount++;
        double x = nanos;
        totalSum += x;
        totalSumSquares += x * x;
        if (currentHistogram != null) {
            currentHistogram.record(nanos);
        }
        if (measuring) {
            measured.record(nanos);
        }
    }

    /** Number of durations recorded in window {@code i} (a closed window). */
    public long count(int i) {
        return count[i];
    }

    /** Sum of the durations recorded in window {@code i}, in nanoseconds (a closed window). */
    public double sum(int i) {
        return sum[i];
    }

    /** The coarse histogram of window {@code i}, or null when this recorder keeps none. */
    public LogHistogram histogram(int i) {
        return windowHistograms ? histogram[i] : null;
    }

    /** Summary of the measured period (the run must have finished). */
    public LatencySummary summarize() {
        if (!measuring) {
            return LatencySummary.of(0, 0, 0, new LogHistogram());
        }
        return LatencySummary.of(totalCount - measuringStartCount, totalSum - measuringStartSum,
                totalSumSquares - measuringStartSumSquares, measured);
    }

    @Override
    public void ensureCapacity(int n) {
        if (n > count.length) {
            int size = Math.max(n, count.length * 2);
            count = Arrays.copyOf(count, size);
            sum = Arrays.copyOf(sum, size);
            if (windowHistograms) {
                histogram = Arrays.copyOf(histogram, size);
            }
        }
    }

    @Override
    public void closeWindow(int index, long time) {
        count[index] += totalCount - windowStartCount;
        sum[index] += totalSum - windowStartSum;
        windowStartCount = totalCount;
        windowStartSum = totalSum;
    }

    @Override
    public void openWindow(int index) {
        if (!windowHistograms) {
            return;
        }
        if (histogram[index] == null) {
            // for speed: a new window's histogram covers the range the last one used, in one
            // allocation, instead of growing by copies as values arrive
            histogram[index] = currentHistogram == null ? new LogHistogram(WINDOW_PRECISION)
                    : LogHistogram.withRangeOf(currentHistogram);
        }
        currentHistogram = histogram[index];
    }

    @Override
    public void startMeasuring(long time) {
        measuring = true;
        measuringStartCount = totalCount;
        measuringStartSum = totalSum;
        measuringStartSumSquares = totalSumSquares;
    }

    @Override
    public void mergePairs(int n) {
        for (int i = 0; i < n / 2; i++) {
            count[i] = count[2 * i] + count[2 * i + 1];
            sum[i] = sum[2 * i] + sum[2 * i + 1];
            if (windowHistograms) {
                LogHistogram h = histogram[2 * i].copy();
                h.add(histogram[2 * i + 1]);
                histogram[i] = h;
            }
        }
        for (int i = n / 2; i < n; i++) {
            count[i] = 0;
            sum[i] = 0;
            if (windowHistograms) {
                histogram[i] = null;
            }
        }
    }
}
