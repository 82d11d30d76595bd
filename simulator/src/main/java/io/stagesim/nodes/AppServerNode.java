package io.stagesim.nodes;

import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.model.DelayStation;
import io.stagesim.model.Job;
import io.stagesim.model.Outcome;
import io.stagesim.model.Pool;
import io.stagesim.model.PsHost;
import io.stagesim.random.Sampler;
import io.stagesim.stats.CountRecorder;

/**
 * Gunicorn (or any app server with a fixed set of workers): workers × threads request slots, fed
 * by the kernel's listen backlog. A request waits in the backlog for a slot; when the backlog is
 * full the connection is not refused: the client's SYN is dropped and retried after 1, 2, 4, 8,
 * 16 and 32 s (Linux's defaults), and after the sixth retry the connection fails. A slot is held
 * for the whole view, database and cache calls included — what makes a pool run dry when the
 * database is slow. Static files, when they reach it, hold a slot for their CPU too.
 *
 * <p>Gunicorn's worker timeout: a request that holds a worker longer than {@code timeout} gets the
 * worker killed. Its caller sees the connection reset at once (a 502 at the proxy); the work already
 * started elsewhere (a database query) runs on, wasted; the worker's slot comes back after
 * {@code bootTime}, when the arbiter has started a new worker. A CPU burst under way in the killed
 * worker is let finish (wasted) rather than cut short.
 *
 * <p>Recycling (uWSGI's max-requests): after every {@code maxRequests} requests served, counted
 * over all workers together (each worker reaches its own count at that rate on average), the
 * worker that served the last one restarts: its slot comes back {@code respawn} later. With
 * threads, only that thread's slot is taken out, not its whole process's.
 *
 * <p>A memory leak (sync workers): while one lasts, each request a worker takes grows it by
 * {@code perRequest} bytes, the requests spread over the workers in turn; the request that would
 * take a worker past its room is killed with it (the kernel's OOM killer: the caller sees the
 * connection reset, a 502 at the proxy) and a new worker, back at its own size, takes the slot
 * {@code bootTime} later. So a worker serves floor(room / perRequest) requests and dies on the next.
 *
 * <p>Persistent database connections ({@link WorkerConnections}) belong to a worker slot: with
 * them, every slot has an identity, and a request takes the slot idle the longest (Python's
 * condition variables wake waiting threads first in, first out; sync workers all take turns at
 * the listening socket), so over time every slot opens its connection.
 *
 * <p>Bytes ({@link Transfer}): a worker reads a request's body and hands its response over to
 * whoever called it before it is free: to a buffering proxy at LAN speed, to a client (no buffering
 * proxy in between) at the client's speed — why Gunicorn's sync workers need a buffering proxy.
 *
 * <p>Work after the response ({@link #afterResponse}: Django's {@code request_finished} handlers, closing
 * the database connection): the response goes back to the caller (once handed over), and the worker keeps its
 * slot, busy on the CPU, until that work is done. The request's latency does not include it; the
 * worker's holding time, and so the server's capacity, does. A worker that restarts after its last
 * request does so once that work is done.
 *
 * <p>Also Django's runserver: with {@code slots} null it has a thread per connection, no limit.
 */
public final class AppServerNode extends ViewHost implements Handler {

    private static final int SLOT = 0;
    private static final int SYN_WAIT = 1;
    private static final int OVERHEAD = 2;
    private static final int STATIC_CPU = 3;
    private static final int BODY = 4;
    private static final int HANDED = 5;
    private static final int SYN_RETRIES = 6;
    private static final int WORKER_TIMEOUT = 0;
    private static final int WORKER_BOOTED = 1;
    private static final int OOM_BOOTED = 2; // + the worker's index

