package io.stagesim.model;

import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.stats.CountRecorder;
import io.stagesim.stats.LatencyRecorder;
import io.stagesim.stats.LevelRecorder;

/**
 * A counting pool of identical units — worker slots, database connections, a lock — that a job
 * acquires, holds while it does other work, and releases (a passive resource, or semaphore).
 *
 * <p>A job that finds no unit free either is rejected at once ({@code rejectWhenEmpty}, like a
 * database refusing connections over its limit) or waits in FIFO order, optionally for at most
 * {@code waitLimit} ns (then it is resumed with {@link Outcome#TIMED_OUT}), and optionally with
 * at most {@code maxWaiting} waiters (beyond that it is rejected). A released unit goes straight
 * to the first waiter.
 */
public final class Pool implements Handler {

    /** No limit on waiting time or number of waiters. */
    public static final long NO_LIMIT = -1;

    private final String name;
    private final Engine engine;
    private final int units;
    private final boolean rejectWhenEmpty;
    private final long waitLimit;
    private final int maxWaiting;
    private final JobQueue queue = new JobQueue();
    private int free;

    private final CountRecorder requests;
    private final CountRecorder grants;
    private final CountRecorder rejections;
    private final CountRecorder timeouts;
    private final LevelRecorder inUse;
    private final LevelRecorder waiters;
    private final LatencyRecorder waits;

    /**
     * A pool of {@code units} units.
     *
     * @param waitLimit longest wait in ns, or {@link #NO_LIMIT}
     * @param maxWaiting most waiters at once, or -1 for no limit
     */
    public Pool(Simulation sim, String name, int units, boolean rejectWhenEmpty, long waitLimit,
            int maxWaiting) {
        if (units < 1) {
            throw new IllegalArgumentException(name + ": units must be >= 1, was " + units);
        }
        if (waitLimit < NO_LIMIT) {
            throw new IllegalArgumentException(name + ": wait limit must be >= 0 ns, was " + waitLimit);
        }
        if (maxWaiting < -1) {
            throw new IllegalArgumentException(name + ": max waiting must be >= 0, was " + maxWaiting);
        }
        this.name = name;
        this.engine = sim.engine();
        this.units = units;
        this.free = units;
        this.rejectWhenEmpty = rejectWhenEmpty;
        this.waitLimit = waitLimit;
        this.maxWaiting = maxWaiting;
        this.requests = new CountRecorder(sim.windows());
        this.grants = new CountRecorder(sim.windows());
        this.rejections = new CountRecorder(sim.windows());
        this.timeouts = new CountRecorder(sim.windows());
        this.inUse = new LevelRecorder(sim.windows());
        this.waiters = new LevelRecorder(sim.windows());
        this.waits = new LatencyRecorder(sim.windows(), false);
    }

    /** A pool whose waiters queue without limit. */
    public Pool(Simulation sim, String name, int units) {
        this(sim, name, units, false, NO_LIMIT, -1);
    }

    /** The pool's name. */
    public String name() {
        return name;
    }

    /** Number of units. */
    public int units() {
        return units;
    }

    /** Units free now. */
    public int free() {
        return free;
    }

    /** Jobs waiting now. */
    public int waiting() {
        return queue.size();
    }

    /** Acquire requests since time zero. */
    public long totalRequests() {
        return requests.total();
    }

    /** Units granted since time zero. */
    public long totalGrants() {
        return grants.total();
    }

    /** Requests rejected since time zero. */
    public long totalRejections() {
        return rejections.total();
    }

    /** Waits that timed out since time zero. */
    public long totalTimeouts() {
        return timeouts.total();
    }

    /**
     * Asks for one unit for {@code job}; the job is resumed with {@link Outcome#OK} once it holds
     * one (at once if one is free), or with {@link Outcome#REJECTED} / {@link Outcome#TIMED_OUT}.
     */
    public void acquire(Job job) {
        long now = engine.now();
        requests.increment();
        if (free > 0) {
            free--;
            inUse.set(now, units - free);
            grants.increment();
            waits.record(0);
            job.resume(Outcome.OK);
        } else if (rejectWhenEmpty || (maxWaiting >= 0 && queue.size() >= maxWaiting)) {
            rejections.increment();
            job.resume(Outcome.REJECTED);
        } else {
            job.enteredAt = now;
            queue.addLast(job);
            waiters.set(now, queue.size());
            if (waitLimit != NO_LIMIT) {
                job.timer = engine.schedule(waitLimit, this, job, 0);
            }
        }
    }

    /** Takes a free unit for nobody (a worker gone), returned later by {@link #release}; false when none is free. */
    public boolean take() {
        if (free == 0) {
            return false;
        }
        free--;
        inUse.set(engine.now(), units - free);
        return true;
    }

    /** Returns one unit; the first waiter, if any, gets it at once. */
    public void release() {
        long now = engine.now();
        Job next = queue.pollFirst();
        if (next == null) {
            if (free == units) {
                throw new IllegalStateException(name + ": release without a unit held");
            }
            free++;
            inUse.set(now, units - free);
            return;
        }
        waiters.set(now, queue.size());
        if (next.timer >= 0) {
            engine.cancel(next.timer);
            next.timer = -1;
        }
        grants.increment();
        waits.record(now - next.enteredAt);
        next.resume(Outcome.OK);
    }

    @Override
    public void handle(Object subject, int tag) {
        Job job = (Job) subject;
        long now = engine.now();
        job.timer = -1;
        queue.remove(job);
        waiters.set(now, queue.size());
        timeouts.increment();
        waits.record(now - job.enteredAt);
        job.resume(Outcome.TIMED_OUT);
    }

    /** Units in use over time, window by window and over the measured period. */
    public io.stagesim.stats.LevelRecorder unitsInUse() {
        return inUse;
    }

    /** Statistics of the measured period (after warm-up; the run must have finished). */
    public PoolResult result() {
        return new PoolResult(name, units, requests.measured(), grants.measured(), rejections.measured(),
                timeouts.measured(), inUse.average() / units, inUse.average(), waiters.average(),
                waits.summarize());
    }

    @Override
    public String toString() {
        return name;
    }
}
