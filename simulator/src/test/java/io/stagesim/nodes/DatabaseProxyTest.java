package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.analytic.ErlangC;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.stats.ConfidenceInterval;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A managed database proxy (RDS Proxy-like) in front of PostgreSQL: no host of ours, a pool of a
 * share of the database's max_connections lent per query (a multi-server queue, Erlang C), its own
 * latency on every query and login, and connections to the database kept whatever the app does.
 */
final class DatabaseProxyTest {

    private static final double MU = 100;
    private static final long MS = 1_000_000L;

    private static String scenario(String duration, int replications, String rtt, String browser, String app,
            String proxy, String db) {
        return """
                name: database-proxy
                run: {duration: %s, warmup: 10s, replications: %d, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: %s}
                hosts:
                  web: {cores: 64, memory: 64GiB}
                  dbhost: {cores: 64, memory: 16GiB}
                services:
                  browser: {type: browser, %s, rtt: 0s, target: app, timeout: 300s}
                  app: {type: app_server, host: web, db_connect_cpu: 0s, db_setup_cpu: 0s, %s}
                  proxy: {type: database_proxy, database: db, %s}
                  db: {type: database, host: dbhost, connect_cpu: 0s, cold_cache_cpu: 0s, %s}
                requests:
                  page:
                    view:
                      calls:
                        - {service: proxy, cpu: exponential(10ms)}
                """.formatted(duration, replications, rtt, browser, app, proxy, db);
    }

    private static ReplicationResult.ResourceRow pool(ReplicationResult r, String service, String starts) {
        return r.resources().stream().filter(x -> x.service().equals(service) && x.resource().startsWith(starts))
                .findFirst().orElseThrow();
    }

    // 40 % of max_connections 20 is a pool of c = 8 database connections. Queries arrive at 600/s
    // (Poisson), each holding its connection for an exponential 10 ms of database CPU (cores to
    // spare, no network, no latency): an M/M/8 queue for connections, ρ = 0.75, whose mean wait is
    // Erlang C's W_q(8, 600, 100) = 2.14 ms. The proxy opens its 8 connections in the warm-up and the
    // database's table holds exactly 8 all the time measured, though every request (CONN_MAX_AGE 0)
    // opens a connection to the proxy and closes it.
    @Test
    void poolOfAShareOfMaxConnections_isAnMMcQueueForConnections() throws ScenarioException {
        Scenario s = ScenarioLoader.loadText("proxy.yaml", scenario("200s", 10, "0s", "rate: 600/s",
                "workers: 1000, memory_per_worker: 10MiB", "max_connections_percent: 40, latency: 0s, "
                        + "connection_borrow_timeout: 0s", "max_connections: 20, reserved_connections: 0"),
                Path.of("."));
        double exact = ErlangC.meanWait(8, 600, MU) * 1e3;
        double[] waits = new double[s.run().replications()];
        for (int i = 0; i < waits.length; i++) {
            ReplicationResult r = Conservation.replication(s, i);
            waits[i] = pool(r, "proxy", "database").waitTime().mean() / 1e6;
            assertEquals(0, r.all().failed(), "no query fails");
            assertEquals(8.0, pool(r, "db", "connections").meanInUse(), 1e-9);
            assertEquals(0, pool(r, "db", "connections").requests(), "no connection opened after the warm-up");
        }
        ConfidenceInterval ci = ConfidenceInterval.of(waits, 0.999);
        System.out.println("mean wait for a database connection: exact " + exact + " ms, simulated " + ci);
        assertTrue(ci.contains(exact) && ci.halfWidth() <= 0.1 * exact, ci + " against " + exact);
    }

    // Traced by hand: app and database on hosts of their own, the proxy outside them, 1 ms between
    // any two, one user thinking 1 s, a 10 ms query a page view, every CPU cost of connecting 0, the
    // proxy's latency 2 ms. Django (CONN_MAX_AGE 0) connects to the proxy for every view: TCP, the
    // startup message and SCRAM-SHA-256 (the proxy's default), 4 round trips, the last with the
    // login's 2 ms; then the query: to the proxy (1 round trip), its 2 ms, to the database (1) and
    // 10 ms of its CPU: 4 + 2 + 1 + 2 + 1 + 10 = 20 ms. The first view also waits for the proxy to open
    // its database connection: TCP (1), the startup message and SCRAM (1 + 2): 4 ms more, 24 ms.
    // Views at 1 and 2.024 s: 2 in 3 s.
    @Test
    void latency_andRoundTrips_byHand() throws ScenarioException {
        ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("proxy.yaml", scenario("3s", 1, "1ms",
                "users: 1, think: 1s", "workers: 1", "latency: 2ms", "max_connections: 100").replace("warmup: 10s",
                        "warmup: 0s").replace("cpu: exponential(10ms)", "cpu: 10ms"), Path.of(".")), 0);
        assertEquals(2, r.all().completed());
        assertEquals(24 * MS, r.all().latency().max(), 0);
        assertEquals(20 * MS, r.all().latency().min(), 0);
    }

    // md5 takes one round trip less than SCRAM: 19 ms each view after the first (23 ms).
    @Test
    void md5_takesOneRoundTripLess() throws ScenarioException {
        ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("proxy.yaml", scenario("3s", 1, "1ms",
                "users: 1, think: 1s", "workers: 1", "latency: 2ms, auth: md5", "max_connections: 100")
                        .replace("warmup: 10s", "warmup: 0s").replace("cpu: exponential(10ms)", "cpu: 10ms"),
                Path.of(".")), 0);
        assertEquals(23 * MS, r.all().latency().max(), 0);
        assertEquals(19 * MS, r.all().latency().min(), 0);
    }

    // The default pool: 100 % of max_connections 5 is 5. Twenty users, each sending a 10 ms query
    // every 10 ms or so, want more than 5 at once: they wait at the proxy for one of its 5, which it
    // opened in the warm-up and keeps; the table is never refused, and no page view fails.
    @Test
    void defaultPool_isAllOfMaxConnections_andNeverOverflowsTheTable() throws ScenarioException {
        ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("proxy.yaml", scenario("60s", 1, "0s",
                "users: 20, think: 10ms", "workers: 20", "latency: 0s", "max_connections: 5, reserved_connections: 0"),
                Path.of(".")), 0);
        assertEquals(0, r.all().failed());
        ReplicationResult.ResourceRow table = pool(r, "db", "connections");
        assertEquals(5.0, table.meanInUse(), 1e-9, "all 5 opened in the warm-up and kept");
        assertEquals(0, table.rejected());
    }
}
