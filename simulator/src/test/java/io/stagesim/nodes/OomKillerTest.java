package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The kernel's OOM killer killing an app server's worker process that is busy, traced by hand: one
 * user who thinks for a constant time, constant CPU, no network delay, the database on a host of its
 * own. The killed request fails at once; what it started at the database runs on for nobody; the
 * worker's persistent connection closes with it and its worker timeout dies with it.
 */
final class OomKillerTest {

    private static final long MS = 1_000_000L;

    private static ReplicationResult run(String duration, String app, String view, String faults)
            throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("oom.yaml", """
                name: oom
                run: {duration: %s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 2, memory: 1GiB}
                  data: {cores: 2, memory: 4GiB}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: app, timeout: 300s}
                  app: {type: app_server, host: web, memory_per_worker: 100MiB, boot_time: 400ms,
                        db_connect_cpu: 0s, db_setup_cpu: 0s, %s}
                  db: {type: database, host: data, connect_cpu: 0s, cold_cache_cpu: 0s, auth: trust}
                requests:
                  page:
                    view: {%s}
                faults:
                %s
                """.formatted(duration, app, view, faults), Path.of(".")), 0);
    }

    private static long counter(ReplicationResult r, String service, String what) {
        return r.counters().stream().filter(c -> c.service().equals(service) && c.what().equals(what))
                .findFirst().orElseThrow().count();
    }

    // One sync worker with a persistent connection (conn_max_age unlimited) and a 1 s timeout; views of
    // 10 ms whose query (a 300 ms read) comes half-way. The database is ten times slower from 1 to
    // 1.01 s, so the first page view (1 s, worker slot 0) reads from 1.005 s for 3 s, to 4.005 s. A
    // neighbour takes 1,000 MiB of the web host's 1 GiB from 1.1 to 1.3 s: 1,100 MiB > 1,024, the OOM
    // killer kills the worker, busy with that view: it fails at once (100 ms old), its read goes on for
    // nobody to 4.005 s (its last 5 ms of CPU never run: 3 × 10 + 5 = 35 ms of CPU in all), its timeout
    // (due at 2 s, while the read still runs) dies with it: no worker_kills. The worker is back at 1.5 s
    // (400 ms boot, the neighbour gone). The user's next views, at 2.1, 3.41 and 4.72 s, each take
    // 10 + 300 = 310 ms; the first of them connects again (the connection died with the worker), the
    // others keep it: 2 connects. The next view would be at 6.03 s: 3 served, 1 failed by 6 s.
    @Test
    void aBusyWorkerKilled_failsItsRequest_closesItsConnection_andItsTimeoutDiesWithIt() throws ScenarioException {
        ReplicationResult r = run("6s", "workers: 1, timeout: 1s, conn_max_age: unlimited",
                "cpu: 10ms, calls: [{service: db, cpu: 0s, io: 300ms}]",
                """
                  - {type: slow_dependency, target: db, at: 1s, for: 0.01s, factor: 10}
                  - {type: noisy_neighbour, target: web, at: 1.1s, for: 0.2s, memory: 1000MiB}""");
        assertEquals(1, counter(r, "app", "oom_kills"));
        assertEquals(0, counter(r, "app", "worker_kills"));
        assertEquals(1, r.all().failed());
        assertEquals(1, r.all().errors().get("worker_oom_killed"));
        assertEquals(3, r.all().completed());
        assertEquals(310 * MS, r.all().latency().max(), 0);
        assertEquals(310 * MS, r.all().latency().min(), 0);
        assertEquals(2, counter(r, "app", "db_connects to db"));
        assertEquals(35_000, counter(r, "app", "cpu_us"));
    }

    // One sync worker whose 500 ms of work after the response holds its slot: the view at 1 s is
    // answered at 1.01 s and the work runs to 1.51 s. The neighbour of 1.1 to 1.3 s finds the only
    // worker's slot held by that work: the OOM killer passes it over, nothing is killed or freed, and
    // it looks again after the boot time, at 1.5 s, when all fits. Views at 1, 2.01, 3.02, 4.03 and
    // 5.04 s: 5 served in 6 s, 10 ms each, none killed.
    @Test
    void aWorkerWhoseSlotIsHeldByWorkAfterAResponse_isPassedOver() throws ScenarioException {
        ReplicationResult r = run("6s", "workers: 1, after_response_cpu: 500ms", "cpu: 10ms",
                "  - {type: noisy_neighbour, target: web, at: 1.1s, for: 0.2s, memory: 1000MiB}");
        assertEquals(0, counter(r, "app", "oom_kills"));
        assertEquals(0, r.all().failed());
        assertEquals(5, r.all().completed());
        assertEquals(10 * MS, r.all().latency().max(), 0);
    }

    // The same with one gthread process of two threads. At 1.1 s one thread is idle and the other's
    // slot is held by the work after the 1 s view (to 1.51 s): the process is killed, the idle slot
    // taken, the busy one left to its work, nothing lost. Back at 1.5 s it gives back the one it took;
    // the work gives back its own at 1.51 s. A second neighbour, 3.6 to 3.8 s, finds both threads idle
    // (the 3.02 s view's work ended at 3.53 s): both taken, both given back at 4.0 s. Views at 1,
    // 2.01, 3.02, 4.03 and 5.04 s: 5 served in 6 s, 10 ms each, 2 kills, none lost.
    @Test
    void aProcessKilled_leavesASlotHeldByWorkAfterAResponseToIt_andGivesBackOnlyWhatItTook()
            throws ScenarioException {
        ReplicationResult r = run("6s", "worker_class: gthread, workers: 1, threads: 2, after_response_cpu: 500ms",
                "cpu: 10ms", """
                  - {type: noisy_neighbour, target: web, at: 1.1s, for: 0.2s, memory: 1000MiB}
                  - {type: noisy_neighbour, target: web, at: 3.6s, for: 0.2s, memory: 1000MiB}""");
        assertEquals(2, counter(r, "app", "oom_kills"));
        assertEquals(0, r.all().failed());
        assertEquals(5, r.all().completed());
        assertEquals(10 * MS, r.all().latency().max(), 0);
    }

    // A memory leak (10 MiB a request, a limit of 115 MiB: the 2nd request of a process kills it) in one
    // gthread process of two threads whose 1.3 s of work after each response holds a slot. The view at
    // 1 s is answered at 1.01 s, its work runs to 2.31 s; the view at 2.01 s, on the other thread, kills
    // the process (worker_oom_killed): the slot held by the work is left to it (it gives it back at
    // 2.31 s), and the new process, up at 2.41 s, gives back only the failed view's. Every 2.01 s the
    // same: views at 1, 3.01 and 5.02 s served (10 ms each), at 2.01 and 4.02 s killed; next at 6.03 s.
    @Test
    void aLeakingProcessKilled_leavesTheSlotsOfWorkAfterAResponseToIt() throws ScenarioException {
        ReplicationResult r = run("6s", "worker_class: gthread, workers: 1, threads: 2, after_response_cpu: 1300ms",
                "cpu: 10ms", "  - {type: memory_leak, target: app, per_request: 10MiB, limit: 115MiB}");
        assertEquals(2, counter(r, "app", "oom_kills"));
        assertEquals(2, r.all().errors().get("worker_oom_killed"));
        assertEquals(2, r.all().failed());
        assertEquals(3, r.all().completed());
        assertEquals(10 * MS, r.all().latency().max(), 0);
        // and no view waits for a thread: the failed view's slot is back with the new process at
        // 2.41 s, so the view at 4.02 s finds it free while the work after the view at 3.01 s holds
        // the other (had the new process given back neither, it would wait until 4.32 s)
        ReplicationResult.ResourceRow threads = r.resources().stream().filter(x -> x.service().equals("app")
                && x.kind().equals("pool") && x.resource().contains("threads")).findFirst().orElseThrow();
        assertEquals(0, threads.waitTime().max(), 0);
    }
}
