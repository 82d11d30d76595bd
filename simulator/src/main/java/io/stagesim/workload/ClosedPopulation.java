package io.stagesim.workload;

import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.random.Sampler;

/**
 * A closed workload: {@code users} users, each alternating a think time and one interaction. A
 * user's interaction is started by the sink; the model calls {@link #done(int)} when it ends, and
 * the user thinks again. Every user starts with a think time, which spreads the first arrivals.
 */
public final class ClosedPopulation implements Handler, Visitors {

    /** Starts one interaction for a user. */
    @FunctionalInterface
    public interface UserSink {
        /** User {@code user} starts an interaction now. */
        void start(int user);
    }

    private final Engine engine;
    private final int users;
    private final Sampler think;
    private final UserSink sink;
    private long started;

    /** A population of {@code users} users thinking for times drawn from {@code think}. */
    public ClosedPopulation(Engine engine, int users, Sampler think, UserSink sink) {
        if (users < 1) {
            throw new IllegalArgumentException("users must be >= 1, was " + users);
        }
        this.engine = engine;
        this.users = users;
        this.think = think;
        this.sink = sink;
    }

    /** Number of users. */
    public int users() {
        return users;
    }

    /** Interactions started so far. */
    public long started() {
        return started;
    }

    /** Every user starts thinking now. */
    public void start() {
        for (int u = 0; u < users; u++) {
            engine.schedule(think.sample(), this, null, u);
        }
    }

    /** User {@code user}'s interaction ended: the user thinks, then starts another. */
    @Override
    public void done(int user) {
        engine.schedule(think.sample(), this, null, user);
    }

    @Override
    public void handle(Object subject, int tag) {
        started++;
        sink.start(tag);
    }
}
