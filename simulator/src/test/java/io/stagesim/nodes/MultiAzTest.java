package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A Multi-AZ primary traced by hand: one user thinking a constant 1 s, no network delay,
 * connections that cost nothing to open; each page view writes once (1 ms of CPU), and with
 * {@code multi_az} the commit waits the standby's round trip besides.
 */
final class MultiAzTest {

    private static final long MS = 1_000_000L;

    private static ReplicationResult run(String db, String fault) throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("multi-az.yaml", """
                name: multi-az
                run: {duration: 121s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 2, memory: 4GiB}
                  dbhost: {cores: 2, memory: 4GiB}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: app, timeout: 300s}
                  app: {type: app_server, host: web, workers: 1, db_connect_cpu: 0s, db_setup_cpu: 0s}
                  db: {type: database, host: dbhost, connect_cpu: 0s, cold_cache_cpu: 0s, auth: trust%s}
                requests:
                  page:
                    view:
                      calls:
                        - {service: db, cpu: 1ms}
                        - {service: db, cpu: 1ms, write: true}
                """.formatted(db) + (fault == null ? "" : "faults:\n  - " + fault + "\n"), Path.of(".")), 0);
    }

    // A read (1 ms) and a write (1 ms): 2 ms a page; Multi-AZ with a 3 ms standby round trip adds
    // exactly 3 ms to the write's commit, so to every page, and nothing to the read.
    @Test
    void commitWaitsForTheStandby_byItsRoundTrip() throws ScenarioException {
        ReplicationResult single = run("", null);
        ReplicationResult multi = run(", multi_az: true, standby_rtt: 3ms", null);
        assertEquals(2 * MS, single.all().latency().max(), 0);
        assertEquals(2 * MS, single.all().latency().min(), 0);
        assertEquals(5 * MS, multi.all().latency().max(), 0);
        assertEquals(5 * MS, multi.all().latency().min(), 0);
    }

    // A failover of the Multi-AZ database at 10 s with no 'for' lasts its failover_time (60 s by
    // default): with pages taking 3 ms (1 ms standby round trip, the default), the first to fail is the
    // one at 1 + 9 × 1.003 = 10.027 s; a refused page fails at once, so the user comes back every 1 s
    // and the pages at 10.027 … 69.027 s fail: 60, as many as the failover's seconds. With
    // failover_time 90 s, 90 fail. A single-AZ database has no standby: without 'for' it stays down.
    @Test
    void failoverLastsItsConfiguredTime() throws ScenarioException {
        String failover = "{type: db_failover, target: db, at: 10s}";
        ReplicationResult sixty = run(", multi_az: true", failover);
        assertEquals(60, sixty.all().failed());
        assertEquals(60, sixty.all().errors().get("service_down"));
        ReplicationResult ninety = run(", multi_az: true, failover_time: 90s", failover);
        assertEquals(90, ninety.all().failed());
        ReplicationResult single = run("", failover);
        assertEquals(9, single.all().completed());
    }

    // A crash of the primary's machine at 10 s loses the 9 writes committed before it (no backups)
    // single-AZ, and none Multi-AZ: each commit waited until the standby had it.
    @Test
    void hostCrash_losesNothingMultiAz() throws ScenarioException {
        String crash = "{type: host_crash, target: dbhost, at: 10s, for: 5s}";
        assertEquals(9, run("", crash).faults().get(0).dataLost());
        assertEquals(0, run(", multi_az: true", crash).faults().get(0).dataLost());
    }
}
