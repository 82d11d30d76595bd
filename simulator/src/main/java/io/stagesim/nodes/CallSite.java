package io.stagesim.nodes;

import io.stagesim.model.Outcome;
import io.stagesim.model.PsHost;
import io.stagesim.random.RandomStream;
import io.stagesim.random.Sampler;

/**
 * One call written in a view ({@code - service: db, times: 3, cpu: …}), placed at one caller: it
 * makes the call {@code times} times in a row over its link, handing itself to the service as the
 * argument so the service reads the per-call demands from it. A cache call adds the miss path: on a
 * miss it runs the calls the cache would have saved, then stores the result (a SET).
 */
public final class CallSite extends Node {

    /** What kind of service is called. */
    public enum Kind { DATABASE, CACHE, STORAGE, TASK }

    final Kind kind;
    final Link link;
    final int times;
    private int timesMax;
    private RandomStream counts;
    final Sampler cpu;
    final Sampler io;
    final boolean write;
    final long download;
    final long upload;
    private final double hitRatio;
    private final CallSite[] onMiss;
    private final RandomStream hits;
    /** Where the caller runs (for enqueue and connection CPU), and what enqueueing costs it. */
    private final PsHost callerCpu;
    private final Sampler enqueueCpu;
    /** For a task call: the task's plan, run later by a worker. */
    final ViewPlan task;
    /** For a database call: the database whose connections it needs (null for SQLite). */
    private DatabaseNode database;
    private boolean persistent;
    private Sampler connectCpu;
    private CallSite connectAtDatabase;

    /** A call site; unused parameters are null or zero for the kinds that do not use them. */
    public CallSite(String name, Kind kind, Link link, int times, Sampler cpu, Sampler io, boolean write,
            long download, long upload, double hitRatio, CallSite[] onMiss, RandomStream hits, PsHost callerCpu,
            Sampler enqueueCpu, ViewPlan task) {
        super(name);
        this.kind = kind;
        this.link = link;
        this.times = times;
        this.timesMax = times;
        this.cpu = cpu;
        this.io = io;
        this.write = write;
        this.download = download;
        this.upload = upload;
        this.hitRatio = hitRatio;
        this.onMiss = onMiss;
        this.hits = hits;
        this.callerCpu = callerCpu;
        this.enqueueCpu = enqueueCpu;
        this.task = task;
    }

    /** Makes the number of calls uniform between {@code times} and {@code max}, drawn from {@code counts}. */
    public void randomTimes(int max, RandomStream counts) {
        if (max < times) {
            throw new IllegalArgumentException(name + ": max calls " + max + " below " + times);
        }
        this.timesMax = max;
        this.counts = counts;
    }

    /**
     * Makes this database call open a connection of {@code database} when its view has none:
     * {@code connectCpu} on the caller's CPU unless {@code persistent}, then {@code atDatabase}.
     */
    public void connection(DatabaseNode database, boolean persistent, Sampler connectCpu, CallSite atDatabase) {
        this.database = database;
        this.persistent = persistent;
        this.connectCpu = connectCpu;
        this.connectAtDatabase = atDatabase;
    }

    // Frame state: a = repetitions done; b = position in the miss path (cache); phase below.
    private static final int CALLED = 0;
    private static final int MISS_CALLS = 1;
    private static final int STORED = 2;
    private static final int ENQUEUE_CPU = 3;
    private static final int CONNECTION = 4;
    private static final int CONNECT_CPU = 5;
    private static final int CONNECT_DB = 6;
    /** Flag in b: the miss is of a key lost in a flush. */
    private static final int COLD = 1 << 20;

    @Override
    protected void start(Request r) {
        int n = timesMax == times ? times : times + counts.nextInt(timesMax - times + 1);
        r.value(n);
        if (n == 0) {
            r.ret(true);
            return;
        }
        if (database != null && !r.hasDbConnection()) {
            r.phase(CONNECTION);
            database.connections().acquire(r);
            return;
        }
        next(r);
    }

    private void next(Request r) {
        if (kind == Kind.TASK) {
            long work = enqueueCpu.sample();
            r.countCpu(work);
            r.phase(ENQUEUE_CPU);
            callerCpu.execute(r, work);
            return;
        }
        r.phase(CALLED);
        r.call(link, this);
    }

    private void repeat(Request r) {
        int done = r.a() + 1;
        r.a(done);
        if (done >= r.value()) {
            r.ret(true);
        } else {
            next(r);
        }
    }

    @Override
    protected void step(Request r, int outcome) {
        if (outcome != Outcome.OK) {
            if (r.phase() == CONNECTION) {
                r.fail(ErrorKind.DB_CONNECTIONS);
            } else {
                r.ret(false); // the service recorded why
            }
            return;
        }
        switch (r.phase()) {
            case CONNECTION -> {
                r.holdDbConnection(database.connections());
                if (persistent) {
                    next(r);
                } else {
                    long work = connectCpu.sample();
                    r.countCpu(work);
                    r.phase(CONNECT_CPU);
                    callerCpu.execute(r, work);
                }
            }
            case CONNECT_CPU -> {
                r.phase(CONNECT_DB);
                r.call(connectAtDatabase, null);
            }
            case CONNECT_DB -> next(r);
            case ENQUEUE_CPU -> {
                r.phase(CALLED);
                r.call(link, this);
            }
            case CALLED -> {
                if (kind != Kind.CACHE) {
                    repeat(r);
                    return;
                }
                double u = hits.nextDouble();
                if (u >= hitRatio) {
                    r.b(0); // a miss even when warm
                } else if (((CacheNode) link.target()).coldMiss(u / hitRatio)) {
                    r.b(COLD); // a key lost in a flush: stored again at the end of the miss path
                } else {
                    repeat(r);
                    return;
                }
                r.phase(MISS_CALLS);
                missPath(r);
            }
            case MISS_CALLS -> {
                r.b(r.b() + 1);
                missPath(r);
            }
            case STORED -> {
                if (r.b() >= COLD) {
                    ((CacheNode) link.target()).refilled();
                }
                repeat(r);
            }
            default -> throw new IllegalStateException(name + ": phase " + r.phase());
        }
    }

    private void missPath(Request r) {
        int i = r.b() & (COLD - 1);
        if (i < onMiss.length) {
            r.call(onMiss[i], null);
        } else {
            r.phase(STORED);
            r.call(link, this); // the SET that refills the cache
        }
    }
}
