package io.stagesim.random;

/**
 * Derives independent random streams from a scenario seed, one per model element and purpose,
 * named for example {@code "app/service-time"}.
 *
 * <p>A stream's seed depends only on (scenario seed, replication, name), never on the order in
 * which streams are created: adding a node leaves every other node's numbers unchanged, and
 * replication <i>i</i> draws from its own streams (the role of substreams in L'Ecuyer's RngStreams).
 */
public final class StreamFactory {

    private final long seed;
    private final int replication;

    /** Streams for replication {@code replication} (0-based) of a scenario run with {@code seed}. */
    public StreamFactory(long seed, int replication) {
        if (replication < 0) {
            throw new IllegalArgumentException("replication must be >= 0, was " + replication);
        }
        this.seed = seed;
        this.replication = replication;
    }

    /** The scenario seed. */
    public long seed() {
        return seed;
    }

    /** The replication these streams belong to. */
    public int replication() {
        return replication;
    }

    /** The stream with this name; the same name always gives a stream in the same state. */
    public RandomStream stream(String name) {
        long h = SeedMixer.mix(seed ^ 0x5DEECE66DL);
        h = SeedMixer.mix(h + 0x9E3779B97F4A7C15L * (replication + 1L));
        h = SeedMixer.mix(h ^ SeedMixer.hash(name));
        return new RandomStream(h);
    }
}
