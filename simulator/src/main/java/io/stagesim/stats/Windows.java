package io.stagesim.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The time grid every windowed metric of one simulation shares: windows of equal width from time
 * zero. The owner calls {@link #startMeasuring} at the end of warm-up, {@link #roll} at each
 * boundary and {@link #finish} at the end of the run.
 *
 * <p>Each metric keeps two views: one per window (time series, and the input of MSER-5), and one
 * for the measured period, from the end of warm-up to the end of the run, exact whatever the
 * windows. Memory stays constant whatever the run length: when the number of windows reaches the
 * maximum, adjacent pairs are merged and the width doubles (a long run gets coarser windows,
 * never more of them).
 */
public final class Windows {

    private final int maxWindows;
    private final List<Windowed> metrics = new ArrayList<>();
    private long width;
    private int current;
    private long end = -1;
    private long measuredFrom = -1;

    /**
     * A grid of windows {@code width} ns wide, keeping at most {@code maxWindows} (an even number,
     * at least 2) before merging pairs.
     */
    public Windows(long width, int maxWindows) {
        if (width <= 0) {
            throw new IllegalArgumentException("window width must be > 0 ns, was " + width);
        }
        if (maxWindows < 2 || maxWindows % 2 != 0) {
            throw new IllegalArgumentException("maxWindows must be even and >= 2, was " + maxWindows);
        }
        this.width = width;
        this.maxWindows = maxWindows;
    }

    /** Registers a metric so that it follows rolls and merges. */
    void register(Windowed metric) {
        metrics.add(metric);
        metric.ensureCapacity(current + 1);
        metric.openWindow(current);
    }

    /** Index of the window now being filled. */
    public int current() {
        return current;
    }

    /** Current window width in nanoseconds. */
    public long width() {
        return width;
    }

    /** Time at which the current window ends. */
    public long nextBoundary() {
        return (current + 1) * width;
    }

    /** Number of windows holding data: all up to and including the current one. */
    public int count() {
        return current + 1;
    }

    /** Start time of window {@code i}. */
    public long start(int i) {
        return i * width;
    }

    /** Length of window {@code i}: the full width, except a last window cut short by the end. */
    public long length(int i) {
        long s = start(i);
        long e = end >= 0 && i == current ? end : s + width;
        return Math.max(0, e - s);
    }

    /** Time the run ended, or -1 while it is running. */
    public long end() {
        return end;
    }

    /** Starts the measured period at {@code time}: statistics before it are warm-up. */
    public void startMeasuring(long time) {
        if (measuredFrom >= 0) {
            throw new IllegalStateException("measuring already started at " + measuredFrom + " ns");
        }
        measuredFrom = time;
        for (Windowed m : metrics) {
            m.startMeasuring(time);
        }
    }

    /** Start of the measured period, or -1 before it starts. */
    public long measuredFrom() {
        return measuredFrom;
    }

    /** Length of the measured period in ns (the run must have finished). */
    public long measuredLength() {
        return measuredFrom < 0 || end < 0 ? 0 : end - measuredFrom;
    }

    /**
     * The index of the window holding {@code time}, a time already reached (a later one maps to the
     * current window). It stays right as windows merge: the grid starts at zero and each merge
     * doubles the width, so window ⌊t / w⌋ of the old grid becomes ⌊t / 2w⌋ of the new.
     */
    public int indexOf(long time) {
        if (time < 0) {
            throw new IllegalArgumentException("time must be >= 0 ns, was " + time);
        }
        return (int) Math.min(time / width, current);
    }

    /** The index of the first window that starts at or after {@code time}. */
    public int firstWindowFrom(long time) {
        long i = (time + width - 1) / width;
        return (int) Math.min(i, current);
    }

    /** Closes the current window at its boundary and opens the next one. */
    public void roll() {
        long boundary = nextBoundary();
        for (Windowed m : metrics) {
            m.closeWindow(current, boundary);
        }
        current++;
        if (current == maxWindows) {
            for (Windowed m : metrics) {
                m.mergePairs(maxWindows);
            }
            current = maxWindows / 2;
            width *= 2;
        }
        for (Windowed m : metrics) {
            m.ensureCapacity(current + 1);
            m.openWindow(current);
        }
    }

    /** Closes the last window at {@code time}, the end of the run. */
    public void finish(long time) {
        if (time < start(current) || time > nextBoundary()) {
            throw new IllegalArgumentException("run end " + time + " ns is outside the current window ["
                    + start(current) + ", " + nextBoundary() + "]");
        }
        for (Windowed m : metrics) {
            m.closeWindow(current, time);
        }
        end = time;
    }

    /** What a windowed metric must do when windows close and merge. */
    interface Windowed {
        /** Makes room for windows 0 .. n − 1. */
        void ensureCapacity(int n);

        /** Window {@code index} ends at {@code time}: flush anything accumulated up to then. */
        void closeWindow(int index, long time);

        /** Window {@code index} is now the one being filled. */
        void openWindow(int index);

        /** The measured period starts at {@code time}. */
        void startMeasuring(long time);

        /** Windows 2i and 2i+1 become window i, for all i < n / 2. */
        void mergePairs(int n);
    }
}
