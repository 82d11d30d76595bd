package io.stagesim.model;

/**
 * An infinite-server station (·/G/∞): every job is delayed by its own duration, with no waiting.
 * Network hops, think time and external services with no capacity limit.
 */
public final class DelayStation extends Station {

    /** The current time (ns). */
    public long now() {
        return engine.now();
    }

    /** A delay station named {@code name}. */
    public DelayStation(Simulation sim, String name) {
        super(sim, name);
    }

    @Override
    public int servers() {
        return 0;
    }

    /** Holds {@code job} for {@code duration} ns, then resumes it. */
    public void delay(Job job, long duration) {
        long now = engine.now();
        enter(now);
        busy.set(now, inside);
        job.enteredAt = now;
        engine.schedule(duration, this, job, 0);
    }

    @Override
    public void handle(Object subject, int tag) {
        Job job = (Job) subject;
        long now = engine.now();
        leave(now, now - job.enteredAt);
        busy.set(now, inside);
        job.resume(Outcome.OK);
    }

    @Override
    public String toString() {
        return name;
    }
}