    private final Pool slots;
    private final DelayStation network;
    private final Sampler staticCpu;
    private final Sampler overhead;
    private ViewPlan[] plans = new ViewPlan[0];
    private Engine engine;
    private RequestPool requests;
    private long timeout;
    private long bootTime;
    private CountRecorder kills;
    private int maxRequests;
    private long respawn;
    private CountRecorder recycles;
    private int sinceRecycle;
    private CountRecorder oomKills;
    private long[] leaked = new long[0]; // bytes each worker has grown by
    private boolean[] booting = new boolean[0];
    private int lastWorker = -1;
    private long leakPerRequest; // 0: no leak now
    private long room;
    private int processThreads = 1; // threads of a worker process, for a memory leak
    private int untaken; // slots of OOM-killed workers that work after a response kept (not to give back)
    private WorkerConnections[] kept = new WorkerConnections[0];
    private ProcessPools[] pooled = new ProcessPools[0];
    private Node[] pooledTargets = new Node[0];
    // for speed: the idle slots in a ring of primitive ints, first in first out, no allocation
    private int[] idle;
    private int idleHead;
    private int idleCount;
    private Sampler afterCpu; // CPU after the response, holding the worker (null: none)
    private AfterResponse spare; // finished after-response jobs, for reuse

    /**
     * An app server running on {@code cpu}.
     *
     * @param slots request slots with the backlog as their waiting room, or null for unlimited
     * @param overhead CPU per request besides the view (runserver's), or null
     */
    public AppServerNode(String name, PsHost cpu, Pool slots, DelayStation network, Sampler staticCpu,
            Sampler overhead) {
        super(name, cpu);
        this.slots = slots;
        this.network = network;
        this.staticCpu = staticCpu;
        this.overhead = overhead;
    }

    /**
     * Kills a worker whose request runs longer than {@code timeout} ns, and boots a new one in
     * {@code bootTime} ns; kills are counted in {@code kills}.
     */
    public void workerTimeout(Engine engine, RequestPool requests, long timeout, long bootTime, CountRecorder kills) {
        this.engine = engine;
        this.requests = requests;
        this.timeout = timeout;
        this.bootTime = bootTime;
        this.kills = kills;
    }

    /**
     * Restarts a worker after every {@code maxRequests} requests served; its slot serves again
     * {@code respawn} ns later. Recycles are counted in {@code recycles}.
     */
    public void recycleAfter(Engine engine, int maxRequests, long respawn, CountRecorder recycles) {
        this.engine = engine;
        this.maxRequests = maxRequests;
        this.respawn = respawn;
        this.recycles = recycles;
    }

    /**
     * Tracks the memory of each of {@code workers} worker processes of {@code threads} threads, for
     * memory leaks; a worker killed for its memory is counted in {@code oomKills} and replaced
     * {@code bootTime} ns later.
     */
    public void trackMemory(Engine engine, RequestPool requests, int workers, int threads, long bootTime,
            CountRecorder oomKills) {
        this.engine = engine;
        this.requests = requests;
        this.processThreads = threads;
        this.bootTime = bootTime;
        this.oomKills = oomKills;
        this.leaked = new long[workers];
        this.booting = new boolean[workers];
    }

    /**
     * Each request's worker spends {@code cpu} on this server's CPU after the response has gone,
     * holding its slot until it is done.
     */
    public void afterResponse(Sampler cpu) {
        this.afterCpu = cpu;
    }

    /** True once {@link #trackMemory} has been called. */
    public boolean tracksMemory() {
        return oomKills != null;
    }

    /**
     * From now on each request a worker takes grows it by {@code perRequest} bytes (0: no more
     * growth; what has grown stays), and a worker is killed past {@code room} bytes of growth.
     */
    public void leak(long perRequest, long room) {
        this.leakPerRequest = perRequest;
        this.room = room;
    }

    /** The psycopg pools of this server's worker processes to {@code target}, or null. */
    public ProcessPools pooledConnections(Node target) {
        for (int i = 0; i < pooledTargets.length; i++) {
            if (pooledTargets[i] == target) {
                return pooled[i];
            }
        }
        return null;
    }

    /** Gives this server's worker processes the psycopg pools {@code p} to {@code target}; tracks its slots. */
    public ProcessPools poolConnections(Node target, ProcessPools p) {
        if (pooledConnections(target) != null) {
            throw new IllegalStateException(name + " pools connections to " + target.name() + " already");
        }
        trackSlots();
        pooledTargets = java.util.Arrays.copyOf(pooledTargets, pooledTargets.length + 1);
        pooledTargets[pooledTargets.length - 1] = target;
        pooled = java.util.Arrays.copyOf(pooled, pooled.length + 1);
        pooled[pooled.length - 1] = p;
        return p;
    }

