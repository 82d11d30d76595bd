package io.stagesim.scenario;

/**
 * How long and how often to run: simulated duration and warm-up (ns; {@link #AUTO_WARMUP} to
 * choose it by MSER-5), replications, master seed, the statistics window (ns), and the limits that
 * end a replication early, cleanly, with its results marked partial: events dispatched, wall-clock
 * time (ms, 0 = none) and requests in flight at once (the guard against a runaway queue).
 */
public record RunSpec(long duration, long warmup, int replications, long seed, long window, long maxEvents,
        long maxWallMillis, int maxInFlight) {

    /** Default limit on requests in flight at once: about 200 MB of request state. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 100_000;

    /** Run settings with the default limits (no event or wall-clock limit, 100,000 in flight). */
    public RunSpec(long duration, long warmup, int replications, long seed, long window) {
        this(duration, warmup, replications, seed, window, Long.MAX_VALUE, 0, DEFAULT_MAX_IN_FLIGHT);
    }

    /** The same settings with other timing and replications, keeping the limits. */
    public RunSpec with(long duration, long warmup, int replications, long seed) {
        return new RunSpec(duration, warmup, replications, seed, window, maxEvents, maxWallMillis, maxInFlight);
    }

    /** A warm-up chosen per replication by MSER-5. */
    public static final long AUTO_WARMUP = -1;

    /** Defaults: 120 s with 20 s of warm-up, 5 replications, seed 1, 1 s windows. */
    public static final RunSpec DEFAULT = new RunSpec(120_000_000_000L, 20_000_000_000L, 5, 1, 1_000_000_000L);
}
