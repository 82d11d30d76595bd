package io.stagesim.stats;

import java.util.Arrays;

/**
 * Calls counted per edge of a model (one caller calling one callee), each edge an index fixed when
 * the model is built: the whole run, and the measured period. No windows: a call rate is a figure
 * of the measured period.
 */
public final class CallCounts implements Windows.Windowed {

    // for speed: counting a call is one increment of an array element; the measured period is a
    // difference of totals taken when measuring starts
    private long[] total = new long[0];
    private long[] atMeasuringStart;

    /** Counts on the given window grid (only its start of measuring matters). */
    public CallCounts(Windows windows) {
        windows.register(this);
    }

    /** A new edge, counted from zero: its index. While the model is built, not once it runs. */
    public int add() {
        if (atMeasuringStart != null) {
            throw new IllegalStateException("an edge added after measuring began");
        }
        total = Arrays.copyOf(total, total.length + 1);
        return total.length - 1;
    }

    /** Edges counted. */
    public int size() {
        return total.length;
    }

    /** One call on edge {@code edge} now. */
    public void count(int edge) {
        total[edge]++;
    }

    /** Calls on {@code edge} in the whole run, warm-up included. */
    public long total(int edge) {
        return total[edge];
    }

    /** Calls on {@code edge} in the measured period (0 before it starts). */
    public long measured(int edge) {
        return atMeasuringStart == null ? 0 : total[edge] - atMeasuringStart[edge];
    }

    @Override
    public void ensureCapacity(int n) {
        // nothing kept per window
    }

    @Override
    public void closeWindow(int index, long time) {
        // nothing kept per window
    }

    @Override
    public void openWindow(int index) {
        // nothing kept per window
    }

    @Override
    public void startMeasuring(long time) {
        atMeasuringStart = total.clone();
    }

    @Override
    public void mergePairs(int n) {
        // nothing kept per window
    }
}
