package io.stagesim.nodes;

import io.stagesim.model.Outcome;
import io.stagesim.model.PsHost;

/**
 * A node that runs views (an app server, a dev server, task workers): it runs half the view's CPU,
 * makes its calls in order, runs the other half, and hands back to the subclass through
 * {@link #viewDone}. A database connection opened by one of the calls is held until this node's
 * frame returns, as Django holds it until the end of the request.
 */
abstract class ViewHost extends Node {

    private static final int V_CPU1 = 103;
    private static final int V_CALLS = 104;
    private static final int V_CPU2 = 105;

    /** The CPU the view's Python runs on. */
    protected final PsHost cpu;

    ViewHost(String name, PsHost cpu) {
        super(name);
        this.cpu = cpu;
    }

    /** The view ended; the frame is still this node's. */
    protected abstract void viewDone(Request r, boolean ok);

    /** Runs CPU work for {@code r} on this node's CPU, then resumes it. */
    protected final void runCpu(Request r, long work) {
        long w = scaled(work);
        r.countCpu(w);
        cpu.execute(r, w);
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
