package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The database's edges, traced by hand: SQLite's write lock, what a crash of its host loses, and
 * queries that wait for the disk. Deterministic: closed workloads with constant think times, constant
 * demands, no network delay.
 */
final class DatabaseTest {

    private static final long S = 1_000_000_000L;

    private static ReplicationResult run(String yaml) throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("db.yaml", yaml, Path.of(".")), 0);
    }

    private static ReplicationResult.ResourceRow resource(ReplicationResult r, String service, String starts) {
        return r.resources().stream().filter(x -> x.service().equals(service) && x.resource().startsWith(starts))
                .findFirst().orElseThrow();
    }

    // One writer at a time, and a writer gives up after the 5 s lock timeout ("database is locked").
    // Three users at 10 s: each view reads (1 s, no lock: the three run side by side) then writes
    // (3 s of CPU and a 1 s commit under the lock). At 11 s the first takes the lock until 15, the
    // second waits for it until 15 and holds it until 19, the third gives up at 16.
    @Test
    void sqliteWrites_takeTheLockInTurn_andGiveUpAfterTheLockTimeout() throws ScenarioException {
        ReplicationResult r = run("""
                name: sqlite
                run: {duration: 20s, warmup: 0s, replications: 1, seed: 1}
                hosts:
                  web: {cores: 4, memory: 4GiB}
                services:
                  browser: {type: browser, users: 3, think: 10s, rtt: 0s, target: app}
                  app: {type: app_server, host: web, workers: 3}
                  db: {type: database, host: web, engine: sqlite, lock_timeout: 5s, commit_time: 1s}
                requests:
                  page:
                    view:
                      calls:
                        - {service: db, cpu: 1s}
                        - {service: db, cpu: 3s, write: true}
                """);
        assertEquals(2, r.all().completed());
        assertEquals(1, r.all().errors().get("db_locked"));
        assertEquals(1, r.all().failed());
        assertEquals((5 + 9) * S / 2.0, r.all().latency().mean(), 1e-3);
        assertEquals(9 * S, r.all().latency().max(), 0);
        assertEquals(1, r.series().errors().get("db_locked")[16], "the third writer gives up at 16 s");
        ReplicationResult.ResourceRow lock = resource(r, "db", "write lock");
        assertEquals(3, lock.requests(), "only the writes ask for the lock");
        assertEquals(1, lock.timedOut());
        assertEquals(8.0 / 20, lock.utilization(), 1e-12); // held 11–19 s
    }

    // A crash of the database's host loses the writes committed before it (no backups), and only
    // writes. One user: think 1 s, then a view of one write and two reads, 1 ms of database CPU each:
    // page k arrives at k + 0.003 (k − 1) s. The crash at 10.0275 s cuts page 10's write half way
    // (10.027–10.028 s): pages 1 to 9 committed 9 writes (and 18 reads), and page 10 fails. Back at
    // 10.5275 s; pages come from 11.0275 s every 1.003 s, and the second crash at 20.5 s loses the
    // 10 writes committed since (page 10's cut write is not one of them).
    @Test
    void hostCrash_losesExactlyTheCommittedWrites_notTheReads() throws ScenarioException {
        ReplicationResult r = run("""
                name: crash
                run: {duration: 30s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 2, memory: 4GiB}
                  dbhost: {cores: 2, memory: 4GiB}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: app}
                  app: {type: app_server, host: web, workers: 1, persistent_db_connections: true}
                  db: {type: database, host: dbhost}
                requests:
                  page:
                    view:
                      calls:
                        - {service: db, cpu: 1ms, write: true}
                        - {service: db, cpu: 1ms, times: 2}
                faults:
                  - {type: host_crash, target: dbhost, at: 10027500us, for: 500ms, mode: reset}
                  - {type: host_crash, target: dbhost, at: 20500ms, for: 1s, mode: reset}
                """);
        assertEquals(9, r.faults().get(0).dataLost());
        assertEquals(10, r.faults().get(1).dataLost());
        assertEquals(1, r.series().errors().get("host_down")[10], "page 10 fails at the crash");
        assertEquals(9, java.util.Arrays.stream(r.series().completed(), 0, 10).sum(), "pages 1 to 9 completed");
    }

    // A query with disk time waits for its disk and then goes on: one user, 1 ms of CPU and 40 ms
    // of disk per page, so every page takes 41 ms and pages come every 1.041 s: 96 of them by 100 s,
    // the last done at 99.936 s. The disk holds one query 40 ms per page (Little's law).
    @Test
    void queriesWithDiskTime_resumeAndComplete() throws ScenarioException {
        ReplicationResult r = run("""
                name: disk
                run: {duration: 100s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 2, memory: 4GiB}
                  dbhost: {cores: 2, memory: 4GiB}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: app}
                  app: {type: app_server, host: web, workers: 1, persistent_db_connections: true}
                  db: {type: database, host: dbhost}
                requests:
                  page:
                    view:
                      calls:
                        - {service: db, cpu: 1ms, io: 40ms}
                """);
        assertEquals(96, r.all().offered());
        assertEquals(96, r.all().completed());
        assertEquals(0.041 * S, r.all().latency().mean(), 1e-3);
        assertEquals(0.041 * S, r.all().latency().max(), 0);
        ReplicationResult.ResourceRow disk = resource(r, "db", "disk");
        assertEquals(96, disk.requests());
        assertEquals(96 * 0.040 / 100, disk.meanInUse(), 1e-12);
    }
}
