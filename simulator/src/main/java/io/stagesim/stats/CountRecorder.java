package io.stagesim.stats;

import java.util.Arrays;

/** Occurrences counted per time window: arrivals, completions, rejections, errors. */
public final class CountRecorder implements Windows.Windowed {

    private long[] count = new long[0];
    // for speed: the current window's count lives in a field and is stored when the window closes,
    // so counting is one increment with no array access.
    private long current;
    private long flushed;

    /** A counter on the given window grid. */
    public CountRecorder(Windows windows) {
        windows.register(this);
    }

    /** Counts one occurrence now. */
    public void increment() {
        current++;
    }

    /** Occurrences in the whole run, warm-up included. */
    public long total() {
        return flushed + current;
    }

    /** Occurrences in window {@code i} (a closed window). */
    public long count(int i) {
        return count[i];
    }

    /** Occurrences in windows {@code from} .. last (after the run has finished). */
    public long sum(int from) {
        long s = 0;
        for (int i = from; i < count.length; i++) {
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
        count[index] += current;
        flushed += current;
        current = 0;
    }

    @Override
    public void openWindow(int index) {
        // nothing to prepare: the count starts at zero
    }

    @Override
    public void mergePairs(int n) {
        for (int i = 0; i < n / 2; i++) {
            count[i] = count[2 * i] + count[2 * i + 1];
        }
        Arrays.fill(count, n / 2, n, 0);
    }
}
