package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A self-hosted balancer (NGINX) facing the browsers with {@code tls}: each new client connection's
 * handshake costs CPU on its host, full or resumed, as a proxy charges it, and the browser pays the
 * handshake's round trips.
 */
final class BalancerTlsTest {

    private static final long MS = 1_000_000L;

    private static ReplicationResult run(String tls, String browser) throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("lb-tls.yaml", """
                name: balancer-tls
                run: {duration: 11s, warmup: 1s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  lb: {cores: 1, memory: 4GiB}
                  web: {cores: 4, memory: 4GiB}
                services:
                  browser: {type: browser, %s, rtt: 10ms, target: balancer, connection_reuse: 0}
                  balancer: {type: load_balancer, host: lb, backends: [app], cpu: 0s, %s}
                  app: {type: app_server, host: web, workers: 1}
                requests:
                  page:
                    response_size: 0B
                    view: {cpu: 0s}
                """.formatted(browser, tls), Path.of(".")), 0);
    }

    private static long counter(ReplicationResult r, String what) {
        return r.counters().stream().filter(c -> c.service().equals("balancer") && c.what().equals(what))
                .mapToLong(ReplicationResult.CounterRow::count).sum();
    }

    // One user, a page view a second with no assets and no reuse: each opens one connection, TLS 1.3
    // with a 2 ms full handshake on the balancer's one core. A page view takes TCP's round trip,
    // TLS 1.3's one and the request's: 3 × 10 ms, plus the 2 ms of handshake CPU: 32 ms exactly.
    // The 10 page views measured cost the balancer 10 × 2 ms = 20 ms of CPU, 10 full handshakes.
    @Test
    void fullHandshakes_costTheirCpuOnTheBalancersHost() throws ScenarioException {
        ReplicationResult r = run("tls: '1.3', tls_handshake_cpu: 2ms", "users: 1, think: 1s");
        assertEquals(32 * MS, r.all().latency().min(), 0);
        assertEquals(32 * MS, r.all().latency().max(), 0);
        assertEquals(r.all().completed(), counter(r, "tls_full_handshakes"));
        assertEquals(r.all().completed() * 2_000, counter(r, "cpu_us"));
    }

    // Half the page views resume a session (tls_resumption 0.5, dealt out every other one): a
    // resumed handshake costs 0.5 ms here. Over n page views the CPU is n/2 × 2 ms + n/2 × 0.5 ms.
    @Test
    void resumedHandshakes_costTheResumedCpu() throws ScenarioException {
        ReplicationResult r = run("tls: '1.3', tls_handshake_cpu: 2ms, tls_resumed_cpu: 500us, tls_resumption: 0.5",
                "users: 1, think: 1s");
        long full = counter(r, "tls_full_handshakes");
        long resumed = counter(r, "tls_resumed_handshakes");
        assertEquals(r.all().completed(), full + resumed);
        assertEquals(1, Math.abs(full - resumed), 1, "every other one");
        assertEquals(full * 2_000 + resumed * 500, counter(r, "cpu_us"));
    }
}
