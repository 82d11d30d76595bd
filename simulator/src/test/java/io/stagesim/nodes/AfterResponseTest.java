package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * CPU a worker spends after the response has gone ({@code after_response_cpu}), traced by hand:
 * constant CPU, users thinking a constant time, no network delay. The response leaves when the view
 * is done, so the latency is the view's CPU alone; the worker is held, and the CPU busy, for the view
 * and the work after it.
 */
final class AfterResponseTest {

    private static final long MS = 1_000_000L;

    private static ReplicationResult run(String server, String users, String think, String duration, String after)
            throws ScenarioException {
        String yaml = """
                name: after
                run: {duration: %s, warmup: 0s, replications: 1, seed: 1}
                hosts:
                  web: {cores: 2, memory: 4GiB}
                services:
                  browser: {type: browser, users: %s, think: %s, rtt: 0s, target: app, timeout: 300s}
                  app: {type: %s, host: web, after_response_cpu: %s}
                requests:
                  page:
                    view: {cpu: 100ms}
                """.formatted(duration, users, think, server, after);
        return Conservation.replication(ScenarioLoader.loadText("after.yaml", yaml, Path.of(".")), 0);
    }

    private static ReplicationResult.ResourceRow workers(ReplicationResult r) {
        return r.resources().stream().filter(x -> x.service().equals("app")).findFirst().orElseThrow();
    }

    // One user thinking 1 s on one sync worker: pages at 1, 2.1, 3.2 … 10.9 s (ten in 12 s), each
    // answered 100 ms later, the worker then busy 50 ms more. Latency 100 ms exactly; the worker is
    // held 10 × 150 ms = 1.5 s of the 12 s (0.125 on average), and the CPU busy as long: 1.5 s of
    // 2 cores × 12 s = 0.0625.
    @Test
    void latencyIsTheViewsCpu_theWorkerAndTheCpuAreHeldForBoth() throws ScenarioException {
        ReplicationResult r = run("app_server, workers: 1", "1", "1s", "12s", "50ms");
        assertEquals(10, r.all().completed());
        assertEquals(100 * MS, r.all().latency().max(), 0);
        assertEquals(100 * MS, r.all().latency().mean(), 1e-6);
        assertEquals(1.5 / 12, workers(r).meanInUse(), 1e-12);
        assertEquals(1.5 / 24, r.hosts().get(0).cpuUtilization(), 1e-12);
    }

    // Saturated (five users, no think time), one sync worker serves one page per 100 + 50 ms: its
    // capacity is 1 / (cpu + after) = 6.67 pages a second, against 10 without the work after. The
    // k-th answer leaves at 0.1 + 0.15 k s: 200 of them before 30 s (300 without).
    @Test
    void capacityOfOneSyncWorker_isOneOverCpuPlusAfter() throws ScenarioException {
        ReplicationResult after = run("app_server, workers: 1", "5", "0s", "30s", "50ms");
        ReplicationResult none = run("app_server, workers: 1", "5", "0s", "30s", "0ms");
        assertEquals(200, after.all().completed());
        assertEquals(300, none.all().completed());
        assertEquals(1.0, workers(after).meanInUse(), 1e-9);
    }

    // uWSGI the same, and a worker that restarts after its last request (max_requests: 3, respawn
    // 100 ms) does so once the work after it is done: one user thinking 1 s; pages at 1, 2.1, 3.2
    // (the third: the worker restarts from 3.35 s to 3.45 s), 4.3: every latency 100 ms, and the
    // worker held 4 × 150 ms + 100 ms = 0.7 s of the 5 s.
    @Test
    void uwsgi_recyclesAfterTheWorkAfterTheResponse() throws ScenarioException {
        ReplicationResult r = run("uwsgi, max_requests: 3, respawn: 100ms", "1", "1s", "5s", "50ms");
        assertEquals(4, r.all().completed());
        assertEquals(100 * MS, r.all().latency().max(), 0);
        assertEquals(0.7 / 5, workers(r).meanInUse(), 1e-12);
        assertEquals(1, r.counters().stream().filter(c -> c.what().equals("recycles")).findFirst().orElseThrow()
                .count());
    }

