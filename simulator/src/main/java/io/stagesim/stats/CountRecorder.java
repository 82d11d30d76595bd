package io.stagesim.stats;

import java.util.Arrays;

/** Occurrences counted per time window and over the measured period: arrivals, completions, errors. */
public final class CountRecorder implements Windows.Windowed {

    private long[] count = new long[0];
    // for speed: counting is one increment of a field; windows and the measured period are
    // differences of the running total, taken when a window closes or measuring starts.
    private long total;
    private long atWindowStart;
    private long atMeasuringStart = -1;

    /** A counter on the given window grid. */
    public CountRecorder(Windows windows) {
        windows.register(this);
    }

    /** Counts one occurrence now. */
    public void increment() {
        total++;
    }

    /** Counts {@code n} occurrences (or units: nanoseconds of wasted CPU) now. */
    public void add(long n) {
        total += n;
    }

    /** Occurrences in the whole run, warm-up included. */
    public long total() {
        return total;
    }

    /** Occurrences in the measured period (0 before it starts). */
    public long measured() {
        return atMeasuringStart < 0 ? 0 : total - atMeasuringStart;
    }

    /** Occurrences in window {@code i} (a closed window). */
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
        count[index] += total - atWindowStart;
        atWindowStart = total;
    }

    @Override
    public void openWindow(int index) {
        // nothing to prepare: the window's count is a difference of totals
    }

    @Override
    public void startMeasuring(long time) {
        atMeasuringStart = total;
    }

    @Override
    public void mergePairs(int n) {
        for (int i = 0; i < n / 2; i++) {
            count[i] = count[2 * i] + count[2 * i + 1];
        }
        Arrays.fill(count, n / 2, n, 0);
    }
}