    /** The persistent connections of this server's worker slots to {@code target}, or null. */
    public WorkerConnections keptConnections(Node target) {
        for (WorkerConnections w : kept) {
            if (w.target() == target) {
                return w;
            }
        }
        return null;
    }

    /**
     * Makes this server's worker slots keep persistent connections to {@code target}, each a unit
     * of {@code table}, closed once older than {@code maxAge} ns; opened connections are counted in
     * {@code connects}.
     */
    public WorkerConnections keepConnections(Node target, Pool table, long maxAge, Engine engine,
            CountRecorder connects) {
        if (keptConnections(target) != null) {
            throw new IllegalStateException(name + " keeps connections to " + target.name() + " already");
        }
        trackSlots();
        WorkerConnections w = new WorkerConnections(target, table, slots.units(), maxAge, engine, connects);
        kept = java.util.Arrays.copyOf(kept, kept.length + 1);
        kept[kept.length - 1] = w;
        return w;
    }

    /** Numbers the worker slots, so that a request knows its slot (and its process). */
    private void trackSlots() {
        if (slots == null) {
            throw new IllegalStateException(name + ": kept connections need worker slots");
        }
        if (idle == null) {
            idle = new int[slots.units()];
            for (int i = 0; i < idle.length; i++) {
                idle[i] = i;
            }
            idleCount = idle.length;
        }
    }

    /** The view plans, one per request class. */
    public void plans(ViewPlan[] plans) {
        this.plans = plans.clone();
    }

    /** The request slots, or null for a thread per connection. */
    public Pool slots() {
        return slots;
    }

    /** The CPU the app's Python runs on. */
    public PsHost cpu() {
        return cpu;
    }

    @Override
    protected void start(Request r) {
        if (slots == null) {
            readBody(r);
        } else {
            r.phase(SLOT);
            slots.acquire(r);
        }
    }

    /** The worker reads the request's body first: from a buffering proxy quickly, from a client at its speed. */
    private void readBody(Request r) {
        Transfer body = Transfer.bodyOf(r);
        if (body == null) {
            begin(r);
            return;
        }
        r.phase(BODY);
        r.call(body, null);
    }

    private void begin(Request r) {
        if (overhead != null) {
            r.phase(OVERHEAD);
            runCpu(r, overhead.sample());
        } else {
            serve(r);
        }
    }

    private void serve(Request r) {
        if (r.isStatic) {
            r.phase(STATIC_CPU);
            runCpu(r, staticCpu.sample());
        } else {
            beginView(r, plans[r.requestClass]);
        }
    }

    @Override
    protected void step(Request r, int outcome) {
        if (gilStep(r)) {
            return;
        }
        int phase = r.phase(); // a killed worker's frame never gets here (Request stops it)
        if (inView(phase)) {
            viewStep(r, outcome);
            return;
        }
        switch (phase) {
            case SLOT -> {
                if (outcome == Outcome.OK) {
                    r.hold(slots);
                    if (idle != null) {
                        takeSlot(r);
                    }
                    if (leakPerRequest > 0 && outOfMemory(r)) {
                        return;
                    }
                    if (timeout > 0) {
                        r.startTimer(timeout, this, WORKER_TIMEOUT);
                    }
                    readBody(r);
                    return;
                }
                int retries = r.a() + 1;
                if (retries > SYN_RETRIES) {
                    r.fail(ErrorKind.CONNECT_TIMEOUT);
                    return;
                }
                r.a(retries);
                r.phase(SYN_WAIT);
                network.delay(r, 1_000_000_000L << (retries - 1));
            }
            case SYN_WAIT -> {
                r.phase(SLOT);
                slots.acquire(r);
            }
            case BODY -> begin(r);
            case HANDED -> handedOver(r, outcome == Outcome.OK, r.b() == 1);
            case OVERHEAD -> serve(r);
            case STATIC_CPU -> served(r, true);
            default -> throw new IllegalStateException(name + ": phase " + phase);
        }
    }

    @Override
    protected void viewDone(Request r, boolean ok) {
        served(r, ok);
    }