    // Persistent connections belong to the worker slot, which keeps them through the work after the
    // response. Two users thinking 1 s on two workers with CONN_MAX_AGE = None: pages every 1.1 s
    // (18 each in 20 s), and each slot opens its connection once: 2 in the run. With CONN_MAX_AGE =
    // 10 s, one worker and one user (pages at 1, 2.1 … 12 s), the connection opened with the first
    // query is found 10 s old at the end of the work after the page at 10.9 s, closed there, and the
    // page at 12 s opens the next: 2 connects in 13 s.
    @Test
    void persistentConnections_stayWithTheSlot_throughTheWorkAfter() throws ScenarioException {
        String yaml = """
                name: after-conn
                run: {duration: %s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 4, memory: 4GiB}
                  dbhost: {cores: 2, memory: 4GiB}
                services:
                  browser: {type: browser, users: %d, think: 1s, rtt: 0s, target: app}
                  app: {type: app_server, host: web, workers: %d, conn_max_age: %s, after_response_cpu: 50ms,
                        db_connect_cpu: 0s, db_setup_cpu: 0s}
                  db: {type: database, host: dbhost, connect_cpu: 0s, cold_cache_cpu: 0s, max_connections: 5}
                requests:
                  page:
                    view:
                      cpu: 100ms
                      calls:
                        - {service: db, cpu: 0s}
                """;
        ReplicationResult two = Conservation.replication(ScenarioLoader.loadText("c.yaml",
                yaml.formatted("20s", 2, 2, "unlimited"), Path.of(".")), 0);
        assertEquals(2, connects(two));
        assertEquals(2 * 18, two.all().completed());
        ReplicationResult aged = Conservation.replication(ScenarioLoader.loadText("c.yaml",
                yaml.formatted("13s", 1, 1, "10s"), Path.of(".")), 0);
        assertEquals(2, connects(aged));
    }

