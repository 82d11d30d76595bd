package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.Estimate;
import io.stagesim.run.ScenarioResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scenarios of {@code scenarios/edge/}, each against the same scenario without what it adds
 * (the browser cache, a CDN, direct uploads). Comparisons between two runs require the 95 %
 * confidence intervals not to overlap.
 */
final class EdgeStoriesTest {

    private static final long S = 1_000_000_000L;

    static Scenario load(String file, double rate, int replications, long duration) throws ScenarioException {
        Scenario s = ScenarioLoader.load(Path.of("..", "scenarios", file));
        Map<String, ServiceSpec> services = new LinkedHashMap<>(s.services());
        BrowserSpec b = s.browser();
        services.put(b.name(), b.withWorkload(new WorkloadSpec.Open(List.of(new WorkloadSpec.RatePoint(0, rate)))));
        return s.withServices(services).withRun(new RunSpec(duration, Math.min(20 * S, duration / 5), replications, 1, S));
    }

    static double views(ScenarioResult r) {
        return r.requests().stream().mapToDouble(c -> c.offered().mean()).sum();
    }

    static ScenarioResult.ResourceResult resource(ScenarioResult r, String service, String resource) {
        return r.resources().stream().filter(x -> x.service().equals(service) && x.resource().contains(resource))
                .findFirst().orElseThrow();
    }

    static double counter(ScenarioResult r, String what) {
        return r.counters().stream().filter(c -> c.what().equals(what)).findFirst().orElseThrow().count().mean();
    }

    static void assertBelow(String what, Estimate low, Estimate high) {
        String line = what + ": " + low.mean() + " ±" + low.ci95() + " vs " + high.mean() + " ±" + high.ci95();
        System.out.println(line);
        assertTrue(low.mean() + low.ci95() < high.mean() - high.ci95(), line);
    }

    // Stage 2 with the browser cache: of a page's 8 assets a first visit (20 %) sends 8 and a repeat
    // visit 2 (the 304s; 6 are fresh), 8 × (1 − 0.8 × 0.75) = 3.2 a page view where stage 2 sends 8,
    // each holding a Gunicorn worker: its requests per page view fall from 1 + 0.7 × 8 = 6.6 to
    // 1 + 0.7 × 3.2 = 3.24, and the 304s are 0.7 × 0.8 × 2 = 1.12 a page view.
    @Test
    void stage2_browserCache_keepsMostAssetsOffGunicorn() throws ScenarioException {
        ScenarioResult two = Conservation.run(load("stage-2-gunicorn.yaml", 40, 3, 60 * S), 2);
        ScenarioResult cached = Conservation.run(load("edge/stage-2-browser-cache.yaml", 40, 3, 60 * S), 2);
        double v2 = views(two);
        double vc = views(cached);
        assertEquals(6.6 * v2, resource(two, "gunicorn", "workers").requests().mean(), 0.03 * 6.6 * v2);
        assertEquals(3.24 * vc, resource(cached, "gunicorn", "workers").requests().mean(), 0.03 * 3.24 * vc);
        assertEquals(1.12 * vc, counter(cached, "assets_revalidated"), 0.05 * 1.12 * vc);
        assertEquals(0.7 * 0.8 * 6 * vc, counter(cached, "assets_fresh"), 0.05 * 3.36 * vc);
        assertBelow("gunicorn utilisation, cached vs not", resource(cached, "gunicorn", "workers").utilization(),
                resource(two, "gunicorn", "workers").utilization());
    }

    // Stage 3 with the browser cache: Gunicorn sees exactly the HTML either way; NGINX runs two CPU
    // steps per HTML (its request, then gzip) and one per asset that reaches it: 2 + 0.7 × 3.2 = 4.24
    // a page view instead of 2 + 0.7 × 8 = 7.6.
    @Test
    void stage3_browserCache_leavesNginxTheRevalidations() throws ScenarioException {
        ScenarioResult three = Conservation.run(load("stage-3-nginx.yaml", 40, 3, 60 * S), 2);
        ScenarioResult cached = Conservation.run(load("edge/stage-3-browser-cache.yaml", 40, 3, 60 * S), 2);
        double v3 = views(three);
        double vc = views(cached);
        assertEquals(vc, resource(cached, "gunicorn", "workers").requests().mean(), 0.002 * vc + 5);
        assertEquals(7.6 * v3, resource(three, "nginx", "worker processes").requests().mean(), 0.03 * 7.6 * v3);
        assertEquals(4.24 * vc, resource(cached, "nginx", "worker processes").requests().mean(), 0.03 * 4.24 * vc);
        // what NGINX spends on static files is small (about 31 µs each): its worker processes are
        // busier without the cache, while the host's CPU barely moves (the views dominate it)
        assertBelow("nginx worker processes' utilisation, cached vs not",
                resource(cached, "nginx", "worker processes").utilization(),
                resource(three, "nginx", "worker processes").utilization());
    }

