package io.stagesim.nodes;

import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.model.Pool;
import io.stagesim.random.RandomStream;
import io.stagesim.stats.CountRecorder;

/**
 * Django's psycopg connection pool (Django 5.1+) in each worker process of one app server, to one
 * database (or the pooler in front of it), as psycopg_pool 3.2 runs it: worker slot {@code w}
 * belongs to process {@code w / threads}, and the threads of a process share its pool of up to
 * {@code maxSize} connections. A request takes one of its process's for its life (the one idle the
 * longest: psycopg keeps idle connections in a deque, taken from the left and returned to the
 * right), waiting first in, first out when all are out, for at most the pool's timeout.
 *
 * <p>The pool opens at its process's first query (Django opens it then): {@code minSize}
 * connections, the first on that request's path, the rest in the background. When more are taken
 * than are open, the request that finds none idle opens one on its path. Each connection is a unit
 * of the database's table. Every {@code maxIdle} ns psycopg's shrink task closes one idle
 * connection if the pool has more than {@code minSize} and at least one connection stayed idle the
 * whole period (the fewest idle since the last check was above 0). A connection returned after its
 * lifetime ({@code maxLifetime} reduced by a random 0 to 5 %, psycopg's {@code _jitter(max_lifetime,
 * -0.05, 0.0)}) is closed and a new one is opened in its place in the background. A background
 * opening is ready at once; its CPU (the worker's connect and set-up, the new backend's start and
 * cold caches) is spent on the two hosts with nobody waiting. A worker killed or recycled keeps its
 * pool's connections in the model (see limits).
 */
public final class ProcessPools implements Handler {

    private static final long CLOSED = -1;

    private final Pool[] pools;
    private final Pool table;
    private final int threads;
    private final int minSize;
    private final int maxSize;
    private final long maxIdle;
    private final long maxLifetime;
    private final Engine engine;
    private final RandomStream jitter;
    private final CountRecorder connects;
    private final CountRecorder closes;
    private final boolean[] started;
    private final int[] open;
    private final long[] expireAt; // per connection (process × maxSize + index): when it expires, or CLOSED
    private final int[] idle; // per process a ring of maxSize connection indexes, oldest first
    private final int[] idleHead;
    private final int[] idleCount;
    private final int[] idleMin; // the fewest idle since the last shrink check (psycopg's _nconns_min)
    private DatabaseCall.Connection opener;
    private BackgroundCpu callerCpu;
    private BackgroundCpu targetCpu;

    /**
     * The pools of {@code pools.length} processes of {@code threads} threads, each of up to the
     * pool's units ({@code max_size}), floor {@code minSize}, connections of {@code table};
     * {@code maxIdle} and {@code maxLifetime} in ns (0: never), the lifetime's jitter drawn from
     * {@code jitter}; connections opened count in {@code connects}, closed in {@code closes}.
     */
    public ProcessPools(Pool[] pools, int threads, int minSize, long maxIdle, long maxLifetime, Pool table,
            Engine engine, RandomStream jitter, CountRecorder connects, CountRecorder closes) {
        this.pools = pools.clone();
        this.threads = threads;
        this.minSize = minSize;
        this.maxSize = pools[0].units();
        this.maxIdle = maxIdle;
        this.maxLifetime = maxLifetime;
        this.table = table;
        this.engine = engine;
        this.jitter = jitter;
        this.connects = connects;
        this.closes = closes;
        int n = pools.length;
        this.started = new boolean[n];
        this.open = new int[n];
        this.expireAt = new long[n * maxSize];
        java.util.Arrays.fill(expireAt, CLOSED);
        this.idle = new int[n * maxSize];
        this.idleHead = new int[n];
        this.idleCount = new int[n];
        this.idleMin = new int[n];
    }

    /**
     * How a background opening is paid: {@code opening}'s worker CPU on {@code caller}, its far
     * end's CPU on {@code target} (null: nothing of ours, a managed proxy).
     */
    public void opener(DatabaseCall.Connection opening, BackgroundCpu caller, BackgroundCpu target) {
        if (this.opener == null) {
            this.opener = opening;
            this.callerCpu = caller;
            this.targetCpu = target;
        }
    }

    /** The pool of worker slot {@code slot}'s process. */
    Pool of(int slot) {
        return pools[slot / threads];
    }

