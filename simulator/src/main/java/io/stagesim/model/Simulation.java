package io.stagesim.model;

import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.random.StreamFactory;
import io.stagesim.stats.Windows;

/**
 * One replication of a model: its engine, its random streams and its statistics window grid. It
 * owns everything it uses, so replications run in parallel without sharing state.
 */
public final class Simulation implements Handler {

    /** Default statistics window: one second. */
    public static final long DEFAULT_WINDOW = 1_000_000_000L;
    /** Default number of windows kept before pairs are merged. */
    public static final int DEFAULT_MAX_WINDOWS = 1024;

    private final Engine engine = new Engine();
    private final StreamFactory streams;
    private final Windows windows;
    private boolean started;
    private long warmup;

    /** A replication with default windows. */
    public Simulation(long seed, int replication) {
        this(seed, replication, DEFAULT_WINDOW, DEFAULT_MAX_WINDOWS);
    }

    /** A replication whose statistics are kept in windows of {@code windowWidth} ns. */
    public Simulation(long seed, int replication, long windowWidth, int maxWindows) {
        this.streams = new StreamFactory(seed, replication);
        this.windows = new Windows(windowWidth, maxWindows);
    }

    /** The event engine. */
    public Engine engine() {
        return engine;
    }

    /** The random streams of this replication. */
    public StreamFactory streams() {
        return streams;
    }

    /** The statistics window grid. */
    public Windows windows() {
        return windows;
    }

    /**
     * Sets the warm-up: statistics of the measured period start at {@code warmup} ns (0, the
     * default, measures from the start). Must be called before the first {@link #run}.
     */
    public void setWarmup(long warmup) {
        if (started) {
            throw new IllegalStateException("the warm-up must be set before the simulation runs");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warm-up must be >= 0 ns, was " + warmup);
        }
        this.warmup = warmup;
    }

    /** The warm-up in ns. */
    public long warmup() {
        return warmup;
    }

    /** Current time in nanoseconds. */
    public long now() {
        return engine.now();
    }

    /** Runs until {@code end} ns (or an event limit), then closes the statistics windows. */
    public Engine.StopReason run(long end) {
        if (!started) {
            started = true;
            if (warmup == 0) {
                windows.startMeasuring(0);
            } else {
                // before the roll at the same instant, so both views split at the same point
                engine.scheduleAt(warmup, -128, this, null, START_MEASURING);
            }
            scheduleRoll();
        }
        Engine.StopReason reason = engine.run(end);
        windows.finish(engine.now());
        return reason;
    }

    private void scheduleRoll() {
        // Rolls come first among events at a boundary, so an event at time t counts in the
        // window [start, end) that contains t.
        engine.scheduleAt(windows.nextBoundary(), -128, this, null, ROLL);
    }

    private static final int ROLL = 0;
    private static final int START_MEASURING = 1;

    @Override
    public void handle(Object subject, int tag) {
        if (tag == START_MEASURING) {
            windows.startMeasuring(engine.now());
            return;
        }
        windows.roll();
        scheduleRoll();
    }
}
