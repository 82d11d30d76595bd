package io.stagesim.nodes;

import io.stagesim.model.PsHost;
import io.stagesim.random.Sampler;

/**
 * A call to a task queue: the caller spends {@code enqueueCpu} on its own CPU, then hands the
 * broker the task, whose {@code task} plan a worker runs later.
 */
public final class TaskCall extends CallSite {

    private static final int ENQUEUE_CPU = 1;

    private final PsHost callerCpu;
    private final Sampler enqueueCpu;
    /** The task's plan, run later by a worker. */
    final ViewPlan task;

    /** A task call from a caller running on {@code callerCpu}. */
    public TaskCall(String name, Link link, Times times, PsHost callerCpu, Sampler enqueueCpu, ViewPlan task) {
        super(name, link, times);
        this.callerCpu = callerCpu;
        this.enqueueCpu = enqueueCpu;
        this.task = task;
    }

    @Override
    void next(Request r) {
        long work = enqueueCpu.sample();
        r.countCpu(work);
        r.phase(ENQUEUE_CPU);
        callerCpu.execute(r, work);
    }

    @Override
    void stepped(Request r) {
        if (r.phase() != ENQUEUE_CPU) {
            super.stepped(r);
            return;
        }
        r.phase(CALLED);
        r.call(link, this);
    }
}
