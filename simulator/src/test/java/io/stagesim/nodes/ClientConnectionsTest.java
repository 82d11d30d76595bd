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
 * Client connections, keep-alive and TLS by hand (calibration A.1, A.5). One user with a constant
 * think time, so every page view meets an idle site; no network inside the site and links too fast
 * to matter, so a page view's latency is its round trips to the browser (40 ms each) plus the CPU
 * on its path: NGINX's 15 µs per request and its handshake (100 µs full, 20 µs resumed, as written),
 * and the view's 10 ms.
 */
final class ClientConnectionsTest {

    private static final String SCENARIO = """
            name: connections
            run: {duration: 100s, warmup: 0s, replications: 1, seed: 1}
            network: {same_host_rtt: 0s, datacenter_rtt: 0s}
            hosts:
              web: {cores: 2, memory: 4GiB, bandwidth: 1000000Gbps}
            services:
              browser: {type: browser, users: 1, think: 1s, rtt: 40ms, downlink: 1000000Gbps,
                        target: nginx, connection_reuse: %s}
              nginx: {type: proxy, host: web, upstreams: [app], serve_static: true, static_cpu: 0s,
                      static_cpu_per_kb: 0, %s}
              app: {type: app_server, host: web, workers: 1}
            requests:
              page:
                assets: %d
                view: {cpu: 10ms}
            """;

    private static final String TLS = "tls_handshake_cpu: 100us, tls_resumed_cpu: 20us, ";

    private static String yaml(String reuse, String proxy, int assets) {
        return SCENARIO.formatted(reuse, proxy, assets);
    }

    private static double meanMs(String reuse, String proxy) throws ScenarioException {
        ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("c.yaml", yaml(reuse, proxy, 0),
                Path.of(".")), 0);
        assertEquals(r.all().completed(), r.all().latency().count());
        return r.all().latency().mean() / 1e6;
    }

    // Plain HTTP: TCP's round trip, then the request's: 2 × 40 ms, with 15 µs of NGINX and the 10 ms view.
    @Test
    void plainHttp_newConnection_paysTcpsRoundTrip() throws ScenarioException {
        assertEquals(2 * 40 + 0.015 + 10, meanMs("0%", "tls: false"), 1e-6);
    }

    // TLS 1.3, full handshake: TCP 1 + TLS 1 + the request 1 = 3 round trips, and 100 µs of handshake CPU.
    @Test
    void tls13_full_oneMoreRoundTrip() throws ScenarioException {
        assertEquals(3 * 40 + 0.015 + 0.1 + 10, meanMs("0%", TLS + "tls: '1.3'"), 1e-6);
    }

    // TLS 1.2, full handshake: TCP 1 + TLS 2 + the request 1 = 4 round trips.
    @Test
    void tls12_full_twoMoreRoundTrips() throws ScenarioException {
        assertEquals(4 * 40 + 0.015 + 0.1 + 10, meanMs("0%", TLS + "tls: '1.2'"), 1e-6);
    }

    // Resumed, either version: TCP 1 + TLS 1 + the request 1 = 3 round trips, and the resumed 20 µs.
    @Test
    void resumed_oneRoundTrip_eitherVersion() throws ScenarioException {
        for (String v : new String[] {"'1.2'", "'1.3'"}) {
            assertEquals(3 * 40 + 0.015 + 0.02 + 10, meanMs("0%", TLS + "tls_resumption: 100%, tls: " + v), 1e-6, v);
        }
    }

    // A page view whose connection is still open pays the request's round trip alone, and no handshake.
    @Test
    void reusedConnection_paysNoHandshake() throws ScenarioException {
        assertEquals(40 + 0.015 + 10, meanMs("100%", TLS + "tls: '1.2'"), 1e-6);
    }

    // 8 assets over HTTP/1.1: the HTML opens one connection, the assets six at once (the first takes the
    // HTML's), so a new page view opens 6; with half of them reusing theirs (dealt out evenly: the 2nd,
    // 4th …), the connections opened are exactly 6 × the page views that did not reuse.
    @Test
    void keepAlive_connectionsOpened_arePageViewsTimesSixTimesTheNewShare() throws ScenarioException {
        WebModel m = ModelRun.run(yaml("50%", TLS + "tls: true", 8));
        long views = m.classStats()[0].offered.total();
        assertEquals(6 * (views - views / 2), ModelRun.counter(m, "connections_opened"));
        // TLS: one full handshake per new page view, the other five resumed with its session
        assertEquals(views - views / 2, ModelRun.counter(m, "tls_full_handshakes"));
        assertEquals(5 * (views - views / 2), ModelRun.counter(m, "tls_resumed_handshakes"));
    }

    // HTTP/2: one connection per new page view, the 8 assets multiplexed over it.
    @Test
    void http2_oneConnectionPerPageView() throws ScenarioException {
        WebModel m = ModelRun.run(yaml("50%", TLS + "tls: true, http2: true", 8));
        long views = m.classStats()[0].offered.total();
        assertEquals(views - views / 2, ModelRun.counter(m, "connections_opened"));
    }

    // Gunicorn's sync workers as the front close every connection: each request opens one (9 per
    // page view, the last page view's possibly not all sent yet), whatever the browsers would reuse.
    @Test
    void syncWorkers_openAConnectionPerRequest() throws ScenarioException {
        WebModel m = ModelRun.run(yaml("50%", "tls: false", 8).replace("target: nginx", "target: app"));
        long opened = ModelRun.counter(m, "connections_opened");
        long completed = m.classStats()[0].completed.total();
        assertEquals(completed + 1, m.classStats()[0].offered.total()); // one page view under way at the end
        assertTrue(opened > 9 * completed && opened <= 9 * (completed + 1), "connections opened: " + opened);
    }
}
