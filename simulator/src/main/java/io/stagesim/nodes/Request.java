package io.stagesim.nodes;

import io.stagesim.model.Job;
import io.stagesim.model.Outcome;
import io.stagesim.model.Pool;

/**
 * One HTTP request (or background task) walking through the model: a stack of frames, one per
 * node it is inside (a service calling another pushes a frame), with a few slots of state per
 * frame, and the pool units it holds. When a frame returns, every unit acquired in it is released,
 * so a failure anywhere unwinds cleanly and nothing leaks. Requests are pooled and reused.
 */
public final class Request extends Job {

    private static final int MAX_DEPTH = 48;

    /** Receives a request when its outermost frame returns. */
    public interface Owner {
        /** {@code r} finished; {@code ok} is false if it failed ({@link Request#error()} says why). */
        void finished(Request r, boolean ok);
    }

    private final Node[] node = new Node[MAX_DEPTH];
    private final int[] phase = new int[MAX_DEPTH];
    private final int[] a = new int[MAX_DEPTH];
    private final int[] b = new int[MAX_DEPTH];
    private final long[] value = new long[MAX_DEPTH];
    private final Object[] arg = new Object[MAX_DEPTH];
    private final int[] heldMark = new int[MAX_DEPTH];
    private final Pool[] held = new Pool[MAX_DEPTH * 2];
    private int heldCount;
    private int depth = -1;
    private int viewDepth = -1;
    private Pool dbConnection;

    private Owner owner;
    private ErrorKind error;
    /** Request class index. */
    int requestClass;
    /** True for a static file, false for a dynamic page. */
    boolean isStatic;
    /** Bytes of the object or file fetched, for static files and storage calls. */
    long size;
    /** The page view this request belongs to (null for background tasks). */
    PageView page;
    /** The client gave up on this request: work done for it from now on is wasted. */
    boolean abandoned;
    /** CPU nanoseconds spent on this request so far (reference speed). */
    long cpu;
    /** CPU nanoseconds spent after the client gave up. */
    long wastedCpu;

    /** Prepares a recycled request to start afresh, owned by {@code owner}. */
    void reset(Owner owner, long createdAt, int requestClass) {
        this.owner = owner;
        this.createdAt = createdAt;
        this.requestClass = requestClass;
        this.error = null;
        this.isStatic = false;
        this.size = 0;
        this.page = null;
        this.abandoned = false;
        this.cpu = 0;
        this.wastedCpu = 0;
        this.depth = -1;
        this.heldCount = 0;
        this.viewDepth = -1;
        this.dbConnection = null;
    }

    /** Why the request failed, or null. */
    public ErrorKind error() {
        return error;
    }

    /** Pushes a frame for {@code target} with an argument and starts it. */
    void call(Node target, Object argument) {
        int d = ++depth;
        if (d == MAX_DEPTH) {
            throw new IllegalStateException("request nesting deeper than " + MAX_DEPTH + " frames");
        }
        node[d] = target;
        phase[d] = 0;
        a[d] = 0;
        b[d] = 0;
        value[d] = 0;
        arg[d] = argument;
        heldMark[d] = heldCount;
        target.start(this);
    }

    /** Pops the current frame, releasing what it acquired, and resumes the caller. */
    void ret(boolean ok) {
        int d = depth;
        if (d == viewDepth) {
            viewDepth = -1;
            if (dbConnection != null) {
                Pool c = dbConnection;
                dbConnection = null;
                c.release();
            }
        }
        while (heldCount > heldMark[d]) {
            Pool p = held[--heldCount];
            held[heldCount] = null;
            p.release();
        }
        node[d] = null;
        arg[d] = null;
        depth--;
        if (depth < 0) {
            owner.finished(this, ok && error == null);
        } else {
            node[depth].step(this, ok ? Outcome.OK : Outcome.FAILED);
        }
    }

    /** Records why the request failed (the first cause wins) and returns from the frame. */
    void fail(ErrorKind kind) {
        setError(kind);
        ret(false);
    }

    /** Records why the request failed, if no cause is recorded yet. */
    void setError(ErrorKind kind) {
        if (error == null) {
            error = kind;
        }
    }

    /** Notes that the current frame now holds a unit of {@code pool}. */
    void hold(Pool pool) {
        held[heldCount++] = pool;
    }

    /** Gives back one unit of {@code pool} early, before the frame returns. */
    void releaseEarly(Pool pool) {
        for (int i = heldCount - 1; i >= heldMark[depth]; i--) {
            if (held[i] == pool) {
                System.arraycopy(held, i + 1, held, i, heldCount - i - 1);
                held[--heldCount] = null;
                pool.release();
                return;
            }
        }
        throw new IllegalStateException("frame does not hold " + pool.name());
    }

    /** The current frame runs a view: a database connection opened under it lasts until it returns. */
    void markViewFrame() {
        viewDepth = depth;
    }

    /** True when the view running this request already holds a database connection. */
    boolean hasDbConnection() {
        return dbConnection != null;
    }

    /** The view running this request now holds a connection of {@code pool}, until it returns. */
    void holdDbConnection(Pool pool) {
        if (viewDepth < 0) {
            throw new IllegalStateException("a database connection outside a view");
        }
        dbConnection = pool;
    }

    int phase() {
        return phase[depth];
    }

    void phase(int p) {
        phase[depth] = p;
    }

    int a() {
        return a[depth];
    }

    void a(int v) {
        a[depth] = v;
    }

    int b() {
        return b[depth];
    }

    void b(int v) {
        b[depth] = v;
    }

    long value() {
        return value[depth];
    }

    void value(long v) {
        value[depth] = v;
    }

    Object arg() {
        return arg[depth];
    }

    void arg(Object v) {
        arg[depth] = v;
    }

    /** Counts CPU work done for this request (and as wasted once its client has gone). */
    void countCpu(long work) {
        cpu += work;
        if (abandoned) {
            wastedCpu += work;
        }
    }

    @Override
    protected void resume(int outcome) {
        node[depth].step(this, outcome);
    }
}
