package io.stagesim.workload;

import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.random.Sampler;

/**
 * An open workload made of visits: each visit that arrives (from an {@link OpenSource}) makes
 * {@code pageViews} page views one after another, thinking between the end of one and the start of
 * the next, then leaves. A visit in progress holds a numbered slot, reused by a later visit once it
 * has left, so per-visitor state can live in arrays indexed by slot; the slots grow with the most
 * visits in progress at once (for speed: no allocation per visit once they stop growing).
 */
public final class Visits implements ArrivalSink, Handler, Visitors {

    /** Starts one page view of a visit. */
    @FunctionalInterface
    public interface VisitSink {
        /** Visit slot {@code visitor} starts a page view scheduled at {@code time} ns, its first when {@code first}. */
        void start(long time, int visitor, boolean first);
    }

    private final Engine engine;
    private final int pageViews;
    private final Sampler think;
    private final VisitSink sink;
    private int[] left = new int[16];
    private int[] free = new int[16];
    private int freeCount;
    private int slots;

    /** Visits of {@code pageViews} page views, thinking for times drawn from {@code think}. */
    public Visits(Engine engine, int pageViews, Sampler think, VisitSink sink) {
        if (pageViews < 1) {
            throw new IllegalArgumentException("page views per visit must be >= 1, was " + pageViews);
        }
        this.engine = engine;
        this.pageViews = pageViews;
        this.think = think;
        this.sink = sink;
    }

    /** Slots handed out so far: every visitor number is below it. */
    public int slots() {
        return slots;
    }

    /** A visit arrives at {@code time}: it takes a free slot and starts its first page view. */
    @Override
    public void arrive(long time) {
        int v;
        if (freeCount > 0) {
            v = free[--freeCount];
        } else {
            v = slots++;
            if (v == left.length) {
                left = java.util.Arrays.copyOf(left, 2 * left.length);
            }
        }
        left[v] = pageViews;
        sink.start(time, v, true);
    }

    /** Visitor {@code visitor}'s page view ended: it thinks and starts its next, or leaves after its last. */
    @Override
    public void done(int visitor) {
        if (--left[visitor] > 0) {
            engine.schedule(think.sample(), this, null, visitor);
            return;
        }
        if (freeCount == free.length) {
            free = java.util.Arrays.copyOf(free, 2 * free.length);
        }
        free[freeCount++] = visitor;
    }

    @Override
    public void handle(Object subject, int tag) {
        sink.start(engine.now(), tag, false);
    }
}
