package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A machine that is gone answers nothing: NGINX learns it only when proxy_connect_timeout (60 s)
 * runs out, then passes the request to the next server and skips the dead one for fail_timeout
 * (10 s), after which one request is a probe that waits the timeout again. One user, a page each
 * second after the last (think 1 s, 10 ms of CPU on its app server, no network delay), backends a
 * and b by round robin, a's machine gone from 10 s to the end of a 200 s run; browsers wait 300 s.
 */
final class BlackholeTest {

    private static final String TEXT = """
            name: blackhole
            run: {duration: 200s, warmup: 0s, replications: 1, seed: 1}
            network: {same_host_rtt: 0s, datacenter_rtt: 0s}
            hosts:
              lbh: {cores: 1, memory: 4GiB}
              ha: {cores: 1, memory: 4GiB}
              hb: {cores: 1, memory: 4GiB}
            services:
              browser: {type: browser, users: 1, think: 1s, rtt: 0s, timeout: 300s, target: lb}
              lb: {type: load_balancer, host: lbh, cpu: 0s, backends: [a, b]%s}
              a: {type: app_server, host: ha, workers: 1}
              b: {type: app_server, host: hb, workers: 1}
            requests:
              page:
                view: {cpu: 10ms}
            faults:
              - {type: host_crash, target: ha, at: 10s}
            """;

