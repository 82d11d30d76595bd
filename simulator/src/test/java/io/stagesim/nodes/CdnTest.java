package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.assembly.WebModel;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The CDN (calibration A.21) by hand. One user with a constant think time; the HTML costs 10 ms
 * of view CPU and no network (rtt 0); its static files come through a CDN whose edge is 20 ms
 * away and sends at 100 MB/s, from an object store 30 ms further with a constant 50 ms first
 * byte and the same bandwidth. Every page view finds its connection to the edge open
 * ({@code connection_reuse: 100%}): what a new one costs is in {@link OriginConnectionsTest}.
 */
final class CdnTest {

    private static final String SCENARIO = """
            name: cdn
            run: {duration: 100s, warmup: 0s, replications: 1, seed: 1}
            network: {same_host_rtt: 0s, datacenter_rtt: 0s}
            hosts:
              apphost: {cores: 2, memory: 4GiB}
            services:
              browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: app, static_from: cdn,
                        connection_reuse: 100%%}
              app: {type: app_server, host: apphost, workers: 1}
              cdn: {type: cdn, origin: media, hit_ratio: %s, edge_rtt: 20ms, origin_rtt: 30ms, bandwidth: 100MB}
              media: {type: object_storage, first_byte: 50ms, bandwidth: 100MB}
            requests:
              page:
                assets: %d
                asset_size: 20KB
                view: {cpu: 10ms}
            """;

    private static String yaml(String hitRatio, int assets) {
        return SCENARIO.formatted(hitRatio, assets);
    }

    private static double meanMs(String hitRatio) throws ScenarioException {
        ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("cdn.yaml", yaml(hitRatio, 1),
                Path.of(".")), 0);
        assertEquals(r.all().completed(), r.all().latency().count());
        return r.all().latency().mean() / 1e6;
    }

    // With a 75 % hit ratio every fourth request misses (dealt out evenly): the object store sees
    // exactly the misses, one per page view of 4 assets, and nothing else.
    @Test
    void originRequests_areExactlyTheMisses() throws ScenarioException {
        WebModel m = ModelRun.run(yaml("75%", 4));
        long requests = ModelRun.in(m, "cdn");
        long misses = ModelRun.counter(m, "origin_fetches");
        assertEquals(requests / 4, misses);
        assertEquals(misses, ModelRun.in(m, "media"));
        assertEquals(m.classStats()[0].offered.total(), misses, 1); // the last page view may be under way
    }

    // A hit: the view's 10 ms, then the edge round trip of 20 ms and 20 KB at 100 MB/s = 0.2 ms.
    @Test
    void hit_takesTheEdgeRoundTripAndTheTransfer() throws ScenarioException {
        assertEquals(10 + 20 + 0.2, meanMs("100%"), 1e-6);
    }

    // A miss adds the origin's round trip (30 ms), its first byte (50 ms) and its transfer (0.2 ms)
    // before the edge sends the file: 10 + 20 + 30 + 50 + 0.2 + 0.2 = 110.4 ms.
    @Test
    void miss_addsTheOriginFetch() throws ScenarioException {
        assertEquals(10 + 20 + 30 + 50 + 0.2 + 0.2, meanMs("0%"), 1e-6);
    }

    // NGINX as the origin: it serves the HTML (proxied to the app) and exactly the misses from disk.
    @Test
    void nginxOrigin_servesExactlyTheMisses() throws ScenarioException {
        WebModel m = ModelRun.run(yaml("75%", 4).replace("target: app, static_from: cdn,",
                "target: nginx, static_from: cdn,").replace("origin: media", "origin: nginx")
                .replace("  media: {type: object_storage, first_byte: 50ms, bandwidth: 100MB}",
                        "  nginx: {type: proxy, host: apphost, upstreams: [app]}"));
        long misses = ModelRun.counter(m, "origin_fetches");
        assertEquals(ModelRun.in(m, "cdn") / 4, misses);
        assertEquals(ModelRun.in(m, "app") + misses, ModelRun.in(m, "nginx"));
    }
}