    /**
     * Slot {@code slot}'s request was granted a unit of its process's pool: the connection it
     * takes, the one idle the longest ({@code >= 0}), or {@code ~id} when none is idle and the
     * request must open connection {@code id} itself.
     */
    int take(int slot) {
        int p = slot / threads;
        boolean first = !started[p];
        if (first) {
            start(p); // the others open in the background while this request opens its own
        }
        if (!first && idleCount[p] > 0) {
            int c = idle[p * maxSize + idleHead[p]];
            idleHead[p] = (idleHead[p] + 1) % maxSize;
            idleCount[p]--;
            idleMin[p] = Math.min(idleMin[p], idleCount[p]);
            return p * maxSize + c;
        }
        idleMin[p] = 0;
        int id = freeConnection(p);
        expireAt[id] = expiry();
        open[p]++;
        connects.increment();
        return ~id;
    }

    /** The opening of connection {@code id} failed: nothing kept. */
    void openFailed(int id) {
        if (expireAt[id] != CLOSED) {
            expireAt[id] = CLOSED;
            open[id / maxSize]--;
        }
    }

    /**
     * Connection {@code id} comes back to its pool: kept idle, or, past its lifetime, closed and a
     * new one opened in the background in its place (when the table has room).
     */
    void returned(int id) {
        if (expireAt[id] == CLOSED) {
            return; // its opening failed
        }
        int p = id / maxSize;
        if (engine.now() >= expireAt[id]) {
            table.release();
            closes.increment();
            if (table.take()) {
                expireAt[id] = expiry();
                connects.increment();
                openInBackground();
            } else {
                expireAt[id] = CLOSED;
                open[p]--;
                return;
            }
        }
        idle[p * maxSize + (idleHead[p] + idleCount[p]) % maxSize] = id - p * maxSize;
        idleCount[p]++;
    }

    /** The pool opens: its first connection is the request's, {@code minSize} − 1 more open in the background. */
    private void start(int p) {
        started[p] = true;
        for (int i = 1; i < minSize && table.take(); i++) {
            int id = freeConnection(p);
            expireAt[id] = expiry();
            open[p]++;
            connects.increment();
            openInBackground();
            idle[p * maxSize + (idleHead[p] + idleCount[p]) % maxSize] = id - p * maxSize;
            idleCount[p]++;
        }
        idleMin[p] = idleCount[p];
        if (maxIdle > 0) {
            engine.schedule(maxIdle, this, null, p);
        }
    }

    /** psycopg's shrink task, every max_idle: one connection idle all the period closes, down to min_size. */
    @Override
    public void handle(Object subject, int p) {
        int fewest = idleMin[p];
        if (open[p] > minSize && fewest > 0 && idleCount[p] > 0) {
            int id = p * maxSize + idle[p * maxSize + idleHead[p]];
            idleHead[p] = (idleHead[p] + 1) % maxSize;
            idleCount[p]--;
            expireAt[id] = CLOSED;
            open[p]--;
            table.release();
            closes.increment();
        }
        idleMin[p] = idleCount[p];
        engine.schedule(maxIdle, this, null, p);
    }

    private int freeConnection(int p) {
        for (int i = p * maxSize; i < (p + 1) * maxSize; i++) {
            if (expireAt[i] == CLOSED) {
                return i;
            }
        }
        throw new IllegalStateException("pool " + p + ": more than " + maxSize + " connections open");
    }

    private long expiry() {
        if (maxLifetime == 0) {
            return Long.MAX_VALUE;
        }
        // psycopg_pool's _jitter(max_lifetime, -0.05, 0.0): the lifetime less a uniform 0 to 5 %
        return engine.now() + (long) (maxLifetime * (0.95 + 0.05 * jitter.nextDouble()));
    }

    private void openInBackground() {
        if (opener == null) {
            return;
        }
        callerCpu.run(opener.callerWork());
        if (targetCpu != null) {
            DatabaseCall at = opener.atDatabase();
            targetCpu.run(at.cpu.sample() + (at.extraCpu == null ? 0 : at.extraCpu.sample()));
        }
    }

    /** Connections open in all the processes. */
    public int open() {
        int n = 0;
        for (int o : open) {
            n += o;
        }
        return n;
    }
}
