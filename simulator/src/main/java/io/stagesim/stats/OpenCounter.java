package io.stagesim.stats;

/**
 * Things begun and not yet resolved (page views with no outcome yet), now and when the measured
 * period began. With counts of what began and what was resolved in the measured period it closes
 * the books: begun + open at the start = resolved + open at the end.
 */
public final class OpenCounter implements Windows.Windowed {

    private long open;
    private long atMeasuringStart;
    private boolean measuring;

    /** A counter on the given window grid (it needs only the start of the measured period). */
    public OpenCounter(Windows windows) {
        windows.register(this);
    }

    /** One more begun. */
    public void begin() {
        open++;
    }

    /** One resolved. */
    public void resolve() {
        open--;
    }

    /** Open now. */
    public long open() {
        return open;
    }

    /**
     * Open when the measured period began; before it, all those open now: a run stopped in its
     * warm-up measured nothing, and its empty measured period begins and ends at the stop.
     */
    public long openAtMeasuringStart() {
        return measuring ? atMeasuringStart : open;
    }

    @Override
    public void ensureCapacity(int n) {
        // no per-window state
    }

    @Override
    public void closeWindow(int index, long time) {
        // no per-window state
    }

    @Override
    public void openWindow(int index) {
        // no per-window state
    }

    @Override
    public void startMeasuring(long time) {
        atMeasuringStart = open;
        measuring = true;
    }

    @Override
    public void mergePairs(int n) {
        // no per-window state
    }
}
