package io.stagesim.nodes;

import io.stagesim.random.RandomStream;
import io.stagesim.stats.CountRecorder;

/**
 * The browsers' HTTP cache. A page view is a repeat visit with probability {@code repeatVisits}
 * (drawn from its own stream); a first visit fetches every asset. On a repeat visit, of a class's
 * n assets a {@code fresh} share needs no request ({@code max-age} not over), a {@code revalidated}
 * share is a conditional request answered 304 Not Modified (no body: size 0, so a proxy spends its
 * per-file CPU without the per-byte part and object storage its first byte without a transfer), and
 * the rest are fetched. Which assets are fresh is a property of the assets (their
 * {@code Cache-Control}), not a coin flipped per asset, so the counts are dealt out by error
 * diffusion per class: over k repeat visits exactly ⌊k·n·fresh⌋ fresh, and the same for
 * revalidations; with n·fresh whole, every repeat visit has the same count.
 */
public final class BrowserCache {

    private final double repeatVisits;
    private final double fresh;
    private final double revalidated;
    private final RandomStream random;
    /** Per class, the shares of an asset not yet dealt out (for speed: primitive arrays, no allocation). */
    private final double[] freshCarry;
    private final double[] revalidatedCarry;
    private final CountRecorder freshCount;
    private final CountRecorder revalidatedCount;

    /** A cache with these shares for {@code classes} request classes, counting fresh assets and 304s. */
    public BrowserCache(double repeatVisits, double fresh, double revalidated, int classes, RandomStream random,
            CountRecorder freshCount, CountRecorder revalidatedCount) {
        this.repeatVisits = repeatVisits;
        this.fresh = fresh;
        this.revalidated = revalidated;
        this.random = random;
        this.freshCarry = new double[classes];
        this.revalidatedCarry = new double[classes];
        this.freshCount = freshCount;
        this.revalidatedCount = revalidatedCount;
    }

    /** Decides what page view {@code pv} (of {@code assets} assets) sends: its assets to fetch and to revalidate. */
    void plan(PageView pv, int assets) {
        pv.assetsToStart = assets;
        pv.revalidationsToStart = 0;
        if (assets == 0 || !(repeatVisits >= 1 || repeatVisits > 0 && random.nextDouble() < repeatVisits)) {
            return;
        }
        int c = pv.requestClass;
        double f = freshCarry[c] + assets * fresh;
        int nFresh = Math.min(assets, (int) (f + 1e-9));
        freshCarry[c] = f - nFresh;
        double v = revalidatedCarry[c] + assets * revalidated;
        int nRevalidated = Math.min(assets - nFresh, (int) (v + 1e-9));
        revalidatedCarry[c] = v - nRevalidated;
        pv.assetsToStart = assets - nFresh;
        pv.revalidationsToStart = nRevalidated;
        freshCount.add(nFresh);
    }

    /** A conditional request is sent. */
    void revalidating() {
        revalidatedCount.increment();
    }
}
