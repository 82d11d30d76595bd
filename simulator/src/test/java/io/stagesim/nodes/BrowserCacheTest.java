package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The browser cache (calibration A.20) by hand: one user with a constant think time makes every
 * page view countable. Each view of the class has 8 assets of 20 KB behind NGINX; with every view
 * a repeat visit, the assets reaching NGINX are exactly 8 × (1 − fresh) per view, the 304s are
 * counted apart, and a 304 costs NGINX its per-file CPU without the per-KB part.
 */
final class BrowserCacheTest {

    private static final String SCENARIO = """
            name: browser-cache
            run: {duration: 100s, warmup: 0s, replications: 1, seed: %d}
            network: {same_host_rtt: 0s, datacenter_rtt: 0s}
            hosts:
              web: {cores: 2, memory: 4GiB}
              apphost: {cores: 2, memory: 4GiB}
            services:
              browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: nginx,
                        browser_cache: {repeat_visits: %s, fresh: %s, revalidated: %s}}
              nginx: {type: proxy, host: web, upstreams: [app]}
              app: {type: app_server, host: apphost, workers: 1}
            requests:
              page:
                assets: 8
                asset_size: 20KB
                view: {cpu: 10ms}
            """;

    private static final double US = 1e-6;

    private static ReplicationResult run(long seed, String repeat, String fresh, String revalidated)
            throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("cache.yaml",
                SCENARIO.formatted(seed, repeat, fresh, revalidated), Path.of(".")), 0);
    }

    private static long counter(ReplicationResult r, String what) {
        return r.counters().stream().filter(c -> c.what().equals(what)).findFirst().orElseThrow().count();
    }

    /** Requests NGINX ran a CPU step for: one per HTML (no gzip) and one per asset that reached it. */
    private static long nginxRequests(ReplicationResult r) {
        return r.resources().stream().filter(x -> x.service().equals("nginx") && x.resource().startsWith("worker"))
                .findFirst().orElseThrow().requests();
    }

    private static double webBusySeconds(ReplicationResult r) {
        ReplicationResult.HostRow web = r.hosts().stream().filter(h -> h.name().equals("web")).findFirst()
                .orElseThrow();
        return web.cpuUtilization() * web.cores() * r.measuredSeconds();
    }

    // Every view a repeat visit, 6 of 8 assets fresh: exactly 2 reach NGINX per view, none a 304.
    @Test
    void freshAssets_neverReachTheServer_exactly() throws ScenarioException {
        ReplicationResult r = run(1, "100%", "75%", "0%");
        long views = r.all().completed();
        assertEquals(views * (1 + 8 * (1 - 0.75)), nginxRequests(r));
        assertEquals(views * 6, counter(r, "assets_fresh"));
        assertEquals(0, counter(r, "assets_revalidated"));
    }

    // 4 fresh, 2 revalidated (304, no body), 2 fetched per view: NGINX runs 1 + 4 requests a view,
    // and its CPU is 15 µs for the HTML, 15 + 13 + 20 × 0.17 = 31.4 µs per fetched asset and
    // 15 + 13 = 28 µs per 304.
    @Test
    void revalidations_are304s_countedApart_costingNoPerByteCpu() throws ScenarioException {
        ReplicationResult r = run(1, "100%", "50%", "25%");
        long views = r.all().completed();
        assertEquals(views * 5, nginxRequests(r));
        assertEquals(views * 4, counter(r, "assets_fresh"));
        assertEquals(views * 2, counter(r, "assets_revalidated"));
        assertEquals(views * (15 + 2 * 31.4 + 2 * 28) * US, webBusySeconds(r), 1e-6);
    }

    // Repeat visits drawn per view: over n views the repeat visits are binomial, and each sends
    // 8 × 0.25 = 2 assets where a first visit sends 8, so NGINX's requests give the count of repeat
    // visits exactly; it must lie within 3.29 standard deviations (99.9 %) of 0.8 n.
    @Test
    void repeatVisits_comeWithTheirShare() throws ScenarioException {
        for (long seed = 1; seed <= 3; seed++) {
            ReplicationResult r = run(seed, "80%", "75%", "0%");
            long views = r.all().completed();
            long assets = nginxRequests(r) - views;
            long repeats = (8 * views - assets) / 6;
            assertEquals(8 * views - 6 * repeats, assets, "whole repeat visits");
            assertEquals(6 * repeats, counter(r, "assets_fresh"));
            double sd = Math.sqrt(views * 0.8 * 0.2);
            String line = "seed " + seed + ": " + repeats + " repeat visits of " + views;
            System.out.println(line);
            assertTrue(Math.abs(repeats - 0.8 * views) < 3.29 * sd, line);
        }
    }
}
