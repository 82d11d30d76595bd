package io.stagesim.nodes;

import io.stagesim.model.Outcome;
import io.stagesim.model.Pool;
import io.stagesim.model.PsHost;

/**
 * A node that runs views (an app server, a dev server, task workers): it runs half the view's CPU,
 * makes its calls in order, runs the other half, and hands back to the subclass through
 * {@link #viewDone}. A database connection opened by one of the calls is held until this node's
 * frame returns, as Django holds it until the end of the request.
 *
 * <p>With a GIL ({@link #gil}: threads in Python processes), each CPU step first takes one of the
 * processes' interpreter locks and holds it while it runs, so the server's Python uses at most one
 * core per process however many threads wait. Any free lock takes the next step (a thread is not tied
 * to its process), which is exact for one process and optimistic for several; the lock is released
 * between steps (while the view waits on the database, as CPython releases it around I/O).
 */
abstract class ViewHost extends Node {

    private static final int V_CPU1 = 103;
    private static final int V_CALLS = 104;
    private static final int V_CPU2 = 105;
    private static final int V_GIL = 106;

    /** The CPU the view's Python runs on. */
    protected final PsHost cpu;
    private Pool gil;

    ViewHost(String name, PsHost cpu) {
        super(name);
        this.cpu = cpu;
    }

    /** The view ended; the frame is still this node's. */
    protected abstract void viewDone(Request r, boolean ok);

    /** The processes' GILs: one unit per Python process whose threads share it; null for none. */
    public void gil(Pool gil) {
        this.gil = gil;
    }

    /** Runs CPU work for {@code r} on this node's CPU (under a GIL first taken, if any), then resumes it. */
    protected final void runCpu(Request r, long work) {
        long w = scaled(work);
        r.countCpu(w);
        if (gil == null) {
            cpu.execute(r, w);
            return;
        }
        r.gilWork = w;
        r.gilPhase = r.phase();
        r.phase(V_GIL);
        gil.acquire(r);
    }

    /**
     * The GIL's part of a step: true when the step was the lock granted (the CPU step now runs);
     * otherwise a CPU step that held it has ended and gives it back, and the subclass goes on.
     */
    protected final boolean gilStep(Request r) {
        if (gil == null) {
            return false;
        }
        if (r.phase() == V_GIL) {
            r.hold(gil);
            r.gilHeld = true;
            r.phase(r.gilPhase);
            cpu.execute(r, r.gilWork);
            return true;
        }
        if (r.gilHeld) {
            r.gilHeld = false;
            r.releaseEarly(gil);
        }
        return false;
    }

    /** Starts running {@code plan} in the current frame. */
    protected final void beginView(Request r, ViewPlan plan) {
        r.arg(plan);
        r.markViewFrame();
        cpu1(r, plan);
    }

    /** True when {@code phase} belongs to the view machinery. */
    protected static boolean inView(int phase) {
        return phase >= V_CPU1 && phase <= V_CPU2;
    }

    private void cpu1(Request r, ViewPlan plan) {
        long total = plan.cpu().sample();
        r.value(total - total / 2);
        r.phase(V_CPU1);
        runCpu(r, total / 2);
    }

    private void nextCall(Request r, ViewPlan plan) {
        int i = r.b();
        if (i < plan.calls().length) {
            r.b(i + 1);
            r.phase(V_CALLS);
            r.call(plan.calls()[i], null);
        } else {
            r.phase(V_CPU2);
            runCpu(r, r.value());
        }
    }

    /** Continues the view after an operation ended. */
    protected final void viewStep(Request r, int outcome) {
        ViewPlan plan = (ViewPlan) r.arg();
        switch (r.phase()) {
            case V_CPU1 -> nextCall(r, plan);
            case V_CALLS -> {
                if (outcome != Outcome.OK) {
                    viewDone(r, false);
                } else {
                    nextCall(r, plan);
                }
            }
            case V_CPU2 -> viewDone(r, true);
            default -> throw new IllegalStateException(name + ": phase " + r.phase());
        }
    }
}
