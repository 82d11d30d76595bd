package io.stagesim.nodes;

import io.stagesim.model.Outcome;
import io.stagesim.random.RandomStream;

/**
 * One call written in a view ({@code - service: db, times: 3, cpu: …}), placed at one caller: it
 * makes the call {@code times} times in a row over its link, handing itself to the service as the
 * argument so the service reads the per-call demands from it. One subclass per kind of service
 * called, each holding what that call needs and nothing else.
 */
public abstract sealed class CallSite extends Node permits DatabaseCall, RoutedRead, CacheCall, StorageCall,
        TaskCall {

    /**
     * How many times a call is made: {@code min}, or uniformly from {@code min} to {@code max},
     * drawn from {@code counts}.
     */
    public record Times(int min, int max, RandomStream counts) {
        /** Checks the bounds: a range needs its stream. */
        public Times {
            if (max < min) {
                throw new IllegalArgumentException("max calls " + max + " below " + min);
            }
            if (max != min && counts == null) {
                throw new IllegalArgumentException("calls from " + min + " to " + max + " need a random stream");
            }
        }

        /** Exactly {@code n} times. */
        public static Times exactly(int n) {
            return new Times(n, n, null);
        }
    }

    /** The call is under way at the service. */
    static final int CALLED = 0;

    final Link link;
    private final Times times;

    CallSite(String name, Link link, Times times) {
        super(name);
        this.link = link;
        this.times = times;
    }

    /** The hop it calls over. */
    public Link link() {
        return link;
    }

    @Override
    protected final void start(Request r) {
        int n = times.max() == times.min() ? times.min()
                : times.min() + times.counts().nextInt(times.max() - times.min() + 1);
        r.value(n);
        if (n == 0) {
            r.ret(true);
            return;
        }
        begin(r);
    }

    /** Before the first call (a database call may open a connection first). */
    void begin(Request r) {
        next(r);
    }

    /** Makes one call. */
    void next(Request r) {
        r.phase(CALLED);
        r.call(link, this);
    }

    /** One call done: the next, or return once all are. */
    final void repeat(Request r) {
        int done = r.a() + 1;
        r.a(done);
        if (done >= r.value()) {
            r.ret(true);
        } else {
            next(r);
        }
    }

    @Override
    protected final void step(Request r, int outcome) {
        if (outcome != Outcome.OK) {
            failed(r, outcome);
        } else if (r.phase() == CALLED) {
            answered(r);
        } else {
            stepped(r);
        }
    }

    /**
     * An operation failed ({@code outcome}: failed, or timed out waiting): by default the service
     * recorded why, and the call fails.
     */
    void failed(Request r, int outcome) {
        r.ret(false);
    }

    /** The service answered one call. */
    void answered(Request r) {
        repeat(r);
    }

    /** A step of the subclass's own ended well. */
    void stepped(Request r) {
        throw new IllegalStateException(name + ": phase " + r.phase());
    }
}