    /** Takes the slot idle the longest for {@code r}; Django first closes its connections if too old. */
    private void takeSlot(Request r) {
        if (idleCount == 0) {
            throw new IllegalStateException(name + ": a worker slot granted but none idle");
        }
        int w = idle[idleHead];
        idleHead = (idleHead + 1) % idle.length;
        idleCount--;
        r.markSlotFrame(w);
        for (WorkerConnections c : kept) {
            c.closeIfObsolete(w);
        }
    }

    /**
     * The frame holding worker slot {@code w} (-1: given up already) returned: Django closes the
     * slot's connections if too old, or all of them if its process died with the request, and the
     * slot is idle again.
     */
    void slotFreed(Request r, int w) {
        if (w < 0) {
            return;
        }
        for (WorkerConnections c : kept) {
            if (r.workerKilled) {
                c.close(w);
            } else {
                c.closeIfObsolete(w);
            }
        }
        giveBack(w);
    }

    private void giveBack(int w) {
        idle[(idleHead + idleCount) % idle.length] = w;
        idleCount++;
    }

    /** Worker slot {@code w}'s process ends (killed, recycled): its connections close with it. */
    private void closeConnections(int w) {
        for (WorkerConnections c : kept) {
            c.close(w);
        }
    }

    /**
     * A request served: returns, its worker first restarting when it reached its last request, or
     * going on with the work after the response.
     */
    private void served(Request r, boolean ok) {
        boolean recycle = maxRequests > 0 && ++sinceRecycle >= maxRequests;
        if (recycle) {
            sinceRecycle = 0;
            recycles.increment();
        }
        if (afterCpu == null && recycle) {
            int w = r.slotWorker();
            if (w >= 0) {
                closeConnections(w);
            }
            r.withhold(slots);
            engine.schedule(respawn, this, null, WORKER_BOOTED);
        }
        Transfer t = ok ? Transfer.responseOf(r) : null;
        if (t == null) {
            handedOver(r, ok, recycle);
            return;
        }
        r.b(recycle ? 1 : 0); // the view's calls are over: the frame carries the flag through the hand-over
        r.phase(HANDED); // a sync worker is held until its response is handed over
        r.call(t, null);
    }

    /** The response is handed over: the frame returns, the worker first starting its work after it. */
    private void handedOver(Request r, boolean ok, boolean recycle) {
        if (afterCpu != null) {
            afterResponse(r, recycle);
        }
        r.ret(ok);
    }

    /** The work a worker does after the response: a job on the CPU that keeps the request's slot. */
    private static final class AfterResponse extends Job {
        final AppServerNode server;
        int worker;
        boolean recycle;
        AfterResponse next;

        AfterResponse(AppServerNode server) {
            this.server = server;
        }

        @Override
        protected void resume(int outcome) {
            server.afterResponseDone(this); // done, or cut short by a crash of the host: either way over
        }
    }

    /** Starts the work after {@code r}'s response, the slot (and its identity) kept from {@code r}. */
    private void afterResponse(Request r, boolean recycle) {
        AfterResponse job = spare;
        if (job == null) {
            job = new AfterResponse(this);
        } else {
            spare = job.next;
            job.next = null;
        }
        job.recycle = recycle;
        job.worker = -1;
        if (slots != null) {
            r.withhold(slots);
            job.worker = r.slotWorker();
            r.loseSlotWorker();
        }
        cpu.execute(job, scaled(afterCpu.sample()));
    }

    /** The work after a response is over: the worker's slot is free again, or it restarts. */
    private void afterResponseDone(AfterResponse job) {
        int w = job.worker;
        if (w >= 0) {
            for (WorkerConnections c : kept) {
                if (job.recycle) {
                    c.close(w);
                } else {
                    c.closeIfObsolete(w);
                }
            }
            giveBack(w);
        }
        if (job.recycle) {
            engine.schedule(respawn, this, null, WORKER_BOOTED);
        } else if (slots != null) {
            slots.release();
        }
        job.next = spare;
        spare = job;
    }

