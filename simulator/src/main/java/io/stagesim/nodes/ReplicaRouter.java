package io.stagesim.nodes;

import io.stagesim.engine.Engine;
import io.stagesim.random.RandomStream;
import io.stagesim.random.Sampler;
import io.stagesim.stats.CountRecorder;

/**
 * A Django database router in front of a primary and its read replicas (as the "primary/replica"
 * example of Django's multiple-databases documentation, or django-replicated): every read query is
 * sent to a replica, chosen at random or in turn; writes go to the primary. Replication is
 * asynchronous: a write committed at time c becomes visible on the replicas at c + a lag drawn for
 * it (the replicas replay one stream of WAL, so they share it, and a key's later write is never
 * visible before an earlier one). A read of a key sent to a replica before its last write is
 * visible there is stale (a read-your-writes violation when the same user wrote it). Keys are the
 * rows a page view reads and writes: a closed workload's user (modulo the key space), or one drawn
 * uniformly per request. With a sticky time, a key's reads go to the primary for that long after
 * its write (the cookie django-replicated sets after a write). A replica that refuses a connection
 * or never answers one is skipped for the downtime (django-replicated's {@code DATABASE_DOWNTIME})
 * and the read goes to another; with none left, to the primary. Index 0 is the primary, 1 to n the
 * replicas. Keys live in two primitive arrays: nothing is allocated per query.
 */
public final class ReplicaRouter {

    private final Engine engine;
    private final int replicas;
    private final boolean roundRobin;
    private final long sticky;
    private final long downtime;
    private final Sampler lag;
    private final RandomStream draws;
    private final long[] lastWrite;
    private final long[] visibleAt;
    private final long[] downUntil;
    private final CountRecorder replicaReads;
    private final CountRecorder primaryReads;
    private final CountRecorder staleReads;
    private final CountRecorder markedDown;
    private int turn;
    private Node[] nodes;
    private java.util.function.Consumer<Node> ejections = n -> { };

    /**
     * A router over {@code replicas} replicas with {@code keys} keys; {@code counters} are, in order,
     * the reads answered by a replica, by the primary, the stale ones, and the replicas marked down.
     */
    public ReplicaRouter(Engine engine, int replicas, int keys, boolean roundRobin, long sticky, long downtime,
            Sampler lag, RandomStream draws, CountRecorder... counters) {
        if (replicas < 1 || keys < 1) {
            throw new IllegalArgumentException("replicas and keys must be >= 1, were " + replicas + ", " + keys);
        }
        this.engine = engine;
        this.replicas = replicas;
        this.roundRobin = roundRobin;
        this.sticky = sticky;
        this.downtime = downtime;
        this.lag = lag;
        this.draws = draws;
        this.lastWrite = new long[keys];
        this.visibleAt = new long[keys];
        this.downUntil = new long[replicas + 1];
        java.util.Arrays.fill(lastWrite, Long.MIN_VALUE);
        java.util.Arrays.fill(visibleAt, Long.MIN_VALUE);
        java.util.Arrays.fill(downUntil, Long.MIN_VALUE);
        this.replicaReads = counters[0];
        this.primaryReads = counters[1];
        this.staleReads = counters[2];
        this.markedDown = counters[3];
    }

    /** The replicas' nodes, in the router's order (for telling who was marked down). */
    public void replicaNodes(Node[] replicaNodes) {
        if (replicaNodes.length != replicas) {
            throw new IllegalArgumentException(replicas + " replicas, " + replicaNodes.length + " nodes");
        }
        this.nodes = replicaNodes.clone();
    }

    /** Told of each replica marked down (detection, as a balancer's ejection). */
    public void onEject(java.util.function.Consumer<Node> listener) {
        this.ejections = listener;
    }

    /** The key {@code r} reads and writes, drawn on first use. */
    private int keyOf(Request r) {
        if (r.key < 0) {
            int keys = lastWrite.length;
            r.key = r.page != null && r.page.user >= 0 ? r.page.user % keys : draws.nextInt(keys);
        }
        return r.key;
    }

    /**
     * Where a read of {@code r} goes now: 0 for the primary, or a replica; a replica's read is
     * stale when it is sent before the key's last write is visible there.
     */
    int route(Request r) {
        long now = engine.now();
        int key = keyOf(r);
        if (sticky > 0 && lastWrite[key] != Long.MIN_VALUE && now - lastWrite[key] < sticky) {
            return 0;
        }
        int alive = 0;
        for (int i = 1; i <= replicas; i++) {
            if (downUntil[i] <= now) {
                alive++;
            }
        }
        if (alive == 0) {
            return 0;
        }
        int pick = roundRobin ? turn++ % alive : draws.nextInt(alive);
        if (turn == Integer.MAX_VALUE) {
            turn = 0;
        }
        for (int i = 1; i <= replicas; i++) {
            if (downUntil[i] <= now && pick-- == 0) {
                return i;
            }
        }
        throw new IllegalStateException("no replica picked");
    }

    /** True when a read of {@code r}'s key sent to a replica now would miss its last write. */
    boolean stale(Request r) {
        return engine.now() < visibleAt[keyOf(r)];
    }

    /** A read of {@code r} was answered by {@code target} (0: the primary); {@code stale} as it was sent. */
    void answered(int target, boolean stale) {
        if (target == 0) {
            primaryReads.increment();
            return;
        }
        replicaReads.increment();
        if (stale) {
            staleReads.increment();
        }
    }

    /**
     * A connection to replica {@code target} failed: skipped for the downtime from now (counted
     * once, however many reads were waiting for it).
     */
    void failed(int target) {
        long now = engine.now();
        if (downUntil[target] <= now) {
            markedDown.increment();
            if (nodes != null) {
                ejections.accept(nodes[target - 1]);
            }
        }
        downUntil[target] = now + downtime;
    }

    /** {@code r} committed a write at the primary now: visible on the replicas after a lag. */
    public void written(Request r) {
        long now = engine.now();
        int key = keyOf(r);
        lastWrite[key] = now;
        long visible = now + lag.sample();
        if (visible > visibleAt[key]) {
            visibleAt[key] = visible;
        }
    }
}
