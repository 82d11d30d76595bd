package io.stagesim.stats;

import java.util.Arrays;

/**
 * A quantity that changes at events and is averaged over time: number in queue, busy servers,
 * units in use. Keeps the time integral (area) and the maximum per window and over the measured
 * period.
 */
public final class LevelRecorder implements Windows.Windowed {

    private final Windows windows;
    private double level;
    private long lastChange;
    private double[] area = new double[0];
    private double[] max = new double[0];
    // for speed: the running integral and the current window's maximum live in fields; windows
    // and the measured period are differences taken when a window closes or measuring starts
    private double totalArea;
    private double atWindowStart;
    private double atMeasuringStart = Double.NaN;
    private double currentMax;
    private double measuredMax;

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
        totalArea += level * (now - lastChange);
        lastChange = now;
        level = value;
        if (value > currentMax) {
            currentMax = value;
        }
    }

    /** Time integral of the level from time zero to {@code now} (no earlier than the last change), level × ns. */
    public double integral(long now) {
        return totalArea + level * (now - lastChange);
    }

    private void advance(long time) {
        totalArea += level * (time - lastChange);
        lastChange = time;
    }

    /** Time integral of the level over window {@code i}, in level × nanoseconds (a closed window). */
    public double area(int i) {
        return area[i];
    }

    /** Largest level in window {@code i} (a closed window). */
    public double windowMax(int i) {
        return max[i];
    }

    /** Time-average of the level over the measured period (the run must have finished). */
    public double average() {
        long t = windows.measuredLength();
        return t == 0 || Double.isNaN(atMeasuringStart) ? 0 : (totalArea - atMeasuringStart) / t;
    }

    /** Largest level in the measured period (the run must have finished). */
    public double max() {
        return measuredMax;
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
        advance(time);
        area[index] += totalArea - atWindowStart;
        atWindowStart = totalArea;
        max[index] = Math.max(max[index], currentMax);
        if (!Double.isNaN(atMeasuringStart)) {
            measuredMax = Math.max(measuredMax, currentMax);
        }
        currentMax = level;
    }

    @Override
    public void openWindow(int index) {
        currentMax = Math.max(currentMax, level);
    }

    @Override
    public void startMeasuring(long time) {
        advance(time);
        atMeasuringStart = totalArea;
        // the maximum of the window now open counts from here on: reset it to the level now
        currentMax = level;
        measuredMax = level;
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
