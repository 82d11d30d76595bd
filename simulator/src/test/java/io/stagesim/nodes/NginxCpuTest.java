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
 * NGINX's CPU by its formulas (calibration A.5): per request a base of 15 µs, a full TLS handshake
 * of 500 µs for the share that opens a new connection; per static file 13 µs + 170 ns per KB; gzip
 * of the proxied HTML at 6,200 ns per KB. The proxy is alone on its host, so the host's busy time
 * (utilisation × cores × measured time) is the sum of those demands, which one user with a
 * constant think time makes countable: each page view is its HTML and four 20 KB assets. Its
 * interfaces and client link run at 1 Pbit/s, so bytes cost a nanosecond a hop and CPU alone counts.
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
              browser: {type: browser, users: 1, think: 1s, rtt: 0s, downlink: 1000000Gbps, target: nginx}
              nginx: {type: proxy, host: web, upstreams: [app], tls: true, new_connection_share: %s, gzip: true}
              app: {type: app_server, host: apphost, workers: 1}
            requests:
              page:
                assets: 4
                asset_size: 20KB
                response_size: 50KB
                view: {cpu: 10ms}
            """;

    private static final double US = 1e-6;

    private static ReplicationResult run(long seed, String share) throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("nginx.yaml", SCENARIO.formatted(seed, share),
                Path.of(".")), 0);
    }

    private static double webBusySeconds(ReplicationResult r) {
        ReplicationResult.HostRow web = r.hosts().stream().filter(h -> h.name().equals("web")).findFirst()
                .orElseThrow();
        return web.cpuUtilization() * web.cores() * r.measuredSeconds();
    }

    // Every request opens a new connection: per page view the HTML costs 15 + 500 + 50 × 6.2 =
    // 825 µs and each asset 15 + 500 + 13 + 20 × 0.17 = 531.4 µs, 2,950.6 µs in all. A page view
    // takes 11.8878 ms (the view's 10 ms and the proxy's share), so one comes every 1.0118878 s:
    // 98 by 100 s, the last done at 99.165 s.
    @Test
    void tlsStaticFilesAndGzip_costTheirFormulas() throws ScenarioException {
        ReplicationResult r = run(1, "100%");
        assertEquals(98, r.all().completed());
        assertEquals(98, r.all().offered());
        double perPage = (15 + 500 + 50 * 6.2) * US + 4 * (15 + 500 + 13 + 20 * 0.17) * US;
        assertEquals(98 * perPage, webBusySeconds(r), 1e-6); // within 1 µs: at most 1 ns of rounding per job
    }

    // With 10 % of requests opening a connection, the handshakes are binomial: of n = 490 requests
    // (98 pages × 5) each seed's count must be an exact whole number of handshakes within
    // 3.29 standard deviations (99.9 %) of 0.1 n = 49, the standard deviation √(n · 0.1 · 0.9) = 6.6.
    @Test
    void tlsHandshakes_comeWithTheNewConnectionShare() throws ScenarioException {
        for (long seed = 1; seed <= 3; seed++) {
            ReplicationResult r = run(seed, "10%");
            int requests = 5 * (int) r.all().completed();
            double rest = requests * 15 * US + r.all().completed() * (50 * 6.2 + 4 * (13 + 20 * 0.17)) * US;
            double handshakes = (webBusySeconds(r) - rest) / (500 * US);
            String line = "seed " + seed + ": " + handshakes + " handshakes in " + requests + " requests";
            System.out.println(line);
            assertEquals(Math.rint(handshakes), handshakes, 0.01, line);
            double sd = Math.sqrt(requests * 0.1 * 0.9);
            assertTrue(Math.abs(handshakes - 0.1 * requests) <= 3.29 * sd, line);
        }
    }
}
