package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.DatabaseSpec;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Django's database connections, traced by hand: persistent ones kept per worker slot and closed
 * after {@code CONN_MAX_AGE}, the table running out when slots outnumber it, and what a new
 * connection costs, part by part. Deterministic: one user with a constant think time, constant
 * demands.
 */
final class PersistentConnectionsTest {

    private static final long MS = 1_000_000L;

    private static ReplicationResult run(String yaml) throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("conn.yaml", yaml, Path.of(".")), 0);
    }

    /** One user every 1 s for 95 s (pages at 1, 2, …, 95 s), the given app server and database, one query. */
    private static String oneUser(String app, String db, String network) {
        return """
                name: conn
                run: {duration: 95500ms, warmup: 0s, replications: 1, seed: 1}
                network: %s
                hosts:
                  web: {cores: 2, memory: 4GiB}
                  dbhost: {cores: 2, memory: 4GiB}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: app}
                  app: {type: app_server, host: web, %s, db_connect_cpu: 0s, db_setup_cpu: 0s}
                  db: {type: database, host: dbhost, connect_cpu: 0s, cold_cache_cpu: 0s, %s}
                requests:
                  page:
                    view:
                      cpu: 0s
                      calls:
                        - {service: db, cpu: 0s}
                """.formatted(network, app, db);
    }

    private static long counter(ReplicationResult r, String what) {
        return r.counters().stream().filter(c -> c.what().equals(what)).mapToLong(c -> c.count()).sum();
    }

    private static ReplicationResult.ResourceRow table(ReplicationResult r) {
        return r.resources().stream().filter(x -> x.service().equals("db") && x.kind().equals("pool"))
                .findFirst().orElseThrow();
    }

    // CONN_MAX_AGE = 10 s, one worker, a page every second taking no time: the connection opened at
    // 1 s is found 10 s old when the page at 11 s starts (Django checks at the start and at the end of
    // a request), closed, and that page's query opens the next. So one connect per 10 s window, at 1,
    // 11, 21, …, 91 s: 10 in 95 pages, none in between.
    @Test
    void maxAge_oneConnectPerWorkerPerWindow_noneBetween() throws ScenarioException {
        ReplicationResult r = run(oneUser("workers: 1, conn_max_age: 10s", "max_connections: 5",
                "{same_host_rtt: 0s, datacenter_rtt: 0s}"));
        assertEquals(95, r.all().completed());
        assertEquals(10, counter(r, "db_connects to db"));
        assertEquals(10, table(r).requests(), "the table is asked only when a connection opens");
    }

    // CONN_MAX_AGE = 0 (Django's default): a connection per page, 95 of them.
    @Test
    void maxAgeZero_aConnectionPerRequest() throws ScenarioException {
        ReplicationResult r = run(oneUser("workers: 1", "max_connections: 5",
                "{same_host_rtt: 0s, datacenter_rtt: 0s}"));
        assertEquals(95, r.all().completed());
        assertEquals(95, table(r).requests());
        assertEquals(0, counter(r, "db_connects to db"));
    }

    // Slots take turns (the one idle longest serves next): 5 workers serve pages 1, 2, 3, 4, 5, 1, …
    // With persistent connections and a table of 3, workers 1–3 keep theirs forever; workers 4 and 5
    // are refused ("too many clients") on every page they serve, and hold none: of 95 pages, 19
    // rounds of 5, 38 fail, and the table was asked 3 + 38 times.
    @Test
    void persistentSlotsOverMaxConnections_theExtraSlotsFailEveryRequest() throws ScenarioException {
        ReplicationResult r = run(oneUser("workers: 5, conn_max_age: unlimited",
                "max_connections: 3, reserved_connections: 0", "{same_host_rtt: 0s, datacenter_rtt: 0s}"));
        assertEquals(95, r.all().offered());
        assertEquals(38, r.all().errors().get("db_too_many_connections"));
        assertEquals(57, r.all().completed());
        assertEquals(3, counter(r, "db_connects to db"));
        assertEquals(41, table(r).requests());
        assertEquals(38, table(r).rejected());
    }

    // A killed worker's connection dies with it. One worker keeping its connection (CONN_MAX_AGE =
    // None), a table of 1, each page view's query waits 3 s on the disk: Gunicorn kills the worker at
    // 2 s (its 30 s timeout set to 2 s), the user sees the 502 and comes back 1 s later, when the new
    // worker (booted in 0.5 s) serves the next. Page views at 1, 4, 7, …, 28 s: 10, each killed, each
    // opening a connection; had the killed worker's stayed, the table of 1 would refuse the rest.
    @Test
    void killedWorker_closesItsConnection() throws ScenarioException {
        ReplicationResult r = run(oneUser("workers: 1, timeout: 2s, boot_time: 500ms, conn_max_age: unlimited",
                "max_connections: 1, reserved_connections: 0", "{same_host_rtt: 0s, datacenter_rtt: 0s}")
                .replace("run: {duration: 95500ms", "run: {duration: 30500ms")
                .replace("- {service: db, cpu: 0s}", "- {service: db, cpu: 0s, io: 3s}"));
        assertEquals(10, r.all().offered());
        assertEquals(10, r.all().errors().get("worker_timeout"));
        assertEquals(10, counter(r, "db_connects to db"));
        assertEquals(0, table(r).rejected());
    }

    // A connection's handshake in round trips: TCP 1, with TLS the SSLRequest 1 and TLS 1.3's 1 or
    // TLS 1.2's 2, the startup message 1, SCRAM-SHA-256 2 (md5 1, trust 0).
    @Test
    void handshakeRoundTrips_byTlsAndAuthentication() throws ScenarioException {
        assertEquals(4, roundTrips("tls: none"));
        assertEquals(6, roundTrips("tls: '1.3'"));
        assertEquals(7, roundTrips("tls: '1.2'"));
        assertEquals(3, roundTrips("tls: none, auth: md5"));
        assertEquals(2, roundTrips("tls: none, auth: trust"));
    }

    private static int roundTrips(String db) throws ScenarioException {
        DatabaseSpec spec = (DatabaseSpec) ScenarioLoader.loadText("conn.yaml", oneUser("workers: 1", db,
                "{same_host_rtt: 0s, datacenter_rtt: 0s}"), Path.of(".")).services().get("db");
        return spec.handshakeRoundTrips();
    }

    // The same round trips in time: a 10 ms round trip to the database, nothing else. A page opens a
    // connection (its round trips) and makes one query (one more): 50 ms in clear, 70 ms with TLS
    // 1.3, 80 ms with TLS 1.2. With a persistent connection only the first page pays.
    @Test
    void newConnection_paysItsRoundTrips() throws ScenarioException {
        String network = "{same_host_rtt: 0s, datacenter_rtt: 10ms}";
        assertEquals(50 * MS, run(oneUser("workers: 1", "tls: none", network)).all().latency().max(), 0);
        assertEquals(70 * MS, run(oneUser("workers: 1", "tls: '1.3'", network)).all().latency().max(), 0);
        assertEquals(80 * MS, run(oneUser("workers: 1", "tls: '1.2'", network)).all().latency().mean(), 1e-3);
        ReplicationResult kept = run(oneUser("workers: 1, conn_max_age: unlimited", "tls: '1.2'", network));
        assertEquals(80 * MS, kept.all().latency().max(), 0);
        assertEquals(10 * MS, kept.all().latency().min(), 0);
    }

    // The CPU of a new connection, part by part (A.7): 4.1 ms to connect and 1.1 ms of Django's set-up
    // in the worker, 3.2 ms to start the backend and 1.2 ms of its cold caches in the database. With
    // the defaults and no view CPU a page takes 9.6 ms: page k at k + 0.0096 (k − 1) s, so 94 pages
    // by 95.5 s keep the web host's 2 cores 94 × 5.2 ms busy and the database's 94 × (4.4 ms + 0).
    @Test
    void newConnection_costsItsCpuOnBothSides() throws ScenarioException {
        String yaml = oneUser("workers: 1", "max_connections: 5", "{same_host_rtt: 0s, datacenter_rtt: 0s}")
                .replace(", db_connect_cpu: 0s, db_setup_cpu: 0s", "")
                .replace(", connect_cpu: 0s, cold_cache_cpu: 0s", "");
        ReplicationResult r = run(yaml);
        assertEquals(94, r.all().completed());
        double seconds = r.measuredSeconds();
        assertEquals(94 * 0.0052 / seconds / 2, host(r, "web").cpuUtilization(), 1e-9);
        assertEquals(94 * 0.0044 / seconds / 2, host(r, "dbhost").cpuUtilization(), 1e-9);
    }

    private static ReplicationResult.HostRow host(ReplicationResult r, String name) {
        return r.hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }
}
