package io.stagesim.nodes;

import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
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

    // for speed and memory: frame arrays start small and grow (rarely: requests are recycled and
    // keep what they grew to); a fixed MAX_DEPTH took 2.3 KB per request in flight
    private static final int INITIAL_DEPTH = 8;
    private Node[] node = new Node[INITIAL_DEPTH];
    private int[] phase = new int[INITIAL_DEPTH];
    private int[] a = new int[INITIAL_DEPTH];
    private int[] b = new int[INITIAL_DEPTH];
    private long[] value = new long[INITIAL_DEPTH];
    private Object[] arg = new Object[INITIAL_DEPTH];
    private int[] heldMark = new int[INITIAL_DEPTH];
    private long[] timer = new long[INITIAL_DEPTH];
    private Pool[] held = new Pool[INITIAL_DEPTH * 2];
    private int heldCount;
    private int depth = -1;
    private int viewDepth = -1;
    // for speed: the connection tables the view holds a unit of, a small array grown rarely (a view
    // with read replicas holds one per database it reached); recycled with the request
    private Pool[] dbConnections = new Pool[2];
    // the psycopg pool each of them was taken from (null for a connection table) and the connection's id in it
    // the psycopg pool and connection of each held connection; allocated by the first view that uses such a
    // pool (a request in flight of any other scenario carries no arrays for them: SmallHeapTest)
    private ProcessPools[] dbOwners;
    private int[] dbIds;
    private int dbConnectionCount;
    /** The frame holding a worker slot whose identity matters (persistent connections), or -1. */
    private int slotDepth = -1;

    private Owner owner;
    private Engine engine;
    /** The pool this request came from, for requests split off it. */
    RequestPool pool;
    private ErrorKind error;
    /** The failure came before the request was delivered (refused, or no connection in time). */
    private boolean unsent;
    /** Split off by a timeout: nobody waits for this request any more; its work is wasted. */
    boolean orphan;
    /**
     * What ran this orphan's outermost frame died (a worker killed, a host crashed, a database
     * failed over): that frame stops at its next step, whatever it would have done next.
     */
    boolean workerKilled;
    /** Taken from the pool and not yet given back. */
    boolean inUse;
    /** Request class index. */
    int requestClass;
    /** True for a static file, false for a dynamic page. */
    boolean isStatic;
    /** Bytes of the response: the object or file fetched, or the view's HTML or JSON (gzipped once a proxy has). */
    long size;
    /** Fetched by a CDN from its origin: the origin's bytes go to the edge, not to a browser. */
    boolean viaEdge;
    /** A browser's PUT straight to object storage (a presigned URL): {@link #size} bytes go up, none down. */
    boolean upload;
    /** Bytes of the request's body (a form, an upload); 0 for a GET. */
    long requestBytes;
    /** The client's downlink and uplink (bytes per second) and round trip (ns), drawn per page view. */
    double clientDownlink;
    double clientUplink;
    long clientRtt;
    /** Round trips of the client's own ({@link #clientRtt}) its browser hop costs: 1, more on a new connection. */
    int clientTrips;
    /**
     * The origin whose browser connection it takes ({@link ClientConnections#index()}: 0 the site's front,
     * then object storage, a CDN …), or −1 for none (not a browser's request).
     */
    int origin;
    /** The TLS handshake its new client connection still owes the server that terminates TLS. */
    int handshake;
    /** {@link #handshake}: none (a reused connection, plain HTTP, or done already). */
    static final int NO_HANDSHAKE = 0;
    /** {@link #handshake}: a full handshake. */
    static final int FULL_HANDSHAKE = 1;
    /** {@link #handshake}: a resumed session. */
    static final int RESUMED_HANDSHAKE = 2;
    /** A CPU step waiting for, or holding, a Python process's GIL ({@link ViewHost}): its work, and the phase after it. */
    long gilWork;
    int gilPhase;
    boolean gilHeld;
    /** The response has crossed the client's last mile already (a hop that paid it); so has the body. */
    boolean clientPaid;
    boolean bodyRead;
    /** Time (ns) the client still needs to receive what a send buffer took off its sender's hands. */
    long deliveryLeft;
    /** The page view this request belongs to (null for background tasks). */
    PageView page;
    /** The client gave up on this request: work done for it from now on is wasted. */
    boolean abandoned;
    /** CPU nanoseconds spent on this request so far (reference speed). */
    long cpu;
    /** CPU nanoseconds spent after the client gave up. */
    long wastedCpu;
    /** The key whose rows this request reads and writes at a database with replicas, or -1 (not drawn yet). */
    int key;

    /** Prepares a recycled request to start afresh, owned by {@code owner}. */
    void reset(Owner owner, Engine engine, long createdAt, int requestClass) {
        this.owner = owner;
        this.engine = engine;
        this.orphan = false;
        this.workerKilled = false;
        this.createdAt = createdAt;
        this.requestClass = requestClass;
        this.error = null;
        this.unsent = false;
        this.isStatic = false;
        this.size = 0;
        this.viaEdge = false;
        this.upload = false;
        this.requestBytes = 0;
        this.clientDownlink = 0;
        this.clientUplink = 0;
        this.clientRtt = 0;
        this.clientTrips = 1;
        this.origin = -1;
        this.handshake = NO_HANDSHAKE;
        this.gilHeld = false;
        this.clientPaid = false;
        this.bodyRead = false;
        this.deliveryLeft = 0;
        this.page = null;
        this.abandoned = false;
        this.cpu = 0;
        this.wastedCpu = 0;
        this.depth = -1;
        this.heldCount = 0;
        this.viewDepth = -1;
        this.dbConnectionCount = 0;
        this.key = -1;
        this.slotDepth = -1;
    }

    /** Why the request failed, or null. */
    public ErrorKind error() {
        return error;
    }

    /** Pushes a frame for {@code target} with an argument and starts it. */
    void call(Node target, Object argument) {
        int d = ++depth;
        if (d == node.length) {
            if (d == MAX_DEPTH) {
                throw new IllegalStateException("request nesting deeper than " + MAX_DEPTH + " frames");
            }
            growFrames(Math.min(MAX_DEPTH, 2 * d));
        }
        node[d] = target;
        phase[d] = 0;
        a[d] = 0;
        b[d] = 0;
        value[d] = 0;
        arg[d] = argument;
        heldMark[d] = heldCount;
        timer[d] = -1;
        target.entered++;
        target.start(this);
    }

    /** Pops the current frame, releasing what it acquired, and resumes the caller. */
    void ret(boolean ok) {
        int d = depth;
        if (timer[d] >= 0) {
            engine.cancel(timer[d]);
            timer[d] = -1;
        }
        if (d == viewDepth) {
            viewDepth = -1;
            while (dbConnectionCount > 0) {
                Pool c = dbConnections[--dbConnectionCount];
                dbConnections[dbConnectionCount] = null;
                ProcessPools o = dbOwners == null ? null : dbOwners[dbConnectionCount];
                if (o != null) {
                    dbOwners[dbConnectionCount] = null;
                    o.returned(dbIds[dbConnectionCount]); // before the unit goes to a waiter, which takes an idle one
                }
                c.release();
            }
        }
        if (d == slotDepth) {
            slotDepth = -1;
            ((AppServerNode) node[d]).slotFreed(this, a[d]);
        }
        while (heldCount > heldMark[d]) {
            Pool p = held[--heldCount];
            held[heldCount] = null;
            p.release();
        }
        node[d].left++;
        node[d] = null;
        arg[d] = null;
        depth--;
        if (depth < 0) {
            owner.finished(this, ok && error == null);
        } else if (workerKilled && depth == 0) {
            fail(ErrorKind.HOST_DOWN); // what would have gone on with the answer is dead
        } else {
            node[depth].step(this, ok ? Outcome.OK : Outcome.FAILED);
        }
    }

    /** Records why the request failed (the first cause wins) and returns from the frame. */
    void fail(ErrorKind kind) {
        setError(kind);
        ret(false);
    }

    /** Fails the frame before anything was sent: the connection was refused or never opened. */
    void refused(ErrorKind kind) {
        if (error == null) {
            unsent = true;
        }
        fail(kind);
    }

    /** True when the recorded failure came after the request was sent (so resending it may repeat it). */
    boolean wasSent() {
        return !unsent;
    }

    /** Forgets the recorded cause of failure (a load balancer retrying on another backend). */
    void clearError() {
        error = null;
        unsent = false;
    }

    /**
     * The host {@code host} went down under this request: the frames from the first one on that
     * host upwards are lost (they go on as an orphan, whose work on the dead machine fails and whose
     * first frame there stops at its next step: work it started elsewhere runs on, wasted), and the
     * caller of that frame sees its connection reset at once. A request whose outermost frame is on
     * the host is simply orphaned.
     */
    public void hostDown(HostState host) {
        lose(n -> n.host() == host);
    }

    /**
     * The host {@code host} went away under this request (a blackhole): as {@link #hostDown}, but
     * nothing tells the caller of the first frame on the host: it waits (for its own timeout) until
     * the host comes back and answers the dead connection with a reset.
     */
    public void hostGone(HostState host) {
        for (int d = 0; d <= depth; d++) {
            if (node[d].host() == host) {
                workerKilled = true;
                if (d == 0) {
                    orphan = true;
                    abandoned = true;
                    return;
                }
                Request front = detach(d - 1, null);
                if (front.node[front.depth] instanceof Link) {
                    front.phase(Link.LOST);
                    host.park(front);
                } else { // called from the same machine: nobody is left to wait
                    front.setError(ErrorKind.HOST_DOWN);
                    front.resumeTop(Outcome.FAILED);
                }
                return;
            }
        }
    }

    /**
     * The nodes {@code lost} picks went down under this request: as {@link #hostDown}, from the
     * first frame of such a node.
     */
    public void lose(java.util.function.Predicate<Node> lost) {
        lose(lost, ErrorKind.HOST_DOWN);
    }

    /** As {@link #lose(java.util.function.Predicate)}, the caller told {@code why}. */
    public void lose(java.util.function.Predicate<Node> lost, ErrorKind why) {
        for (int d = 0; d <= depth; d++) {
            if (lost.test(node[d])) {
                workerKilled = true; // this request keeps the lost frames: they stop at their next step
                if (d == 0) {
                    orphan = true;
                    abandoned = true;
                    return;
                }
                Request front = detach(d - 1, null);
                front.setError(why);
                front.resumeTop(Outcome.FAILED);
                return;
            }
        }
    }

    /** Records why the request failed, if no cause is recorded yet. */
    void setError(ErrorKind kind) {
        if (error == null) {
            error = kind;
        }
    }

    /** Notes that the current frame now holds a unit of {@code pool}. */
    void hold(Pool pool) {
        if (heldCount == held.length) {
            held = java.util.Arrays.copyOf(held, 2 * held.length);
        }
        held[heldCount++] = pool;
    }

    /** Makes room for {@code frames} frames. */
    private void growFrames(int frames) {
        if (frames <= node.length) {
            return;
        }
        node = java.util.Arrays.copyOf(node, frames);
        phase = java.util.Arrays.copyOf(phase, frames);
        a = java.util.Arrays.copyOf(a, frames);
        b = java.util.Arrays.copyOf(b, frames);
        value = java.util.Arrays.copyOf(value, frames);
        arg = java.util.Arrays.copyOf(arg, frames);
        heldMark = java.util.Arrays.copyOf(heldMark, frames);
        timer = java.util.Arrays.copyOf(timer, frames);
    }

    /** Gives back one unit of {@code pool} early, before the frame returns. */
    void releaseEarly(Pool pool) {
        withhold(pool);
        pool.release();
    }

    /**
     * Keeps the current frame's unit of {@code pool} from being released when the frame returns:
     * whoever called this gives it back later (a worker restarting after its last request).
     */
    void withhold(Pool pool) {
        for (int i = heldCount - 1; i >= heldMark[depth]; i--) {
            if (held[i] == pool) {
                System.arraycopy(held, i + 1, held, i, heldCount - i - 1);
                held[--heldCount] = null;
                return;
            }
        }
        throw new IllegalStateException("frame does not hold " + pool.name());
    }

    /** Starts a timer for the current frame, cancelled when the frame returns. */
    void startTimer(long delay, Handler handler, int tag) {
        timer[depth] = engine.schedule(delay, handler, this, tag);
    }

    /** The node whose frame called the current one (a link, usually), or null for the outermost. */
    Node caller() {
        return depth > 0 ? node[depth - 1] : null;
    }

    /** True when the current frame was called by {@code n}. */
    boolean calledBy(Node n) {
        return depth > 0 && node[depth - 1] == n;
    }

    /** Starts a timer for the caller of the current frame, cancelled when that frame returns. */
    void startCallerTimer(long delay, Handler handler, int tag) {
        timer[depth - 1] = engine.schedule(delay, handler, this, tag);
    }

    /** Depth of the current frame (0 is the outermost). */
    int depth() {
        return depth;
    }

    /**
     * A timeout at frame {@code keep}: the frames up to and including it, with the units they
     * hold, move to a new request that takes this one's place for its caller and is returned; this
     * request keeps the frames above, becomes an orphan (nobody waits for it, its CPU counts as
     * wasted) and goes on with whatever it was doing, ending when its own bottom frame returns.
     */
    Request detach(int keep, RequestPool pool) {
        Request front = (pool != null ? pool : this.pool).take();
        front.reset(owner, engine, createdAt, requestClass);
        front.error = error;
        front.unsent = unsent;
        front.isStatic = isStatic;
        front.size = size;
        front.requestBytes = requestBytes;
        front.clientDownlink = clientDownlink;
        front.clientUplink = clientUplink;
        front.clientRtt = clientRtt;
        front.clientTrips = clientTrips;
        front.origin = origin;
        front.handshake = handshake;
        front.clientPaid = clientPaid;
        front.bodyRead = bodyRead;
        front.deliveryLeft = deliveryLeft;
        front.page = page;
        front.abandoned = abandoned;
        front.orphan = orphan; // the front part of an orphan is still waited for by nobody
        front.cpu = cpu;
        front.wastedCpu = wastedCpu;
        front.key = key;
        int frames = keep + 1;
        int heldBelow = keep + 1 <= depth ? heldMark[keep + 1] : heldCount;
        front.growFrames(frames);
        if (front.held.length < heldBelow) {
            front.held = java.util.Arrays.copyOf(front.held, Math.max(heldBelow, 2 * front.held.length));
        }
        System.arraycopy(node, 0, front.node, 0, frames);
        System.arraycopy(phase, 0, front.phase, 0, frames);
        System.arraycopy(a, 0, front.a, 0, frames);
        System.arraycopy(b, 0, front.b, 0, frames);
        System.arraycopy(value, 0, front.value, 0, frames);
        System.arraycopy(arg, 0, front.arg, 0, frames);
        System.arraycopy(heldMark, 0, front.heldMark, 0, frames);
        System.arraycopy(timer, 0, front.timer, 0, frames);
        for (int d = 0; d < frames; d++) {
            if (timer[d] >= 0) { // the frames' timers now time the front
                engine.resubject(timer[d], front);
            }
        }
        System.arraycopy(held, 0, front.held, 0, heldBelow);
        front.heldCount = heldBelow;
        front.depth = keep;
        if (viewDepth >= 0 && viewDepth <= keep) {
            front.viewDepth = viewDepth;
            Pool[] conns = front.dbConnections; // for speed: the arrays change hands, nothing is copied
            front.dbConnections = dbConnections;
            front.dbConnectionCount = dbConnectionCount;
            dbConnections = conns;
            ProcessPools[] owners = front.dbOwners;
            front.dbOwners = dbOwners;
            dbOwners = owners;
            int[] ids = front.dbIds;
            front.dbIds = dbIds;
            dbIds = ids;
            dbConnectionCount = 0;
            viewDepth = -1;
        } else if (viewDepth > keep) {
            viewDepth -= frames;
        }
        if (slotDepth >= 0 && slotDepth <= keep) {
            front.slotDepth = slotDepth;
            slotDepth = -1;
        } else if (slotDepth > keep) {
            slotDepth -= frames;
        }
        int rest = depth - keep;
        System.arraycopy(node, frames, node, 0, rest);
        System.arraycopy(phase, frames, phase, 0, rest);
        System.arraycopy(a, frames, a, 0, rest);
        System.arraycopy(b, frames, b, 0, rest);
        System.arraycopy(value, frames, value, 0, rest);
        System.arraycopy(arg, frames, arg, 0, rest);
        System.arraycopy(timer, frames, timer, 0, rest);
        for (int i = 0; i < rest; i++) {
            heldMark[i] = heldMark[i + frames] - heldBelow;
        }
        System.arraycopy(held, heldBelow, held, 0, heldCount - heldBelow);
        for (int i = heldCount - heldBelow; i < heldCount; i++) {
            held[i] = null;
        }
        heldCount -= heldBelow;
        java.util.Arrays.fill(node, rest, depth + 1, null);
        java.util.Arrays.fill(arg, rest, depth + 1, null);
        depth = rest - 1;
        orphan = true;
        abandoned = true;
        cpu = 0;
        wastedCpu = 0;
        if (page != null) {
            page.replace(this, front);
            page = null;
        }
        return front;
    }

    /** Resumes the current frame with {@code outcome} (used after a timeout detached it). */
    void resumeTop(int outcome) {
        node[depth].step(this, outcome);
    }

    /** Index of the deepest frame of {@code n}, or -1. */
    int frameOf(Node n) {
        for (int d = depth; d >= 0; d--) {
            if (node[d] == n) {
                return d;
            }
        }
        return -1;
    }

    /** Number of frames of {@code n} on this request's stack. */
    int framesOf(Node n) {
        int k = 0;
        for (int d = depth; d >= 0; d--) {
            if (node[d] == n) {
                k++;
            }
        }
        return k;
    }

    /** Cancels frame {@code d}'s timer, if any. */
    void cancelTimerAt(int d) {
        if (timer[d] >= 0) {
            engine.cancel(timer[d]);
            timer[d] = -1;
        }
    }

    /** True when frame {@code d} holds a unit of {@code pool} now. */
    boolean frameHolds(int d, Pool pool) {
        int end = d + 1 <= depth ? heldMark[d + 1] : heldCount;
        for (int i = heldMark[d]; i < end; i++) {
            if (held[i] == pool) {
                return true;
            }
        }
        return false;
    }

    /** Cancels the current frame's timer, if any. */
    void cancelTimer() {
        if (timer[depth] >= 0) {
            engine.cancel(timer[depth]);
            timer[depth] = -1;
        }
    }

    /** Removes one unit of {@code pool} held by frame 0 without releasing it (its owner died). */
    void forget(Pool pool) {
        int end = depth >= 1 ? heldMark[1] : heldCount;
        for (int i = end - 1; i >= 0; i--) {
            if (held[i] == pool) {
                System.arraycopy(held, i + 1, held, i, heldCount - i - 1);
                held[--heldCount] = null;
                for (int d = 1; d <= depth; d++) {
                    heldMark[d]--;
                }
                return;
            }
        }
        throw new IllegalStateException("frame 0 does not hold " + pool.name());
    }

    /** The current frame runs a view: a database connection opened under it lasts until it returns. */
    void markViewFrame() {
        viewDepth = depth;
    }

    /**
     * The current frame holds worker slot {@code worker} of an {@link AppServerNode}, which is told
     * when the frame returns ({@link AppServerNode#slotFreed}).
     */
    void markSlotFrame(int worker) {
        a[depth] = worker;
        slotDepth = depth;
    }

    /** The worker slot this request runs in, or -1 (none, or its worker was killed). */
    int slotWorker() {
        return slotDepth >= 0 ? a[slotDepth] : -1;
    }

    /** Its worker slot is no longer its own (the worker was killed): nothing to give back at the end. */
    void loseSlotWorker() {
        if (slotDepth >= 0) {
            a[slotDepth] = -1;
        }
    }

    /** True when the view running this request already holds a connection of {@code table}. */
    boolean hasDbConnection(Pool table) {
        for (int i = 0; i < dbConnectionCount; i++) {
            if (dbConnections[i] == table) {
                return true;
            }
        }
        return false;
    }

    /** The view running this request now holds a connection of {@code pool}, until it returns. */
    void holdDbConnection(Pool pool) {
        holdPooledConnection(pool, null, -1);
    }

    /**
     * The view running this request now holds a unit of {@code pool}, connection {@code id} of
     * {@code owner} (a psycopg pool; null for none), until it returns.
     */
    void holdPooledConnection(Pool pool, ProcessPools owner, int id) {
        if (viewDepth < 0) {
            throw new IllegalStateException("a database connection outside a view");
        }
        if (dbConnectionCount == dbConnections.length) {
            dbConnections = java.util.Arrays.copyOf(dbConnections, 2 * dbConnectionCount);
            if (dbOwners != null) {
                dbOwners = java.util.Arrays.copyOf(dbOwners, 2 * dbConnectionCount);
                dbIds = java.util.Arrays.copyOf(dbIds, 2 * dbConnectionCount);
            }
        }
        if (owner != null && dbOwners == null) {
            dbOwners = new ProcessPools[dbConnections.length];
            dbIds = new int[dbConnections.length];
        }
        if (dbOwners != null) {
            dbOwners[dbConnectionCount] = owner;
            dbIds[dbConnectionCount] = id;
        }
        dbConnections[dbConnectionCount++] = pool;
    }

    /** The id of the connection the view holds from {@code owner}'s pools, or -1. */
    int pooledConnectionId(ProcessPools owner) {
        for (int i = 0; dbOwners != null && i < dbConnectionCount; i++) {
            if (dbOwners[i] == owner) {
                return dbIds[i];
            }
        }
        return -1;
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

    /**
     * Counts CPU work done for this request (and as wasted once its client has gone), and charges
     * it to the service whose frame asked for it: the nearest frame down the stack whose node keeps
     * a CPU account (a call's own frame keeps none, so its caller pays).
     */
    void countCpu(long work) {
        cpu += work;
        for (int d = depth; d >= 0 && !node[d].chargeCpu(work); d--) {
            // down to the service that asked
        }
        if (abandoned) {
            wastedCpu += work;
        }
    }

    /**
     * Goes on after a primitive's operation. A job fails only when the CPU running it goes down
     * (a host crash): the frame that ran there dies with its machine, whatever its node would have
     * done next (call another machine, enqueue a task, commit a write); so does the outermost frame
     * of an orphan whose process died.
     */
    @Override
    protected void resume(int outcome) {
        if (outcome == Outcome.FAILED || workerKilled && depth == 0) {
            fail(ErrorKind.HOST_DOWN);
            return;
        }
        node[depth].step(this, outcome);
    }
}
