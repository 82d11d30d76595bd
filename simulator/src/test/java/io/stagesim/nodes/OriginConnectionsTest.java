package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.assembly.WebModel;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The browsers' connections to origins other than the site's front (calibration A.1, A.9, A.21), by
 * hand. One user with a constant think time; the front is Gunicorn's sync workers, which close every
 * connection, so the HTML always costs TCP's round trip and its own, 2 × 40 ms, and the view's 10 ms.
 * The static files come from object storage (the client's 40 ms away, a constant 50 ms first byte,
 * 20 KB at 100 MB/s = 0.2 ms) or a CDN's edge (20 ms away, always a hit, 0.2 ms to send). Links too fast
 * to matter otherwise. A new connection costs TCP's round trip, then TLS 1.3's one or TLS 1.2's two
 * (a resumed session: one) before the request's own; one still open costs the request's alone.
 */
final class OriginConnectionsTest {

    private static final String SCENARIO = """
            name: origins
            run: {duration: 100s, warmup: 0s, replications: 1, seed: 1}
            network: {same_host_rtt: 0s, datacenter_rtt: 0s}
            hosts:
              web: {cores: 2, memory: 4GiB, bandwidth: 1000000Gbps}
            services:
              browser: {type: browser, users: 1, think: %s, rtt: 40ms, downlink: 1000000Gbps, uplink: 1000000Gbps,
                        target: app, static_from: %s%s}
              app: {type: app_server, host: web, workers: 1}
              media: {type: object_storage, first_byte: 50ms, bandwidth: 100MB, %s}
              cdn: {type: cdn, origin: media, hit_ratio: 100%%, edge_rtt: 20ms, bandwidth: 100MB, %s}
            requests:
              page:
                assets: %d
                asset_size: 20KB
                view: {cpu: 10ms}
            """;

    /** The HTML's two round trips and the view. */
    private static final double HTML = 2 * 40 + 10;

    private static String yaml(String think, String from, String reuse, String media, String cdn, int assets) {
        return SCENARIO.formatted(think, from, reuse.isEmpty() ? "" : ", connection_reuse: " + reuse, media, cdn,
                assets);
    }

