package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A neighbour taking a host's memory, traced by hand: one user who thinks for a constant time,
 * constant CPU, no network delay. Beyond the host's memory and swap the OOM killer kills the largest
 * process (a worker: its request fails; the database: down for its restart time), and a process that
 * comes back while the neighbour stays is killed again; beyond its memory alone the host swaps and its
 * CPU runs at {@code swap_speed}.
 */
final class MemoryPressureTest {

    private static final long MS = 1_000_000L;

    private static ReplicationResult run(String host, String app, String db, String view, String neighbour,
            String duration) throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("pressure.yaml", """
                name: pressure
                run: {duration: %s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s}
                hosts:
                  web: {cores: 1, %s}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: app, timeout: 300s}
                  app: {type: app_server, host: web, memory_per_worker: 100MiB, %s}
                %s
                requests:
                  page:
                    view: {%s}
                faults:
                  - {type: noisy_neighbour, target: web, %s}
                """.formatted(duration, host, app, db, view, neighbour), Path.of(".")), 0);
    }

    private static long kills(ReplicationResult r, String service) {
        return r.counters().stream().filter(c -> c.service().equals(service) && c.what().equals("oom_kills"))
                .findFirst().orElseThrow().count();
    }

    // One 100 MiB worker alone on a host of 1 GiB of RAM and no swap. The
    // user's requests come at 1 s, then every 1.01 s (10 ms served, 1 s of thought): the 10th at
    // 10.09 s is in service when a neighbour takes 1,000 MiB at 10.095 s. 1,100 MiB > 1,024: the
    // worker, the only process, is killed with it (one request lost, 5 ms old). Back at each 400 ms
    // boot while the neighbour stays, it is killed again in its boot: at 10.095 + 0.4k s for k = 0 …
    // 50 (the neighbour leaves at 30.195 s), 51 kills, and the worker serves again from 30.495 s. The
    // user's next request, at 11.095 s, waits for it: served at 30.505 s, 19,410 ms. Then every
    // 1.01 s from 31.505 s: 9 more by 40 s. 9 + 1 + 9 = 19 served of 20.
    @Test
    void aWorker_isKilledAtTheInstantTheMemoryRunsOut_andAgainAtEachBootWhileTheNeighbourStays()
            throws ScenarioException {
        ReplicationResult r = run("memory: 1GiB", "workers: 1, boot_time: 400ms", "", "cpu: 10ms",
                "at: 10.095s, for: 20.1s, memory: 1000MiB", "40s");
        assertEquals(51, kills(r, "app"));
        assertEquals(1, r.all().failed());
        assertEquals(1, r.all().errors().get("worker_oom_killed"));
        assertEquals(19, r.all().completed());
        assertEquals(19_410 * MS, r.all().latency().max(), 0);
    }

    // The same with two workers: the OOM killer takes one of the two equals, an idle one while there is
    // one (the user's one request is on the other), so nothing is lost; 900 MiB + 100 fit in 1,024.
    @Test
    void anIdleWorkerKilled_losesNothing() throws ScenarioException {
        ReplicationResult r = run("memory: 1GiB", "workers: 2, boot_time: 400ms", "", "cpu: 10ms",
                "at: 10.095s, for: 20.1s, memory: 900MiB", "40s");
        assertEquals(51, kills(r, "app"));
        assertEquals(0, r.all().failed());
    }

    // The database is the largest process (256 MiB + 10 connections × 10 MiB = 356 MiB against the
    // worker's 100): a neighbour taking 700 MiB of 1 GiB at 10.005 s kills it, and it is killed again
    // at each 3 s restart while the neighbour stays, until 20.005 s: at 10.005, 13.005, 16.005 and
    // 19.005 s; back at 22.005 s. The worker is never killed (800 MiB fit). Page views in between fail
    // at once (`service_down`: the database, not its machine): the user's, one a second.
    @Test
    void theDatabase_isTheLargest_andDownUntilItsFirstRestartAfterTheNeighbourLeaves() throws ScenarioException {
        ReplicationResult r = run("memory: 1GiB", "workers: 1, boot_time: 400ms",
                "  db: {type: database, host: web, memory: 256MiB, max_connections: 10, memory_per_connection: 10MiB,"
                        + " restart_time: 3s}",
                "cpu: 10ms, calls: [{service: db, cpu: 1ms}]", "at: 10.005s, for: 10s, memory: 700MiB", "40s");
        assertEquals(4, kills(r, "db"));
        assertEquals(0, kills(r, "app"));
        assertEquals(r.all().failed(), r.all().errors().get("service_down"));
        assertFalse(r.all().failed() == 0);
    }

    // Swapping, the CPU runs at half its speed: 1,100 MiB committed against 1 GiB of RAM and 1 GiB of
    // swap, nothing killed, every 10 ms view takes exactly 20 ms: the host's capacity (one core over
    // 10 ms, 100/s) times swap_speed, 50/s.
    @Test
    void aSwappingHost_runsAtSwapSpeed() throws ScenarioException {
        ReplicationResult r = run("memory: 1GiB, swap: 1GiB, swap_speed: 50%", "workers: 1, boot_time: 400ms", "",
                "cpu: 10ms", "memory: 1000MiB", "10s");
        assertEquals(0, kills(r, "app"));
        assertEquals(20 * MS, r.all().latency().max(), 0);
        assertEquals(20 * MS, r.all().latency().min(), 0);
    }
}
