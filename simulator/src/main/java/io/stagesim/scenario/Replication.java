package io.stagesim.scenario;

import io.stagesim.random.Distribution;
import io.stagesim.random.Exponential;
import java.util.List;

/**
 * A PostgreSQL-like database's read replicas and the Django database router in front of them: each
 * read query goes to one of {@code replicas} (other database services, each on its host), chosen by
 * {@code routing}, writes to the primary. A write becomes visible on the replicas {@code lag} after
 * it commits (asynchronous streaming replication), so a read of its key sooner is stale. Each page
 * view reads and writes the rows of one key of {@code keys} (a closed workload's user, or one drawn
 * uniformly). For {@code stickyAfterWrite} ns after a key's write its reads go to the primary (0:
 * never); a replica whose connection fails is skipped for {@code downtime} ns.
 */
public record Replication(List<String> replicas, Distribution lag, String routing, long stickyAfterWrite, int keys,
        long downtime) {

    /** How the router picks a replica for a read. */
    public static final List<String> ROUTING = List.of("random", "round_robin");
    /** No replicas: every query goes to the primary. */
    public static final Replication NONE = new Replication(List.of(), new Exponential(100_000_000L), "random", 0,
            10_000, 60_000_000_000L);

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /** Checks the bounds and copies the list. */
    public Replication {
        replicas = List.copyOf(replicas);
        Require.present("replication_lag", lag);
        Require.oneOf("read_routing", routing, ROUTING);
        Require.atLeast("sticky_after_write", stickyAfterWrite, 0);
        Require.atLeast("keys", keys, 1);
        Require.atLeast("replica_downtime", downtime, 1);
    }

    /** True when reads go to replicas. */
    public boolean routed() {
        return !replicas.isEmpty();
    }

    static Replication bind(Fields f) {
        return new Replication(f.names("replicas"),
                f.distribution("replication_lag", new Exponential(100 * MS)), // A.7b: typically under a second
                f.choice("read_routing", "random", ROUTING), // A.7b: Django's example router, random.choice
                f.duration("sticky_after_write", 0), // A.7b: Django's routers have none
                f.integer("keys", 10_000, 1, 100_000_000), // A.7b: an estimate
                f.positiveDuration("replica_downtime", 60 * S)); // A.7b: django-replicated's DATABASE_DOWNTIME
    }
}
