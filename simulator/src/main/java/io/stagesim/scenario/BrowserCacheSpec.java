package io.stagesim.scenario;

/**
 * The browsers' HTTP cache: the share of page views that are repeat visits (the cache already holds
 * the page's assets), and for a repeat visit the share of assets still fresh ({@code Cache-Control:
 * max-age} not yet over: no request at all) and the share revalidated (a conditional request
 * answered 304 Not Modified, no body); the rest are fetched again. A first visit fetches every
 * asset. Defaults: calibration A.20.
 */
public record BrowserCacheSpec(double repeatVisits, double fresh, double revalidated) {

    /** Checks the bounds: each a fraction, fresh and revalidated together at most 1. */
    public BrowserCacheSpec {
        Require.fraction("repeat_visits", repeatVisits);
        Require.fraction("fresh", fresh);
        Require.fraction("revalidated", revalidated);
        if (fresh + revalidated > 1 + 1e-12) {
            throw new IllegalArgumentException("fresh + revalidated must be at most 100%, was "
                    + (fresh + revalidated) * 100 + "%");
        }
    }

    /** The share of all assets fetched with their body, over first and repeat visits. */
    public double fetchedShare() {
        return 1 - repeatVisits * (fresh + revalidated);
    }

    /** The share of all assets revalidated (answered 304), over first and repeat visits. */
    public double revalidatedShare() {
        return repeatVisits * revalidated;
    }

    /** A browser's {@code browser_cache}, or null when it has none (every asset fetched on every view). */
    static BrowserCacheSpec bind(Fields browser) {
        if (!browser.has("browser_cache")) {
            return null;
        }
        Fields f = Fields.of(browser.raw("browser_cache"), browser.child("browser_cache"), browser.problems(),
                browser.baseDir());
        if (f == null) {
            return null;
        }
        double repeat = f.fraction("repeat_visits", 0.8); // A.20: ~20 % of page views with an empty cache
        double fresh = f.fraction("fresh", 0.75); // A.20: estimate, hashed files with a far-future max-age
        double revalidated = f.fraction("revalidated", 0.25); // A.20: estimate, the rest revalidate
        if (fresh + revalidated > 1 + 1e-12) {
            f.problem("revalidated", "fresh + revalidated must be at most 100% (the rest are fetched), was "
                    + Math.round((fresh + revalidated) * 1000) / 10.0 + "%");
            revalidated = 1 - fresh;
        }
        f.finish();
        return new BrowserCacheSpec(repeat, fresh, revalidated);
    }
}
