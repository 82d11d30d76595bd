package io.stagesim.stats;

import java.util.Arrays;

/**
 * Durations kept in the window where each began (a page view's latency in the window it arrived
 * in), recorded when they end, in coarse histograms ({@link LatencyRecorder#WINDOW_PRECISION}, within
 * 3.1 %) that add and subtract exactly with a {@link LatencyRecorder}'s per-window ones.
 */
public final class StartLatencyRecorder implements Windows.Windowed {

    private final Windows windows;
    private LogHistogram[] histogram = new LogHistogram[0];

    /** A recorder on the given window grid. */
    public StartLatencyRecorder(Windows windows) {
        this.windows = windows;
        windows.register(this);
    }

    /** Records {@code nanos}, a duration that began at {@code start} (ns) and ends now. */
    public void record(long start, long nanos) {
        histogram[windows.indexOf(start)].record(nanos);
    }

    /** The durations recorded so far that began in window {@code i}. */
    public LogHistogram histogram(int i) {
        return histogram[i];
    }

    /** Number of durations recorded so far that began in window {@code i}. */
    public long count(int i) {
        return histogram[i].count();
    }

    @Override
    public void ensureCapacity(int n) {
        if (n > histogram.length) {
            histogram = Arrays.copyOf(histogram, Math.max(n, histogram.length * 2));
        }
    }

    @Override
    public void closeWindow(int index, long time) {
        // nothing to flush: each duration goes straight to its window
    }

    @Override
    public void openWindow(int index) {
        for (int i = 0; i <= index; i++) { // every window up to this one (all but this one exist but when new)
            if (histogram[i] == null) {
                // for speed: a new window's histogram covers the range the last one used, in one allocation
                histogram[i] = i == 0 ? new LogHistogram(LatencyRecorder.WINDOW_PRECISION)
                        : LogHistogram.withRangeOf(histogram[i - 1]);
            }
        }
    }

    @Override
    public void startMeasuring(long time) {
        // windows only
    }

    @Override
    public void mergePairs(int n) {
        for (int i = 0; i < n / 2; i++) {
            LogHistogram h = histogram[2 * i].copy();
            h.add(histogram[2 * i + 1]);
            histogram[i] = h;
        }
        Arrays.fill(histogram, n / 2, n, null);
    }
}
