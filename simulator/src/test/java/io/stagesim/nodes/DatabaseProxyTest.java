package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A managed database proxy (RDS Proxy-like) as AWS describes it, each behaviour against a hand count:
 * clients kept through a failover of the database (their queries wait at the proxy instead of
 * failing), pinned sessions keeping a connection to their end, idle connections trimmed to
 * MaxIdleConnectionsPercent, and TLS's round trips and CPU between the app and the proxy.
 */
final class DatabaseProxyTest {

    private static final double MS = 1e6;

    private static String scenario(String run, String rtt, String browser, String proxy, String called, String query,
            String faults) {
        return """
                name: rds-proxy
                run: {%s, replications: 1, seed: 1}
                network: {same_host_rtt: %s, datacenter_rtt: %s}
                hosts:
                  web: {cores: 64, memory: 64GiB}
                  dbhost: {cores: 64, memory: 16GiB}
                services:
                  browser: {type: browser, %s, rtt: 0s, target: app, timeout: 300s}
                  app: {type: app_server, host: web, db_connect_cpu: 0s, db_setup_cpu: 0s, workers: 16}
                  proxy: {type: database_proxy, database: db, latency: 0s, %s}
                  db: {type: database, host: dbhost, connect_cpu: 0s, cold_cache_cpu: 0s, max_connections: 10,
                       reserved_connections: 0}
                requests:
                  page:
                    view:
                      cpu: 0s
                      calls:
                        - {service: %s, times: 2, cpu: %s}
                %s
                """.formatted(run, rtt, rtt, browser, proxy, called, query, faults);
    }

    private static ReplicationResult run(String run, String rtt, String browser, String proxy, String called,
            String query, String faults) throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("proxy.yaml", scenario(run, rtt, browser, proxy, called,
                query, faults), Path.of(".")), 0);
    }

    private static long errors(ReplicationResult r) {
        return r.all().errors().values().stream().mapToLong(Long::longValue).sum();
    }

    // One user, a page view a second from 1 s, queries of no cost, no network. The database fails
    // over at 10.5 s for 5 s. Called directly, the views at 11, 12, 13, 14 and 15 s find it refusing
    // connections: 5 errors, and the user goes on a second after each. Through the proxy the view
    // at 11 s waits there until 15.5 s (4.5 s) and completes: no error; the next come at 16.5 s, 17.5 s …
    // With a borrow timeout of 2 s the view at 11 s gives up at 13 s (1 error); the one at 14 s waits
    // 1.5 s and completes at 15.5 s.
    @Test
    void failoverBehindTheProxy_queriesWaitInsteadOfFailing() throws ScenarioException {
        String fault = "faults:\n  - {type: db_failover, target: db, at: 10500ms, for: 5s}";
        String run = "duration: 30s, warmup: 0s";
        ReplicationResult direct = run(run, "0s", "users: 1, think: 1s", "max_connections_percent: 100", "db", "0s",
                fault);
        assertEquals(5, errors(direct));
        ReplicationResult proxied = run(run, "0s", "users: 1, think: 1s", "max_connections_percent: 100", "proxy",
                "0s", fault);
        assertEquals(0, errors(proxied));
        assertEquals(4_500 * MS, proxied.all().latency().max(), 1e-6 * MS);
        ReplicationResult impatient = run(run, "0s", "users: 1, think: 1s", "connection_borrow_timeout: 2s", "proxy",
                "0s", fault);
        assertEquals(1, errors(impatient));
        assertEquals(1L, impatient.all().errors().get("db_pool_wait_timeout"));
        assertEquals(1_500 * MS, impatient.all().latency().max(), 1e-6 * MS);
    }

    // One connection to the database (10 % of 10), two users arriving together at 1 s, each view two
    // queries of 10 ms (on a database with cores to spare). Multiplexed, the queries take turns:
    // A's first 0–10 ms, B's first 10–20, A's second 20–30, B's second 30–40: views of 30 and 40 ms.
    // Every session pinned (pinned_share 100 %), A keeps the connection for its view: A's queries
    // 0–20 ms, then B's 20–40: views of 20 and 40 ms.
    @Test
    void pinnedSessions_keepTheirConnectionToTheEnd() throws ScenarioException {
        String run = "duration: 1500ms, warmup: 0s";
        ReplicationResult shared = run(run, "0s", "users: 2, think: 1s", "max_connections_percent: 10", "proxy",
                "10ms", "");
        assertEquals(30 * MS, shared.all().latency().min(), 1e-6 * MS);
        assertEquals(40 * MS, shared.all().latency().max(), 1e-6 * MS);
        ReplicationResult pinned = run(run, "0s", "users: 2, think: 1s", "max_connections_percent: 10, pinned_share: 100%",
                "proxy", "10ms", "");
        assertEquals(20 * MS, pinned.all().latency().min(), 1e-6 * MS);
        assertEquals(40 * MS, pinned.all().latency().max(), 1e-6 * MS);
    }

    // 250 page views/s for 5 s, two 15 ms queries each, open the proxy's 4 connections (40 % of 10);
    // max_idle_connections_percent 10 lets 1 of 10 stay idle: once the load stops, every connection
    // returned while one is idle already closes. Measured from 20 s, the table holds exactly 1.
    @Test
    void idleConnections_areTrimmedToMaxIdleConnectionsPercent() throws ScenarioException {
        String load = "profile: [{at: 0s, rate: 250/s}, {at: 5s, rate: 250/s}, {at: 5s, rate: 0/s}, {at: 60s, rate: 0/s}]";
        ReplicationResult r = run("duration: 60s, warmup: 20s", "0s", load, "max_connections_percent: 40, "
                + "max_idle_connections_percent: 10", "proxy", "15ms", "");
        double held = r.resources().stream().filter(x -> x.service().equals("db")
                && x.resource().startsWith("connections")).findFirst().orElseThrow().meanInUse();
        assertEquals(1, held, 1e-12);
    }

    // Every link 1 ms, one user: each view opens a connection to the proxy (CONN_MAX_AGE 0) and
    // sends two queries. Without TLS: TCP 1, startup 1, SCRAM 2 round trips. TLS 1.3 adds the
    // SSLRequest and one handshake round trip (2 ms) and 100 us of the worker's CPU; TLS 1.2 one round
    // trip more (3 ms): the fastest view is that much slower.
    @Test
    void tlsToTheProxy_addsItsRoundTripsAndCpu() throws ScenarioException {
        String run = "duration: 10s, warmup: 2s";
        double[] fastest = new double[3];
        String[] tls = {"none", "'1.3'", "'1.2'"};
        for (int i = 0; i < 3; i++) {
            fastest[i] = run(run, "1ms", "users: 1, think: 1s", "tls: " + tls[i], "proxy", "0s", "").all().latency()
                    .min();
        }
        assertEquals(2.1 * MS, fastest[1] - fastest[0], 1e-6 * MS);
        assertEquals(3.1 * MS, fastest[2] - fastest[0], 1e-6 * MS);
    }
}
