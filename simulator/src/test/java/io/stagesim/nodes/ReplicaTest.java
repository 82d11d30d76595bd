package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Read replicas traced by hand: one user thinking a constant 1 s, no network delay, connections
 * that cost nothing to open, one key. Each page view reads (1 ms at a replica) then writes (1 ms at
 * the primary, committed 2 ms after the page began); the next page view begins 1 s after that
 * commit, at 1 + 1.002 k s, so 60 of them begin before 61 s and each read but the first is sent
 * exactly 1,000 ms after the key's last write committed.
 */
final class ReplicaTest {

    private static final long MS = 1_000_000L;

    private static ReplicationResult run(String lag, String sticky, int replicas, String routing, String fault)
            throws ScenarioException {
        return run(lag, sticky, replicas, routing, fault, "");
    }

    /** As above, with {@code app} added to the app server's settings. */
    private static ReplicationResult run(String lag, String sticky, int replicas, String routing, String fault,
            String app) throws ScenarioException {
        return run(lag, sticky, replicas, routing, fault, app, "");
    }

    /** As above, with {@code multiAz} added to the primary's settings. */
    private static ReplicationResult run(String lag, String sticky, int replicas, String routing, String fault,
            String app, String multiAz) throws ScenarioException {
        StringBuilder names = new StringBuilder();
        StringBuilder services = new StringBuilder();
        StringBuilder hosts = new StringBuilder();
        for (int i = 1; i <= replicas; i++) {
            names.append(i > 1 ? ", " : "").append("replica").append(i);
            hosts.append("  r%d: {cores: 2, memory: 4GiB}\n".formatted(i));
            services.append("  replica%d: {type: database, host: r%d, connect_cpu: 0s, cold_cache_cpu: 0s, auth: trust}\n"
                    .formatted(i, i));
        }
        return Conservation.replication(ScenarioLoader.loadText("replicas.yaml", """
                name: replicas
                run: {duration: 61s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 2, memory: 4GiB}
                %sservices:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: app, timeout: 300s}
                  app: {type: app_server, host: web, workers: 1, %sdb_connect_cpu: 0s, db_setup_cpu: 0s}
                  db: {type: database, host: web, connect_cpu: 0s, cold_cache_cpu: 0s, auth: trust, keys: 1,
                       replicas: [%s], replication_lag: %s, sticky_after_write: %s, read_routing: %s%s}
                %srequests:
                  page:
                    view:
                      calls:
                        - {service: db, cpu: 1ms}
                        - {service: db, cpu: 1ms, write: true}
                """.formatted(hosts, app, names, lag, sticky, routing, multiAz, services)
                + (fault == null ? "" : "faults:\n  - " + fault + "\n"), Path.of(".")), 0);
    }

    private static ReplicationResult run(String lag, String sticky) throws ScenarioException {
        return run(lag, sticky, 1, "random", null);
    }

    private static long counter(ReplicationResult r, String what) {
        return r.counters().stream().filter(c -> c.what().equals(what)).findFirst().orElseThrow().count();
    }

    // A lag of exactly the 1,000 ms between a write and the next read: the write is visible when the
    // read is sent, so none is stale; 1 µs more and every read after the first is.
    @Test
    void constantLag_readWithinItIsStale_noneAfter() throws ScenarioException {
        ReplicationResult at = run("1000ms", "0s");
        assertEquals(60, at.all().completed());
        assertEquals(60, counter(at, "replica_reads"));
        assertEquals(0, counter(at, "stale_reads"));
        ReplicationResult within = run("1000001us", "0s");
        assertEquals(60, counter(within, "replica_reads"));
        assertEquals(59, counter(within, "stale_reads"));
        assertEquals(0, counter(within, "primary_reads"));
    }

    // A Multi-AZ primary replicates a write once its standby has acknowledged the commit: the standby's
    // 2 ms round trip makes each page 4 ms long (pages at 1 + 1.004 k s, still 60 before 61 s), and
    // each read is again sent exactly 1,000 ms after the key's last commit: stale with 1 µs more lag.
    @Test
    void multiAzPrimary_replicatesEachWriteAtItsCommit() throws ScenarioException {
        String multiAz = ", multi_az: true, standby_rtt: 2ms";
        ReplicationResult at = run("1000ms", "0s", 1, "random", null, "", multiAz);
        assertEquals(60, at.all().completed());
        assertEquals(4 * MS, at.all().latency().max(), 0);
        assertEquals(0, counter(at, "stale_reads"));
        ReplicationResult within = run("1000001us", "0s", 1, "random", null, "", multiAz);
        assertEquals(59, counter(within, "stale_reads"));
    }

