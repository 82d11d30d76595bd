package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Gunicorn's edges, traced by hand. Every case is deterministic: a closed workload whose users all
 * think for the same constant time (so they arrive together), constant CPU, no network delay.
 */
final class GunicornTest {

    private static final long S = 1_000_000_000L;

    private static ReplicationResult run(String yaml) throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("gunicorn.yaml", yaml, Path.of(".")), 0);
    }

    private static ReplicationResult.ResourceRow workers(ReplicationResult r) {
        return r.resources().stream().filter(x -> x.service().equals("app")).findFirst().orElseThrow();
    }

    /**
     * {@code users} arriving together at 10 s on {@code workers} sync workers with a backlog of one
     * (and no worker timeout within the run).
     */
    private static String backlogOfOne(int users, int workers, String view, String duration) {
        return """
                name: syn
                run: {duration: %s, warmup: 0s, replications: 1, seed: 1}
                hosts:
                  web: {cores: 2, memory: 4GiB}
                services:
                  browser: {type: browser, users: %d, think: 10s, rtt: 0s, target: app, timeout: 300s}
                  app: {type: app_server, host: web, workers: %d, backlog: 1, timeout: 1h}
                requests:
                  page:
                    view: {cpu: %s}
                """.formatted(duration, users, workers, view);
    }

    // The SYN retry timeline, 1, 2, 4 s after the first: two workers and a backlog of one, four
    // users at 10 s (4 s views). u0 and u1 take the workers until 14, u2 waits in the backlog, u3's
    // SYN is dropped and retried at 11 and 13 (backlog still full: dropped) and 17, when u2 has
    // taken a worker at 14 and the other is free: u3 runs 17–21. Latencies 4, 4, 8 and 11 s.
    @Test
    void fullBacklog_synRetriedAfter1_2_4s_connectsAtTheThird() throws ScenarioException {
        ReplicationResult r = run(backlogOfOne(4, 2, "4s", "23s"));
        assertEquals(4, r.all().completed());
        assertEquals(11 * S, r.all().latency().max(), 0);
        assertEquals((4 + 4 + 8 + 11) * S / 4.0, r.all().latency().mean(), 1e-3);
        // acquires: one each, and u3's retries at 11, 13 and 17; the first three of u3's were dropped
        assertEquals(7, workers(r).requests());
        assertEquals(3, workers(r).rejected());
    }

    // The retry limit: after the sixth retry (at 1 + 2 + 4 + 8 + 16 + 32 = 63 s) the connection
    // fails. One worker held 100 s by u0, u1 in the backlog, u2's SYNs at 10, 11, 13, 17, 25, 41 and
    // 73 s all dropped: it fails with connect_timeout at 73 s (its browser waits up to 300 s).
    @Test
    void fullBacklog_synRetriesStopAfterTheSixth_connectTimeoutAt63s() throws ScenarioException {
        ReplicationResult r = run(backlogOfOne(3, 1, "100s", "80s"));
        assertEquals(1, r.all().errors().get("connect_timeout"));
        assertEquals(1, r.all().failed());
        assertEquals(2, r.all().unfinished());
        long[] perWindow = r.series().errors().get("connect_timeout");
        assertEquals(1, perWindow[73], "the failure comes in the window [73 s, 74 s)");
        assertEquals(2 + 7, workers(r).requests());
        assertEquals(7, workers(r).rejected());
    }

    // A killed worker's request is an orphan: what it had started (a 40 s disk wait) runs on, but
    // the view stops there: its second query (100 ms of database CPU) never runs. One user, a 30 s
    // worker timeout, a 2 s boot: pages at 1, 32, 64 and 96 s get the worker at 1, 33, 65 and 97
    // (the new worker boots 2 s after each kill at 31, 63, 95); each runs its first query (1 ms)
    // and is killed, the last is still waiting for its disk at the end. The database host works 4 ms.
    @Test
    void killedWorker_itsLeftoverRequestStopsAfterTheKill() throws ScenarioException {
        ReplicationResult r = run("""
                name: kill
                run: {duration: 100s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 2, memory: 4GiB}
                  dbhost: {cores: 2, memory: 4GiB}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: app, timeout: 300s}
                  app: {type: app_server, host: web, workers: 1, timeout: 30s, boot_time: 2s,
                        db_connect_cpu: 0s, db_setup_cpu: 0s}
                  db: {type: database, host: dbhost, connect_cpu: 0s, cold_cache_cpu: 0s}
                requests:
                  page:
                    view:
                      cpu: 2ms
                      calls:
                        - {service: db, cpu: 1ms, io: 40s}
                        - {service: db, cpu: 100ms}
                """);
        assertEquals(3, r.all().errors().get("worker_timeout"));
        assertEquals(1, r.all().unfinished());
        assertEquals(3, r.counters().stream().filter(c -> c.what().equals("worker_kills")).findFirst().orElseThrow()
                .count());
        double dbBusy = r.hosts().stream().filter(h -> h.name().equals("dbhost")).findFirst().orElseThrow()
                .cpuUtilization() * 2 * r.measuredSeconds();
        assertEquals(0.004, dbBusy, 1e-9);
        // and the web host ran only the first half of each view: 4 × 1 ms
        double webBusy = r.hosts().stream().filter(h -> h.name().equals("web")).findFirst().orElseThrow()
                .cpuUtilization() * 2 * r.measuredSeconds();
        assertEquals(0.004, webBusy, 1e-9);
    }

    // A worker killed at the end of a rolling deploy's drain stops like one killed by the timeout.
    // One user; page 1 at 1 s waits on its query's 5 s disk wait (1.001–6.001 s); the deploy begins
    // at 2 s and kills the worker at 3 s (a 1 s drain), so the answer comes back to a dead worker,
    // which must not make the view's next query (100 ms). The app is back at 8 s; page 2, at 8 s,
    // runs its first query (1 ms) and is on the disk at the end: the database host works 2 ms.
    @Test
    void drainedAndKilledWorker_itsLeftoverRequestStops() throws ScenarioException {
        ReplicationResult r = run("""
                name: drain
                run: {duration: 10s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 2, memory: 4GiB}
                  dbhost: {cores: 2, memory: 4GiB}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: app}
                  app: {type: app_server, host: web, workers: 1, db_connect_cpu: 0s, db_setup_cpu: 0s}
                  db: {type: database, host: dbhost, connect_cpu: 0s, cold_cache_cpu: 0s}
                requests:
                  page:
                    view:
                      calls:
                        - {service: db, cpu: 1ms, io: 5s}
                        - {service: db, cpu: 100ms}
                faults:
                  - {type: deploy, target: [app], at: 2s, drain: 1s, boot: 5s}
                """);
        assertEquals(1, r.counters().stream().filter(c -> c.what().equals("deploy_killed")).findFirst()
                .orElseThrow().count());
        double dbBusy = r.hosts().stream().filter(h -> h.name().equals("dbhost")).findFirst().orElseThrow()
                .cpuUtilization() * 2 * r.measuredSeconds();
        assertEquals(0.002, dbBusy, 1e-9);
    }
}
