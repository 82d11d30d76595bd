package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Why Gunicorn's sync workers want a buffering proxy: a worker is held until its response has
 * been handed over (and its request's body read), to a slow client at the client's speed, to NGINX
 * at LAN speed. Deterministic: one user, constant think and CPU, no round trips, and no TCP send
 * buffer unless a test gives one; a worker's holding time is its pool's busy time over the page
 * views served.
 */
final class SlowClientsTest {

    private static final double MS = 1e-3;

    /** One user on a 10/1 Mbit/s link; the app alone, or behind NGINX on another host ({@code proxy}). */
    private static ReplicationResult run(boolean proxy, String buffering, String request) throws ScenarioException {
        return run(proxy, buffering, request, "0B");
    }

    /** As above, the hosts' kernels with a TCP send buffer of {@code sendBuffer}. */
    private static ReplicationResult run(boolean proxy, String buffering, String request, String sendBuffer)
            throws ScenarioException {
        String yaml = """
                name: slow
                run: {duration: 6s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  lb: {cores: 1, bandwidth: 1Gbps, tcp_send_buffer: %s}
                  apphost: {cores: 1, bandwidth: 1Gbps, tcp_send_buffer: %s}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, downlink: 10Mbps, uplink: 1Mbps,
                            target: %s}
                  nginx: {type: proxy, host: lb, upstreams: [app], cpu: 0s%s}
                  app: {type: app_server, host: apphost, workers: 1}
                requests:
                  page:
                    %s
                    view: {cpu: 10ms}
                """.formatted(sendBuffer, sendBuffer, proxy ? "nginx" : "app", buffering, request);
        return Conservation.replication(ScenarioLoader.loadText("slow.yaml", yaml, Path.of(".")), 0);
    }

    /** Seconds a worker was held per page view. */
    private static double holding(ReplicationResult r) {
        ReplicationResult.ResourceRow w = r.resources().stream().filter(x -> x.service().equals("app"))
                .findFirst().orElseThrow();
        return w.meanInUse() * r.measuredSeconds() / r.all().completed();
    }

    // A 100 KB response: 0.8 ms through the app host's 1 Gbit/s interface, 80 ms over the client's
    // 10 Mbit/s. Alone, the worker holds for 10 + 0.8 + 80 = 90.8 ms; behind a buffering NGINX it
    // hands over at LAN speed, 10 + 0.8 = 10.8 ms, and NGINX holds only a connection for the rest
    // (its own interface 0.8 ms, the client 80 ms: the page still takes 91.6 ms).
    @Test
    void slowClient_holdsTheWorker_unlessABufferingProxyTakesTheResponse() throws ScenarioException {
        ReplicationResult alone = run(false, "", "response_size: 100KB");
        assertEquals(90.8 * MS, holding(alone), 1e-9);
        assertEquals(90.8e6, alone.all().latency().mean(), 1);
        ReplicationResult behind = run(true, "", "response_size: 100KB");
        assertEquals(10.8 * MS, holding(behind), 1e-9);
        assertEquals(91.6e6, behind.all().latency().mean(), 1);
        ReplicationResult unbuffered = run(true, ", proxy_buffering: off", "response_size: 100KB");
        assertEquals(90.8 * MS, holding(unbuffered), 1e-9);
    }

    // The kernel's send buffer (Linux's default 16 KiB) takes the response's last 16,384 bytes off
    // the worker's hands: it is held for (100,000 − 16,384) / 1.25 MB/s = 66.8928 ms of the 80 ms,
    // 10 + 0.8 + 66.8928 = 77.6928 ms in all, while the client still gets its page after 90.8 ms.
    @Test
    void sendBuffer_freesTheWorkerBeforeTheLastBytesArrive() throws ScenarioException {
        ReplicationResult r = run(false, "", "response_size: 100KB", "16KiB");
        assertEquals(77.6928 * MS, holding(r), 1e-9);
        assertEquals(90.8e6, r.all().latency().mean(), 1);
    }

    // An upload of 100 KB over a 1 Mbit/s uplink takes 800 ms, and the response has no bytes. Alone,
    // the worker reads it at the client's speed: 800 + 10 = 810 ms. Behind NGINX (request buffering
    // on, NGINX's default) the body comes from NGINX's host at 1 Gbit/s: 0.8 + 10 = 10.8 ms.
    @Test
    void slowUpload_holdsTheWorker_unlessTheProxyBuffersTheBody() throws ScenarioException {
        String upload = "request_size: 100KB\n    response_size: 0B";
        assertEquals(810 * MS, holding(run(false, "", upload)), 1e-9);
        ReplicationResult buffered = run(true, "", upload);
        assertEquals(10.8 * MS, holding(buffered), 1e-9);
        // the page still waits for the upload: 800 ms to NGINX, then 0.8 + 10 ms
        assertEquals(810.8e6, buffered.all().latency().mean(), 1);
        // without request buffering the worker reads it as NGINX passes it on: NGINX's interface, then
        // the client's uplink: 0.8 + 800 + 10 ms
        assertEquals(810.8 * MS, holding(run(true, ", proxy_request_buffering: off", upload)), 1e-9);
    }
    // gzip shrinks what leaves NGINX: the 100 KB page comes from the app at 1 Gbit/s (0.8 ms), NGINX
    // compresses it to 22 % in 1 ms of CPU (10 µs per KB), and sends the 22 KB through its own
    // interface (0.176 ms) and over the client's 10 Mbit/s (17.6 ms): the page takes 10 + 0.8 + 1 +
    // 0.176 + 17.6 = 29.576 ms against 91.6 ms without gzip. NGINX's one worker process is held for
    // the compression only, not while the bytes go out: pages at 1, 2.029576 … 5.118304 s, five
    // in the 6 s, 5 ms of the process in all.
    @Test
    void gzip_sendsTheCompressedBytes_andFreesTheWorkerProcessWhileTheyGo() throws ScenarioException {
        ReplicationResult r = run(true, ", workers: 1, gzip: true, gzip_cpu_per_kb: 10000, gzip_ratio: 22%",
                "response_size: 100KB");
        assertEquals(5, r.all().completed());
        assertEquals(29.576e6, r.all().latency().mean(), 1);
        assertEquals(10.8 * MS, holding(r), 1e-9);
        ReplicationResult.ResourceRow processes = r.resources().stream()
                .filter(x -> x.service().equals("nginx") && x.resource().startsWith("worker processes"))
                .findFirst().orElseThrow();
        assertEquals(0.005 / 6, processes.meanInUse(), 1e-12);
        // gzip with its CPU given as 0 still compresses: 28.576 ms
        ReplicationResult free = run(true, ", gzip: true, gzip_cpu_per_kb: 0", "response_size: 100KB");
        assertEquals(28.576e6, free.all().latency().mean(), 1);
    }
}