    // Sticky reads after a write: for 1,001 ms the user's reads go to the primary, so with the same
    // lag nothing is stale (the first read, with no write before it, still goes to the replica); for
    // exactly 1,000 ms they no longer do when the read is sent.
    @Test
    void stickyAfterWrite_sendsTheUsersReadsToThePrimary() throws ScenarioException {
        ReplicationResult sticky = run("1000001us", "1001ms");
        assertEquals(59, counter(sticky, "primary_reads"));
        assertEquals(1, counter(sticky, "replica_reads"));
        assertEquals(0, counter(sticky, "stale_reads"));
        ReplicationResult expired = run("1000001us", "1000ms");
        assertEquals(59, counter(expired, "stale_reads"));
    }

    // Two replicas taken in turn; replica1's processes die at 10 s for 30 s (mode reset). Page view
    // k reads from replica1 when k is even: the first after 10 s is k = 10 at 11.02 s, refused at
    // once, so replica1 is skipped for the 60 s downtime and the read goes to replica2; nothing fails.
    @Test
    void replicaRefusing_isSkippedAndTheReadGoesToAnother() throws ScenarioException {
        ReplicationResult r = run("0s", "0s", 2, "round_robin",
                "{type: host_crash, target: r1, at: 10s, for: 30s, mode: reset}");
        assertEquals(60, r.all().completed());
        assertEquals(0, r.all().failed());
        assertEquals(1, counter(r, "replicas_marked_down"));
        assertEquals(60, counter(r, "replica_reads"));
        assertEquals(2 * MS, r.all().latency().max(), 0);
    }

    // The same crash as a fault row: replica1's router marking it down is what detects it, at the
    // refused read of 11.02 s, 1.02 s after the crash began at 10 s.
    @Test
    void replicaRefusing_markedDown_detectsTheCrash() throws ScenarioException {
        ReplicationResult r = run("0s", "0s", 2, "round_robin",
                "{type: host_crash, target: r1, at: 10s, for: 30s, mode: reset}");
        assertEquals(1, r.faults().size());
        assertEquals(1.02, r.faults().get(0).detectS(), 0);
    }

    // The same machine gone (blackhole): Django's client has no connect timeout, so the read of page
    // view 10, sent at 11.02 s, waits for its SYN; Gunicorn kills its worker 30 s later (its timeout),
    // a 502, before the machine is back at 40 s. Nothing is marked down: no connection failed. With a
    // 60 s worker timeout the page waits on: the SYN resent 31 s after the first (1, 3, 7, 15, 31 s)
    // opens the connection, and the page takes 31 s + 2 ms.
    @Test
    void replicaGone_theReadWaitsForItsSyn() throws ScenarioException {
        String crash = "{type: host_crash, target: r1, at: 10s, for: 30s, mode: blackhole}";
        ReplicationResult r = run("0s", "0s", 2, "round_robin", crash);
        assertEquals(1, r.all().failed());
        assertEquals(1, r.all().errors().get("worker_timeout"));
        assertEquals(0, counter(r, "replicas_marked_down"));
        ReplicationResult patient = run("0s", "0s", 2, "round_robin", crash, "timeout: 60s, ");
        assertEquals(0, patient.all().failed());
        assertEquals(0, counter(patient, "replicas_marked_down"));
        assertEquals(31_002 * MS, patient.all().latency().max(), 0);
    }

    // With libpq's connect_timeout at 5 s (Django's OPTIONS), the read sent to the machine that is gone
    // fails to connect at 16.02 s: replica1 is marked down and the read goes to replica2, so the page
    // takes 5 s + 2 ms and nothing fails; the rest of the crash, every read goes to replica2.
    @Test
    void replicaGone_withAConnectTimeout_isSkippedAfterIt() throws ScenarioException {
        ReplicationResult r = run("0s", "0s", 2, "round_robin",
                "{type: host_crash, target: r1, at: 10s, for: 30s, mode: blackhole}", "db_connect_timeout: 5s, ");
        assertEquals(0, r.all().failed());
        assertEquals(1, counter(r, "replicas_marked_down"));
        assertEquals(5_002 * MS, r.all().latency().max(), 0);
    }
}