    private static ScenarioResult.ClassResult cls(ScenarioResult r, String name) {
        return r.requests().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static double quantity(ScenarioResult r, String item) {
        return r.cost().lines().stream().filter(l -> l.item().equals(item)).findFirst().orElseThrow().quantity().mean();
    }

    private static double line(ScenarioResult r, String item) {
        return r.cost().lines().stream().filter(l -> l.item().equals(item)).findFirst().orElseThrow().perHour().mean();
    }

    // Stage 6 behind a CDN: the bucket sees only the misses, a tenth of the static requests, dealt
    // out evenly (exactly, give or take one per replication); a page's assets come from an edge
    // 20 ms away instead of the bucket's 40 ms round trip and ~70 ms first byte, so its median
    // falls; and browsers' bytes are billed at the CDN's price, none from the bucket.
    @Test
    void stage6_cdn_servesNineInTenFromTheEdge() throws ScenarioException {
        ScenarioResult six = Conservation.run(load("stage-6-object-storage.yaml", 40, 3, 60 * S), 2);
        ScenarioResult cdn = Conservation.run(load("edge/stage-6-cdn.yaml", 40, 3, 60 * S), 2);
        // per hour, over 40 measured seconds: one request in 40 s is 90 an hour
        double gets = quantity(cdn, "media GET requests");
        assertEquals(0.1 * quantity(cdn, "cdn (CDN) requests"), gets, 90);
        assertTrue(gets < 0.11 * quantity(six, "media GET requests"), "GETs " + gets);
        assertBelow("page p50 ms, CDN vs bucket", cls(cdn, "page").latencyMs().p50(), cls(six, "page").latencyMs().p50());
        assertEquals(0, line(cdn, "data transfer out from media"), 1e-12);
        assertTrue(line(cdn, "data transfer out from cdn (CDN)") > 0);
    }

    // Photos through the app vs straight to storage: 10 % of page views PUT 2 MB, one PUT each way
    // (the bucket's PUTs per hour equal the photo views per hour, up to one in flight per
    // replication). Through the app the worker waits for the PUT: the bucket's first byte (mean
    // 70 ms), 2 MB at 100 MB/s (20 ms) and the datacenter round trip (0.5 ms), less the 1 ms of
    // signing the direct view spends: 89.5 ms of worker time per photo saved by uploading directly.
    @Test
    void directUploads_freeTheWorkersOfThePut() throws ScenarioException {
        ScenarioResult app = Conservation.run(load("edge/media-upload-app.yaml", 40, 4, 60 * S), 2);
        ScenarioResult direct = Conservation.run(load("edge/media-upload-direct.yaml", 40, 4, 60 * S), 2);
        for (ScenarioResult r : List.of(app, direct)) {
            double photosPerHour = cls(r, "photo").throughputPerS().mean() * 3600;
            assertEquals(photosPerHour, quantity(r, "media PUT requests"), 0.01 * photosPerHour);
        }
        Estimate viaApp = resource(app, "gunicorn", "workers").utilization();
        Estimate viaBrowser = resource(direct, "gunicorn", "workers").utilization();
        assertBelow("gunicorn utilisation, direct vs through the app", viaBrowser, viaApp);
        double savedPerPhoto = (viaApp.mean() - viaBrowser.mean()) * 5 / cls(direct, "photo").throughputPerS().mean();
        double ci = (viaApp.ci95() + viaBrowser.ci95()) * 5 / cls(direct, "photo").throughputPerS().mean();
        System.out.println("worker time saved per photo: " + savedPerPhoto * 1000 + " ms ±" + ci * 1000);
        assertEquals(0.0895, savedPerPhoto, ci);
    }
}
