package io.stagesim.model;

/**
 * Something that moves through the primitives: a customer, a request, a task. A job is a small
 * state machine: it asks a primitive for one operation at a time (serve, delay, acquire) and the
 * primitive calls {@link #resume(int)} when that operation ends.
 *
 * <p>A job is in at most one primitive's care at a time (it may hold pool units meanwhile), so the
 * primitives keep their per-job bookkeeping in the fields below instead of in maps. Subclasses are
 * meant to be pooled and reused; {@link #createdAt} is set by whoever creates or recycles one.
 */
public abstract class Job {

    /** When the job was created: for an open arrival, its scheduled arrival time. */
    public long createdAt;

    // Bookkeeping of the primitive that currently holds the job.
    long enteredAt;
    long demand;
    double finishTag;
    int heapIndex = -1;
    Job prev;
    Job next;
    long timer = -1;

    /** Called by a primitive when the operation the job asked for ends. */
    protected abstract void resume(int outcome);
}
