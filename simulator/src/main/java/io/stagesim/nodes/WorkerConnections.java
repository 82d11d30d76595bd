package io.stagesim.nodes;

import io.stagesim.engine.Engine;
import io.stagesim.model.Pool;
import io.stagesim.stats.CountRecorder;

/**
 * Django's persistent connections ({@code CONN_MAX_AGE} &gt; 0) from the worker slots of one app
 * server to one database (or to the pooler in front of it): a slot (a sync worker, or one thread of a gthread worker: Django keeps a
 * connection per thread) opens one on its first query and keeps it, one unit of the database's
 * connection table, across requests, idle ones included. At the start and at the end of every
 * request Django closes a connection older than {@code CONN_MAX_AGE} (its {@code request_started}
 * and {@code request_finished} signals call {@code close_if_unusable_or_obsolete}); the next query
 * opens a new one, paying the whole opening again. A worker killed or recycled closes its
 * connection with its process.
 */
public final class WorkerConnections {

    /** {@code CONN_MAX_AGE = None}: a connection is never closed for its age. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private final Node target;
    private final Pool table;
    private final long maxAge;
    private final Engine engine;
    private final long[] openedAt;
    private final CountRecorder connects;
    private int open;

    /**
     * The connections of {@code slots} worker slots to {@code target}, each a unit of {@code table}
     * and closed once older than {@code maxAge} ns ({@link #UNLIMITED}: never); every connection
     * opened is counted in {@code connects}.
     */
    public WorkerConnections(Node target, Pool table, int slots, long maxAge, Engine engine, CountRecorder connects) {
        if (maxAge <= 0) {
            throw new IllegalArgumentException("max age must be > 0 ns, was " + maxAge);
        }
        this.target = target;
        this.table = table;
        this.maxAge = maxAge;
        this.engine = engine;
        this.openedAt = new long[slots];
        this.connects = connects;
        java.util.Arrays.fill(openedAt, -1);
    }

    /** The service they connect to. */
    public Node target() {
        return target;
    }

    /** True when worker slot {@code worker} holds a connection. */
    boolean holds(int worker) {
        return openedAt[worker] >= 0;
    }

    /** Worker slot {@code worker} was granted a unit of the table: its connection opens now. */
    void opened(int worker) {
        openedAt[worker] = engine.now();
        open++;
        connects.increment();
    }

    /** Closes {@code worker}'s connection if it has one older than the max age (Django's check). */
    void closeIfObsolete(int worker) {
        long at = openedAt[worker];
        if (at >= 0 && maxAge != UNLIMITED && engine.now() - at >= maxAge) {
            close(worker);
        }
    }

    /** Closes {@code worker}'s connection, if it has one: its unit goes back to the table. */
    void close(int worker) {
        if (openedAt[worker] >= 0) {
            openedAt[worker] = -1;
            open--;
            table.release();
        }
    }

    /** Connections open now. */
    public int open() {
        return open;
    }

    /** Connections opened so far. */
    public long connects() {
        return connects.total();
    }
}
