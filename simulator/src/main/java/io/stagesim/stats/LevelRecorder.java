package io.stagesim.stats;

import java.util.Arrays;

/**
 * A quantity that changes at events and is averaged over time: number in queue, busy servers,
 * units in use. Keeps, per window, the time integral (area) and the maximum.
 */
public final class LevelRecorder implements Windows.Windowed {

    private final Windows windows;
    private double level;
    private long lastChange;
    private double[] area = new double[0];
    private double[] max = new double[0];
    // for speed: the current window's area and maximum live in fields, stored when it closes
    private double currentArea;
    private double currentMax;

    /** A recorder starting at level zero at time zero. */
    public LevelRecorder(Windows windows) {
        this.windows = windows;
        windows.register(this);
    }

    /** The level now. */
    public double level() {
        return level;
    }

    /** The level becomes {@code value} at time {@code now}. */
    public void set(long now, double value) {
        currentArea += level * (now - lastChange);
        lastChange = now;
        level = value;
        if (value > currentMax) {
            currentMax = value;
        }
    }

    /** Time integral of the level over window {@code i}, in level × nanoseconds (a closed window). */
    public double area(int i) {
        return area[i];
    }

    /** Time-average of the level over windows {@code from} .. last (after the run has finished). */
    public double average(int from) {
        double a = 0;
        long t = 0;
        for (int i = from; i < windows.count(); i++) {
            a += area[i];
            t += windows.length(i);
        }
        return t == 0 ? 0 : a / t;
    }

    /** Largest level reached in windows {@code from} .. last. */
    public double max(int from) {
        double m = 0;
        for (int i = from; i < windows.count(); i++) {
            m = Math.max(m, max[i]);
        }
        return m;
    }

    @Override
    public void ensureCapacity(int n) {
        if (n > area.length) {
            int size = Math.max(n, area.length * 2);
            area = Arrays.copyOf(area, size);
            max = Arrays.copyOf(max, size);
        }
    }

    @Override
    public void closeWindow(int index, long time) {
        currentArea += level * (time - lastChange);
        lastChange = time;
        area[index] += currentArea;
        max[index] = Math.max(max[index], currentMax);
        currentArea = 0;
        currentMax = level;
    }

    @Override
    public void openWindow(int index) {
        currentMax = Math.max(currentMax, level);
    }

    @Override
    public void mergePairs(int n) {
        for (int i = 0; i < n / 2; i++) {
            area[i] = area[2 * i] + area[2 * i + 1];
            max[i] = Math.max(max[2 * i], max[2 * i + 1]);
        }
        Arrays.fill(area, n / 2, n, 0);
        Arrays.fill(max, n / 2, n, 0);
    }
}