    // A recycle decided before the response is handed over is carried through the hand-over: uWSGI
    // with max_requests 3 and respawn 100 ms, 50 ms of work after each response, and a 100 KB response
    // over the client's 10 Mbit/s (80 ms) after the host's 1 Gbit/s interface (0.8 ms), no send buffer. One user
    // thinking 1 s: each page takes 100 + 0.8 + 80 = 180.8 ms, so pages at 1, 2.1808, 3.3616, 4.5424,
    // 5.7232 s (five in 6 s). The worker is held 180.8 + 50 = 230.8 ms a page and restarts once, after
    // the third page's work: 5 × 230.8 + 100 = 1,254 ms of the 6 s. (Were the flag lost in the
    // hand-over, no restart: 1,154 ms; were it turned round, four restarts: 1,554 ms.)
    @Test
    void uwsgi_recycleFlag_survivesTheResponsesHandOver() throws ScenarioException {
        String yaml = """
                name: after-recycle
                run: {duration: 6s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 2, memory: 4GiB, bandwidth: 1Gbps, tcp_send_buffer: 0B}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, downlink: 10Mbps, target: app,
                            timeout: 300s}
                  app: {type: uwsgi, host: web, max_requests: 3, respawn: 100ms, after_response_cpu: 50ms}
                requests:
                  page:
                    response_size: 100KB
                    view: {cpu: 100ms}
                """;
        ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("r.yaml", yaml, Path.of(".")), 0);
        assertEquals(5, r.all().completed());
        assertEquals(180.8 * MS, r.all().latency().mean(), 1);
        assertEquals(1.254 / 6, workers(r).meanInUse(), 1e-12);
        assertEquals(1, r.counters().stream().filter(c -> c.what().equals("recycles")).findFirst().orElseThrow()
                .count());
    }

    // The slot's identity goes with the work after the response, and only then back to the idle
    // slots: one user, two workers, CONN_MAX_AGE = None. The first page takes slot 0 (opening its
    // connection); after its work slot 0 goes to the back of the idle slots, so the second page takes
    // slot 1, the one idle the longest, and opens the second connection; from then on each page
    // takes the other slot: exactly 2 connects in five pages. (Were the identity given back at the
    // frame's return as well, slot 0 would be idle twice and every page would take it: 1 connect.)
    @Test
    void theSlotsIdentity_isGivenBackOnce_afterTheWorkAfter() throws ScenarioException {
        String yaml = """
                name: after-slots
                run: {duration: 6s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 4, memory: 4GiB}
                  dbhost: {cores: 2, memory: 4GiB}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: app}
                  app: {type: app_server, host: web, workers: 2, conn_max_age: unlimited, after_response_cpu: 50ms,
                        db_connect_cpu: 0s, db_setup_cpu: 0s}
                  db: {type: database, host: dbhost, connect_cpu: 0s, cold_cache_cpu: 0s, max_connections: 5}
                requests:
                  page:
                    view:
                      cpu: 100ms
                      calls:
                        - {service: db, cpu: 0s}
                """;
        ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("s.yaml", yaml, Path.of(".")), 0);
        assertEquals(5, r.all().completed());
        assertEquals(2, connects(r));
    }

    // Django's request_finished check runs at the end of the work after the response, not at the next
    // request: one user thinking 1 s, one worker, a view of one query and no CPU (so no time passes
    // before the response), 50 ms of work after it, CONN_MAX_AGE 30 ms. Each page (at 1, 2, 3, 4 s)
    // opens a connection, which is 50 ms old at the end of the work and closed there: the database's
    // table holds one connection 4 × 50 ms = 0.2 s of the 4.5 s. (Were it left to the next request's
    // start, it would be held from 1 s to the end: 3.5 s.) With uWSGI recycling after every second
    // request and CONN_MAX_AGE = None, the recycled worker's connection closes with its process: pages
    // 1 and 2 share one, 3 and 4 the next (the worker is back 100 ms after page 2's work): 2 connects.
    @Test
    void connections_closeAtTheEndOfTheWorkAfter_andWithARecycledWorker() throws ScenarioException {
        String yaml = """
                name: after-close
                run: {duration: 4.5s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 4, memory: 4GiB}
                  dbhost: {cores: 2, memory: 4GiB}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: app}
                  app: {type: %s, host: web, conn_max_age: %s, after_response_cpu: 50ms,
                        db_connect_cpu: 0s, db_setup_cpu: 0s}
                  db: {type: database, host: dbhost, connect_cpu: 0s, cold_cache_cpu: 0s, max_connections: 5}
                requests:
                  page:
                    view:
                      cpu: 0s
                      calls:
                        - {service: db, cpu: 0s}
                """;
        ReplicationResult aged = Conservation.replication(ScenarioLoader.loadText("a.yaml",
                yaml.formatted("app_server, workers: 1", "30ms"), Path.of(".")), 0);
        assertEquals(4, aged.all().completed());
        assertEquals(4, connects(aged));
        ReplicationResult.ResourceRow table = aged.resources().stream()
                .filter(x -> x.service().equals("db") && x.resource().contains("connections")).findFirst().orElseThrow();
        assertEquals(0.2 / 4.5, table.meanInUse(), 1e-12);
        ReplicationResult recycled = Conservation.replication(ScenarioLoader.loadText("u.yaml",
                yaml.formatted("uwsgi, processes: 1, max_requests: 2, respawn: 100ms", "unlimited"), Path.of(".")), 0);
        assertEquals(4, recycled.all().completed());
        assertEquals(2, connects(recycled));
    }

    private static long connects(ReplicationResult r) {
        return r.counters().stream().filter(c -> c.what().equals("db_connects to db")).mapToLong(c -> c.count()).sum();
    }
}
