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
 * NGINX's CPU by its formulas (calibration A.5): per request a base of 15 µs; per new client
 * connection a TLS handshake, 500 µs full and 20 µs resumed (as written here); per static file
 * 13 µs + 170 ns per KB; gzip of the proxied HTML at 6,200 ns per KB. The proxy is alone on its
 * host, so the host's busy time (utilisation × cores × measured time) is the sum of those demands,
 * which one user with a constant think time makes countable: each page view is its HTML and four
 * 20 KB assets, fetched over four connections (the first asset takes the HTML's), the first a full
 * handshake and the other three resumed with its session. Its interfaces and client link run at
 * 1 Pbit/s, so bytes cost a nanosecond a hop and CPU alone counts.
 */
final class NginxCpuTest {

    private static final String SCENARIO = """
            name: nginx-cpu
            run: {duration: 100s, warmup: 0s, replications: 1, seed: %d}
            network: {same_host_rtt: 0s, datacenter_rtt: 0s}
            hosts:
              web: {cores: 2, memory: 4GiB, bandwidth: 1000000Gbps}
              apphost: {cores: 2, memory: 4GiB, bandwidth: 1000000Gbps}
            services:
              browser: {type: browser, users: 1, think: 1s, rtt: 0s, downlink: 1000000Gbps, target: nginx,
                        connection_reuse: %s}
              nginx: {type: proxy, host: web, upstreams: [app], tls: true, tls_handshake_cpu: 500us,
                      tls_resumed_cpu: 20us, gzip: true}
              app: {type: app_server, host: apphost, workers: 1}
            requests:
              page:
                assets: 4
                asset_size: 20KB
                response_size: 50KB
                view: {cpu: 10ms}
            """;

    private static final double US = 1e-6;
    /** A page view's CPU besides handshakes: 5 requests' base, the HTML's gzip, 4 static files. */
    private static final double REST = (5 * 15 + 50 * 6.2 + 4 * (13 + 20 * 0.17)) * US;
    /** A new page view's handshakes: one full, three resumed. */
    private static final double HANDSHAKES = (500 + 3 * 20) * US;

    private static ReplicationResult run(long seed, String reuse) throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("nginx.yaml", SCENARIO.formatted(seed, reuse),
                Path.of(".")), 0);
    }

    private static double webBusySeconds(ReplicationResult r) {
        ReplicationResult.HostRow web = r.hosts().stream().filter(h -> h.name().equals("web")).findFirst()
                .orElseThrow();
        return web.cpuUtilization() * web.cores() * r.measuredSeconds();
    }

    // Every page view new: 385 + 125.6 + 500 + 60 = 1,070.6 µs of NGINX CPU per page view.
    @Test
    void tlsStaticFilesAndGzip_costTheirFormulas() throws ScenarioException {
        ReplicationResult r = run(1, "0%");
        long n = r.all().completed();
        assertEquals(n, r.all().offered());
        assertTrue(n >= 98, "page views: " + n);
        assertEquals(n * (REST + HANDSHAKES), webBusySeconds(r), 1e-6); // within 1 µs: 1 ns of rounding per job
    }

    // Half the page views reuse their connections (the 2nd, 4th …, dealt out evenly): handshakes
    // only on the others, whatever the seed: n × 510.6 µs + (n − ⌊n / 2⌋) × 560 µs exactly.
    @Test
    void tlsHandshakes_onlyOnNewConnections() throws ScenarioException {
        for (long seed = 1; seed <= 2; seed++) {
            ReplicationResult r = run(seed, "50%");
            long n = r.all().completed();
            assertEquals(n, r.all().offered());
            assertEquals(n * REST + (n - n / 2) * HANDSHAKES, webBusySeconds(r), 1e-6, "seed " + seed);
        }
    }
}
