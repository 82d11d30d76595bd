package io.stagesim.stats;

import java.util.Arrays;

/** Occurrences counted per time window: arrivals, completions, rejections, errors. */
public final class CountRecorder implements Windows.Windowed {

    private final Windows windows;
    private long[] count = new long[0];
    private long total;

    /** A counter on the given window grid. */
    public CountRecorder(Windows windows) {
        this.windows = windows;
        windows.register(this);
    }

    /** Counts one occurrence now. */
    public void increment() {
        count[windows.current()]++;
        total++;
    }

    /** Occurrences in the whole run, warm-up included. */
    public long total() {
        return total;
    }

    /** Occurrences in window {@code i}. */
    public long count(int i) {
        return count[i];
    }

    /** Occurrences in windows {@code from} .. last. */
    public long sum(int from) {
        long s = 0;
        for (int i = from; i < windows.count(); i++) {
            s += count[i];
        }
        return s;
    }

    @Override
    public void ensureCapacity(int n) {
        if (n > count.length) {
            count = Arrays.copyOf(count, Math.max(n, count.length * 2));
        }
    }

    @Override
    public void closeWindow(int index, long time) {
        // counts are recorded as they happen
    }

    @Override
    public void mergePairs(int n) {
        for (int i = 0; i < n / 2; i++) {
            count[i] = count[2 * i] + count[2 * i + 1];
        }
        Arrays.fill(count, n / 2, n, 0);
    }
}