    /**
     * Grows the next worker (in turn, skipping those booting: one with a granted slot is up) by the
     * leak; true when that takes it past its room and the kernel kills it with {@code r}.
     */
    private boolean outOfMemory(Request r) {
        int w = lastWorker;
        int tried = 0;
        do {
            w = (w + 1) % leaked.length;
            if (++tried > leaked.length) {
                // every process is booting, yet a slot was granted: one freed by work after a
                // response that outlived its killed process (see limits); nothing to grow
                return false;
            }
        } while (booting[w]);
        lastWorker = w;
        leaked[w] += leakPerRequest;
        if (leaked[w] <= room) {
            return false;
        }
        leaked[w] = 0;
        booting[w] = true;
        r.workerKilled = true; // its process dies: its persistent connections close with it
        r.withhold(slots);
        if (processThreads > 1 && oomKillWorker(processThreads - 1, requests) < 0) {
            untaken += processThreads - 1; // its other threads all ran work after a response: left to it
        }
        oomKills.increment();
        engine.schedule(bootTime, this, null, OOM_BOOTED + w);
        r.fail(ErrorKind.WORKER_OOM);
        return true;
    }

    /**
     * The kernel's OOM killer kills one worker process (its {@code threads} slots) for a host out
     * of memory: the slots idle now first, then those of requests under way, each of which fails
     * ({@code worker_oom_killed}: the caller sees its connection reset, a 502 at a proxy) while what
     * it started elsewhere runs on, wasted. The slots stay taken until {@link #workerBack}. Returns
     * the requests lost; -1 when no slot could be taken (all held by work after a response), and
     * then nothing was. A slot held by such work when others could be taken is left to it.
     */
    public int oomKillWorker(int threads, RequestPool pool) {
        int taken = 0;
        int lost = 0;
        java.util.List<Request> inFlight = null;
        while (taken < threads) {
            if (slots.take()) {
                taken++;
                continue;
            }
            if (inFlight == null) {
                inFlight = pool.inFlightRequests();
            }
            Request victim = null;
            int d = -1;
            for (Request r : inFlight) {
                int f = r.frameOf(this);
                if (f >= 1 && !r.workerKilled && r.frameHolds(f, slots)) {
                    victim = r;
                    d = f;
                    break;
                }
            }
            if (victim == null) {
                break;
            }
            inFlight.remove(victim);
            killUnder(victim, d, pool, ErrorKind.WORKER_OOM);
            taken++;
            lost++;
        }
        if (taken == 0) {
            return -1;
        }
        for (int i = taken; i < threads; i++) {
            untaken++; // held by work after a response: left to it (not given back at the boot)
        }
        return lost;
    }

    /** A worker killed by {@link #oomKillWorker} is back: its {@code threads} slots serve again. */
    public void workerBack(int threads) {
        for (int i = 0; i < threads; i++) {
            if (untaken > 0) {
                untaken--;
            } else {
                slots.release();
            }
        }
    }

    /** Kills the worker running frame {@code d} of {@code r}: the frames above go on for nobody, the caller fails. */
    private void killUnder(Request r, int d, RequestPool pool, ErrorKind why) {
        r.cancelTimerAt(d); // its worker timeout dies with it
        Request front = r.detach(d - 1, pool);
        r.forget(slots);
        int w = r.slotWorker();
        if (w >= 0) {
            closeConnections(w); // the new worker starts without them
            r.loseSlotWorker();
            giveBack(w);
        }
        r.workerKilled = true;
        front.setError(why);
        front.resumeTop(Outcome.FAILED);
    }

    /** A worker timeout, or a new worker booted (after a kill, a recycle or the OOM killer). */
    @Override
    public void handle(Object subject, int tag) {
        if (tag >= OOM_BOOTED) {
            booting[tag - OOM_BOOTED] = false;
            workerBack(processThreads - 1); // its other threads' slots; the killed request's below
        }
        if (tag >= WORKER_BOOTED) {
            slots.release();
            return;
        }
        Request r = (Request) subject;
        int d = r.frameOf(this);
        Request front = r.detach(d - 1, requests);
        r.forget(slots);
        int w = r.slotWorker();
        if (w >= 0) {
            closeConnections(w); // the new worker starts without them
            r.loseSlotWorker();
            giveBack(w);
        }
        r.workerKilled = true;
        kills.increment();
        engine.schedule(bootTime, this, null, WORKER_BOOTED);
        front.setError(ErrorKind.WORKER_TIMEOUT);
        front.resumeTop(Outcome.FAILED);
    }
}
