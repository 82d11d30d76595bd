package io.stagesim.nodes;

import io.stagesim.random.RandomStream;
import io.stagesim.random.Sampler;

/**
 * A call to a cache: {@code cpu} per GET or SET on the cache host. A lookup hits with probability
 * {@code hitRatio} (drawn from {@code hits}), less the keys a flush lost; on a miss it runs the
 * calls the cache would have saved ({@code onMiss}), then stores the result (a SET).
 */
public final class CacheCall extends CallSite {

    private static final int MISS_CALLS = 1;
    private static final int STORED = 2;
    /** Flag in b: the miss is of a key lost in a flush. */
    private static final int COLD = 1 << 20;

    final Sampler cpu;
    private final double hitRatio;
    private final CallSite[] onMiss;
    private final RandomStream hits;

    /** A cache call; frame state b is the position in the miss path. */
    public CacheCall(String name, Link link, Times times, Sampler cpu, double hitRatio, CallSite[] onMiss,
            RandomStream hits) {
        super(name, link, times);
        this.cpu = cpu;
        this.hitRatio = hitRatio;
        this.onMiss = onMiss.clone();
        this.hits = hits;
    }

    @Override
    void answered(Request r) {
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

    @Override
    void stepped(Request r) {
        switch (r.phase()) {
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
            default -> super.stepped(r);
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
