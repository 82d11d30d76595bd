package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stagesim.assembly.WebModel;
import io.stagesim.scenario.ScenarioException;
import org.junit.jupiter.api.Test;

/**
 * NGINX's load shedding traced by hand: {@code limit_req}'s leaky bucket (admitted, delayed,
 * refused) and {@code limit_conn}'s count of requests at the upstreams.
 */
final class LoadSheddingTest {

    private static final long MS = 1_000_000;

    // rate 10/s, burst 5, a request every 50 ms from 0: each admitted request adds 1 to the bucket
    // and 50 ms drain 0.5, so the k-th (from 0) finds it at 0.5·k. Requests 0 to 10 are admitted
    // (5.0 is not over the burst), each waiting its excess / rate = 50·k ms; request 11 would make
    // 5.5 and is refused, leaving the bucket as it was; request 12, 100 ms after the last admitted
    // one, makes 5.0 again. From then on every other request is admitted: the rate, 10/s.
    @Test
    void limitReq_leakyBucket_byHand() {
        RateLimit delayed = new RateLimit(10, 5, 0);
        RateLimit nodelay = new RateLimit(10, 5, 5);
        RateLimit delayAbove2 = new RateLimit(10, 5, 2);
        int admitted = 0;
        for (int k = 0; k < 200; k++) {
            long now = k * 50 * MS;
            boolean in = k <= 10 || k % 2 == 0;
            long wait = k <= 10 ? k * 50 * MS : 500 * MS; // the bucket stays at 5.0 for the admitted
            assertEquals(in ? wait : -1, delayed.admit(now), "request " + k);
            assertEquals(in ? 0 : -1, nodelay.admit(now), "nodelay, request " + k);
            long above2 = Math.max(0, (in ? wait : 0) - 200 * MS);
            assertEquals(in ? above2 : -1, delayAbove2.admit(now), "delay=2, request " + k);
            admitted += in ? 1 : 0;
        }
        // 11 in the first 500 ms and then one every 100 ms: 10/s × 10 s + the burst of 5
        assertEquals(105, admitted);
    }

    // A bucket left alone drains to empty, never below: after 10 s idle the next request waits 0.
    @Test
    void limitReq_drainsToEmptyNotBelow() {
        RateLimit r = new RateLimit(2, 3, 0);
        assertEquals(0, r.admit(0));
        assertEquals(500 * MS, r.admit(0)); // same instant: 1.0 in the bucket, 0.5 s to drain
        assertEquals(1000 * MS, r.admit(0));
        assertEquals(1500 * MS, r.admit(0));
        assertEquals(-1, r.admit(0)); // 4 > 3
        assertEquals(0, r.admit(10_000 * MS));
        assertEquals(500 * MS, r.admit(10_000 * MS));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(0, 1, 0));
    }

    // The same bucket in front of an app through NGINX: one user thinking a constant 50 ms, every
    // step free, so page views arrive every 50 ms from 50 ms: the 200 of the first 10 s meet the
    // bucket exactly as above: 105 served, 95 refused as rate_limited.
    @Test
    void limitReq_atTheProxy_servesTheRateAndRefusesTheRest() throws ScenarioException {
        WebModel m = ModelRun.run(site("10.01s", "users: 1, think: 50ms",
                "limit_req: {rate: 10/s, burst: 5, nodelay: true}", "0s"));
        ClassStats c = m.classStats()[0];
        assertEquals(200, c.offered.total());
        assertEquals(105, c.completed.total());
        assertEquals(95, c.errors[ErrorKind.RATE_LIMITED.ordinal()].total());
    }

    // limit_conn 2, four users arriving together at 10 s on 5 s views: two go through, the other two
    // are refused at once as connections_limited. The two admitted end at 15 s and free their
    // places; the two refused come back at 20 s (after 10 s of thought) and both go through.
    @Test
    void limitConn_refusesOverTheLimitAtOnce_andFreesThePlaceAtTheEnd() throws ScenarioException {
        WebModel m = ModelRun.run(site("21s", "users: 4, think: 10s", "limit_conn: 2", "5s")
                .replace("workers: 1", "workers: 4"));
        ClassStats c = m.classStats()[0];
        assertEquals(2, c.errors[ErrorKind.CONN_LIMITED.ordinal()].count(10));
        assertEquals(2, c.errors[ErrorKind.CONN_LIMITED.ordinal()].total());
        assertEquals(2, c.completed.count(15));
        assertEquals(2, c.completed.total());
        assertEquals(2, c.open.open());
    }

    // Six users arriving together at 10 s on views that take no time, limit_req rate 10/s, burst 5,
    // delay 0: the first goes through at once and the k-th after it waits k × 100 ms (the bucket at
    // k, drained at 10/s): latencies 0, 100 … 500 ms, mean 250 ms. A seventh user is refused. With
    // nodelay all six go through at once.
    @Test
    void limitReq_atTheProxy_delaysTheBurst() throws ScenarioException {
        WebModel delayed = ModelRun.run(site("10.9s", "users: 7, think: 10s", "limit_req: {rate: 10/s, burst: 5}", "0s")
                .replace("workers: 1", "workers: 7"));
        ClassStats c = delayed.classStats()[0];
        assertEquals(6, c.completed.total());
        assertEquals(1, c.errors[ErrorKind.RATE_LIMITED.ordinal()].total());
        assertEquals(250 * MS, c.latency.summarize().mean(), 1e3);
        assertEquals(500 * MS, c.latency.summarize().max(), 500 * MS * 0.032); // the histogram's bucket width
        WebModel at = ModelRun.run(site("10.9s", "users: 7, think: 10s",
                "limit_req: {rate: 10/s, burst: 5, nodelay: true}", "0s").replace("workers: 1", "workers: 7"));
        assertEquals(6, at.classStats()[0].completed.total());
        assertEquals(0, at.classStats()[0].latency.summarize().mean(), 1e3);
    }

    private static String site(String duration, String workload, String limits, String cpu) {
        return """
                name: shedding
                run: {duration: %s, warmup: 0s, replications: 1, seed: 5}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 1, memory: 4GiB}
                  apphost: {cores: 4, memory: 4GiB}
                services:
                  browser: {type: browser, %s, rtt: 0s, target: proxy}
                  proxy: {type: proxy, host: web, upstreams: [app], cpu: 0s, %s}
                  app: {type: app_server, host: apphost, workers: 1}
                requests:
                  page:
                    view: {cpu: %s}
                """.formatted(duration, workload, limits, cpu);
    }
}
