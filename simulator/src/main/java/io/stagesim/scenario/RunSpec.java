package io.stagesim.scenario;

/**
 * How long and how often to run: simulated duration and warm-up (ns; {@link #AUTO_WARMUP} to
 * choose it by MSER-5), replications, master seed, and the statistics window (ns).
 */
public record RunSpec(long duration, long warmup, int replications, long seed, long window) {

    /** A warm-up chosen per replication by MSER-5. */
    public static final long AUTO_WARMUP = -1;

    /** Defaults: 120 s with 20 s of warm-up, 5 replications, seed 1, 1 s windows. */
    public static final RunSpec DEFAULT = new RunSpec(120_000_000_000L, 20_000_000_000L, 5, 1, 1_000_000_000L);
}