    private static ReplicationResult run(String options) throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("blackhole.yaml", TEXT.formatted(options),
                Path.of(".")), 0);
    }

    private static long counter(ReplicationResult r, String what) {
        return r.counters().stream().filter(c -> c.what().equals(what)).findFirst().orElseThrow().count();
    }

    // Users start by thinking: page view k is sent at 1 + 1.01 k s. One worker: they alternate a, b.
    // The first sent to a after 10 s (page view 10, at 11.1 s) waits exactly 60 s and is passed to b;
    // a is skipped until 81.1 s; the first page view after that is a probe, waits 60 s (to about
    // 141 s) and is passed on; a is skipped until about 151 s, and the probe then sent is still
    // waiting when the run ends: two waits passed on. Two workers take the page views in turn, each
    // with its own round robin over its own requests (page views 0, 1, 4, 5, … go to a): page view 9
    // (worker 1, 10.09 s) waits to 70.09 s; worker 0 knows nothing of it and sends page view 12 there
    // at 73.12 s, which waits to 133.12 s; worker 1's probe (page view 13, 134.13 s) waits to 194.13
    // s: three. A zone shares one view between them: two, as with one worker. Each wait is the whole
    // connect timeout: the longest page view is exactly 60 s and the 10 ms of CPU on b.
    @Test
    void nginx_waitsTheConnectTimeout_thenProbesOncePerFailTimeout() throws ScenarioException {
        ReplicationResult one = run(", workers: 1");
        ReplicationResult two = run(", workers: 2");
        ReplicationResult zone = run(", workers: 2, zone: true");
        System.out.println("waits passed on: 1 worker " + counter(one, "passive_retries") + ", 2 workers "
                + counter(two, "passive_retries") + ", 2 with a zone " + counter(zone, "passive_retries")
                + "; longest page view " + one.all().latency().max() / 1e9 + " s");
        assertEquals(2, counter(one, "passive_retries"));
        assertEquals(3, counter(two, "passive_retries"));
        assertEquals(2, counter(zone, "passive_retries"));
        for (ReplicationResult r : new ReplicationResult[] {one, two, zone}) {
            assertEquals(0, r.all().errors().values().stream().mapToLong(Long::longValue).sum(), "nothing fails");
            assertEquals(60_010_000_000L, r.all().latency().max(), 0, "a wait is the connect timeout and the view");
        }
    }

    // Gunicorn's view calls Redis on a machine that is gone from 10 s: redis-py sets no connect
    // timeout, so the connection waits for the kernel's SYN retries, network.syn_timeout (127 s), and
    // then fails. One user, one worker (timeout 300 s), a page each second after the last: page view 9,
    // sent at 10.09 s (1 + 1.01 × 9), is the first to call the cache after it is gone; it fails at
    // exactly 137.09 s, 127 s later, and the next, after 1 s of thought, at 265.09 s; the third is still
    // waiting at 300 s. With a 5 s syn_timeout each waits 5 s instead.
    @Test
    void aCacheGone_theWorkerWaitsForTheKernelsSynRetries() throws ScenarioException {
        String cache = """
                name: cache-gone
                run: {duration: 300s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s%s}
                hosts:
                  web: {cores: 1, memory: 4GiB}
                  hc: {cores: 1, memory: 4GiB}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, timeout: 600s, target: app}
                  app: {type: app_server, host: web, workers: 1, timeout: 300s}
                  redis: {type: cache, host: hc}
                requests:
                  page:
                    view: {cpu: 10ms, calls: [{service: redis, cpu: 0s, hit_ratio: 100%%}]}
                faults:
                  - {type: host_crash, target: hc, at: 10s}
                """;
        ReplicationResult kernel = Conservation.replication(ScenarioLoader.loadText("cache-gone.yaml",
                cache.formatted(""), Path.of(".")), 0);
        ReplicationResult five = Conservation.replication(ScenarioLoader.loadText("cache-gone.yaml",
                cache.formatted(", syn_timeout: 5s"), Path.of(".")), 0);
        System.out.println("cache gone: failed " + kernel.all().errors() + ", completed " + kernel.all().completed()
                + "; with 5 s: failed " + five.all().errors() + ", completed " + five.all().completed());
        assertEquals(9, kernel.all().completed());
        assertEquals(2, kernel.all().errors().get("connect_timeout"));
        assertEquals(2, kernel.all().failed());
        long[] perWindow = kernel.series().errors().get("connect_timeout");
        assertEquals(1, perWindow[137], "the first fails in the window [137 s, 138 s)");
        assertEquals(1, perWindow[265], "the second in [265 s, 266 s)");
        // With 5 s: failures at 15.09 + 6k s while k <= 47, 48 of them, the first in [15 s, 16 s).
        assertEquals(48, five.all().errors().get("connect_timeout"));
        assertEquals(1, five.series().errors().get("connect_timeout")[15]);
        assertEquals(0, five.series().errors().get("connect_timeout")[14]);
    }

    // The managed balancer does not pass a request on: one sent to a's machine, gone from 10 s, gets
    // a 504 after the target connect timeout, 10 s, until the checks (every 30 s: 30, 60 …, each of
    // which a gone machine fails at its 5 s timeout) take a out at the second failed one, 65 s. Round
    // robin sends page views 0, 2, 4 … to a (page view k at 1 + 1.01 k s while they are served): page
    // view 10 (11.1 s) fails at 21.1 s, exactly 10 s on, and the user then thinks 1 s: page views at
    // 22.1 (b), 23.11 (a: fails 33.11), 34.11 (b), 35.12 (a: 45.12), 46.12 (b), 47.13 (a: 57.13), 58.13
    // (b), 59.14 (a: 69.14, sent before a was out at 65 s); from 70.14 s every page view goes to b.
    // Five 504s, each 10 s after it was sent.
    @Test
    void managedBalancer_givesA504AfterItsTargetConnectTimeout() throws ScenarioException {
        ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("blackhole.yaml", TEXT
                .replace("lb: {type: load_balancer, host: lbh, cpu: 0s, backends: [a, b]%s}",
                        "lb: {type: load_balancer, managed_latency: 0s, backends: [a, b]}")
                .replace("duration: 200s", "duration: 100s"), Path.of(".")), 0);
        long[] perWindow = r.series().errors().get("connect_timeout");
        assertEquals(5, r.all().failed());
        assertEquals(5, r.all().errors().get("connect_timeout"));
        for (int s : new int[] {21, 33, 45, 57, 69}) {
            assertEquals(1, perWindow[s], "a 504 in [" + s + " s, " + (s + 1) + " s)");
        }
    }
}
