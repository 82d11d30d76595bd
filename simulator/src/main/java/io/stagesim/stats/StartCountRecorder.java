package io.stagesim.stats;

import java.util.Arrays;

/**
 * Occurrences counted in the window where the thing they happened to began, not where they are
 * counted: a page view's outcome in the window it arrived in. With the end-window counts of the same
 * outcomes ({@link CountRecorder}) this tells, for any range of windows, how many met it: those
 * that began by its last window less those that ended before its first.
 */
public final class StartCountRecorder implements Windows.Windowed {

    private final Windows windows;
    private long[] count = new long[0];

    /** A counter on the given window grid. */
    public StartCountRecorder(Windows windows) {
        this.windows = windows;
        windows.register(this);
    }

    /** Counts one occurrence now, in the window holding {@code start} (ns, not after now). */
    public void increment(long start) {
        count[windows.indexOf(start)]++;
    }

    /** Occurrences counted so far whose start falls in window {@code i}. */
    public long count(int i) {
        return count[i];
    }

    @Override
    public void ensureCapacity(int n) {
        if (n > count.length) {
            count = Arrays.copyOf(count, Math.max(n, count.length * 2));
        }
    }

    @Override
    public void closeWindow(int index, long time) {
        // nothing to flush: each occurrence goes straight to its window
    }

    @Override
    public void openWindow(int index) {
        // nothing to prepare
    }

    @Override
    public void startMeasuring(long time) {
        // windows only: the measured period is counted by CountRecorder
    }

    @Override
    public void mergePairs(int n) {
        for (int i = 0; i < n / 2; i++) {
            count[i] = count[2 * i] + count[2 * i + 1];
        }
        Arrays.fill(count, n / 2, n, 0);
    }
}