    private static ReplicationResult run(String yaml) throws ScenarioException {
        ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("o.yaml", yaml, Path.of(".")), 0);
        assertEquals(r.all().completed(), r.all().latency().count());
        return r;
    }

    private static double meanMs(String yaml) throws ScenarioException {
        return run(yaml).all().latency().mean() / 1e6;
    }

    private static String storage(String reuse, String tls, int assets) {
        return yaml("1s", "media", reuse, "tls: " + tls, "tls: '1.3'", assets);
    }

    // Object storage, a new connection per page view: TLS 1.3 3 × 40 ms, TLS 1.2 4 × 40, no TLS 2 × 40,
    // then the first byte and the transfer.
    @Test
    void objectStorage_newConnection_tcpAndTlsRoundTrips() throws ScenarioException {
        assertEquals(HTML + 3 * 40 + 50.2, meanMs(storage("0%", "'1.3'", 1)), 1e-6);
        assertEquals(HTML + 4 * 40 + 50.2, meanMs(storage("0%", "'1.2'", 1)), 1e-6);
        assertEquals(HTML + 2 * 40 + 50.2, meanMs(storage("0%", "false", 1)), 1e-6);
    }

    // Object storage, the connection still open from the previous page view: the request's 40 ms alone.
    @Test
    void objectStorage_reused_oneRoundTrip() throws ScenarioException {
        assertEquals(HTML + 40 + 50.2, meanMs(storage("100%", "'1.2'", 1)), 1e-6);
    }

    // Three files at once over HTTP/1.1 (S3 speaks no HTTP/2): three connections per page view, counted
    // at the storage; the page waits for the slowest, so TLS 1.2's first (full, 4 round trips) sets its
    // time, the two opened with its session resuming in 3.
    @Test
    void objectStorage_http11_aConnectionPerParallelFile() throws ScenarioException {
        WebModel m = ModelRun.run(storage("0%", "'1.2'", 3));
        long views = m.classStats()[0].offered.total();
        long opened = ModelRun.counter(m, "browser_connections_opened");
        assertTrue(opened == 3 * views || opened == 3 * (views - 1), opened + " connections for " + views + " views");
        assertEquals(HTML + 4 * 40 + 50.2, meanMs(storage("0%", "'1.2'", 3)), 1e-6);
    }

    // A returning visitor (tls_resumption 100 % at the front, NGINX with TLS 1.2) resumes its session
    // with the storage too: 3 round trips there instead of 4. The HTML through NGINX: TCP + resumed TLS
    // + the request, 3 × 40 ms, NGINX's 15 µs and 20 µs of resumed handshake, the view's 10 ms.
    @Test
    void objectStorage_resumedSession_oneRoundTripLess() throws ScenarioException {
        String front = storage("0%", "'1.2'", 1).replace("target: app", "target: nginx").replace("  media:",
                "  nginx: {type: proxy, host: web, upstreams: [app], tls: '1.2', tls_handshake_cpu: 100us,"
                + " tls_resumed_cpu: 20us, tls_resumption: RESUMPTION}\n  media:");
        double html = 3 * 40 + 0.015 + 0.020 + 10;
        assertEquals(html + 3 * 40 + 50.2, meanMs(front.replace("RESUMPTION", "100%")), 1e-6);
        double full = 4 * 40 + 0.015 + 0.100 + 10;
        assertEquals(full + 4 * 40 + 50.2, meanMs(front.replace("RESUMPTION", "0%")), 1e-6);
    }

    // The think time decides: 1 s, below S3's 20 s, and only the user's first page view opens a
    // connection (2 round trips more than the others, TLS 1.3), so the mean is 90 + 40 + 50.2 + 80 / k
    // over k page views; 30 s, above it, and every page view opens one.
    @Test
    void objectStorage_thinkTimeAgainstItsKeepAlive() throws ScenarioException {
        ReplicationResult r = run(yaml("1s", "media", "", "tls: '1.3'", "tls: '1.3'", 1));
        long k = r.all().completed();
        assertEquals(HTML + 40 + 50.2 + 80.0 / k, r.all().latency().mean() / 1e6, 1e-6);
        assertEquals(HTML + 3 * 40 + 50.2, meanMs(yaml("30s", "media", "", "tls: '1.3'", "tls: '1.3'", 1)), 1e-6);
    }

    // A CDN speaks HTTP/2 (CloudFront's default): one connection per page view for its 4 files, which
    // all wait for its handshakes: TLS 1.3 3 × 20 ms, TLS 1.2 4 × 20, then 0.2 ms to send; reused 20 ms.
    @Test
    void cdn_http2_oneConnection_allFilesWaitForIt() throws ScenarioException {
        assertEquals(HTML + 3 * 20 + 0.2, meanMs(yaml("1s", "cdn", "0%", "tls: '1.3'", "tls: '1.3'", 4)), 1e-6);
        assertEquals(HTML + 4 * 20 + 0.2, meanMs(yaml("1s", "cdn", "0%", "tls: '1.3'", "tls: '1.2'", 4)), 1e-6);
        assertEquals(HTML + 20 + 0.2, meanMs(yaml("1s", "cdn", "100%", "tls: '1.3'", "tls: '1.2'", 4)), 1e-6);
        WebModel m = ModelRun.run(yaml("1s", "cdn", "0%", "tls: '1.3'", "tls: '1.3'", 4));
        long views = m.classStats()[0].offered.total();
        long opened = ModelRun.counter(m, "browser_connections_opened");
        assertTrue(opened == views || opened == views - 1, opened + " connections for " + views + " views");
    }

    // A first visit against the visits after it, to the CDN (60 s keep-alive, think 1 s): the first
    // page view pays 2 × 20 ms more, the mean is 90 + 20.2 + 40 / k.
    @Test
    void cdn_firstVisitOpens_laterOnesReuse() throws ScenarioException {
        ReplicationResult r = run(yaml("1s", "cdn", "", "tls: '1.3'", "tls: '1.3'", 4));
        long k = r.all().completed();
        assertEquals(HTML + 20 + 0.2 + 40.0 / k, r.all().latency().mean() / 1e6, 1e-6);
    }
}
