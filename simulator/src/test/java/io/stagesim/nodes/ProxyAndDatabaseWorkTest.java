package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.stagesim.assembly.WebModel;
import io.stagesim.model.PsHost;
import io.stagesim.scenario.ScenarioException;
import org.junit.jupiter.api.Test;

/**
 * The proxy's and the database's steps counted by hand: how many CPU jobs a page view costs the
 * proxy's host, gzip running past the upstream's answer without its read timer, the CPU spent
 * for a client that has given up (wasted work) at the proxy, the app and the database, and the
 * writes a crash of a SQLite or PostgreSQL host loses.
 */
final class ProxyAndDatabaseWorkTest {

    private static final double MS = 1e6;
    private static final String DB = "db: {type: database, host: dbhost, connect_cpu: 0s, cold_cache_cpu: 0s}";

    /**
     * One user, thinking a constant second between page views, through NGINX on {@code web} to
     * Gunicorn on {@code apphost}; {@code proxy} and {@code view} are the flow maps' contents.
     */
    private static String site(String duration, String browser, String proxy, String view, String extra) {
        return """
                name: work
                run: {duration: %s, warmup: 0s, replications: 1, seed: 3}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 1, memory: 4GiB}
                  apphost: {cores: 1, memory: 4GiB}
                  dbhost: {cores: 1, memory: 4GiB}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: proxy%s}
                  proxy: {type: proxy, host: web, upstreams: [app]%s}
                  app: {type: app_server, host: apphost, workers: 1, db_connect_cpu: 0s, db_setup_cpu: 0s}
                  db: {type: database, host: dbhost, connect_cpu: 0s, cold_cache_cpu: 0s}
                requests:
                  page:
                    view: {%s}
                %s""".formatted(duration, browser, proxy, view, extra);
    }

    /**
     * {@code yaml} with pages of 50 KB of HTML (what gzip works on) over 1 Pbit/s interfaces and
     * client link, so that their bytes cost nanoseconds.
     */
    private static String fiftyKbPages(String yaml) {
        return yaml.replace("    view: {", "    response_size: 50KB\n    view: {")
                .replace("memory: 4GiB}", "memory: 4GiB, bandwidth: 1000000Gbps}")
                .replace("rtt: 0s, target: proxy", "rtt: 0s, downlink: 1000000Gbps, target: proxy");
    }

    // Without gzip a page view costs the proxy's host one CPU job (connection, request, hand-over);
    // with gzip two (the compression after the answer). 10 s of one user who thinks first: page views
    // start at 1 s, then a second and a few milliseconds after each one ends, so 9 of them.
    @Test
    void cpuJobsPerPageView_oneWithoutGzip_twoWithIt() throws ScenarioException {
        for (boolean gzip : new boolean[] {false, true}) {
            WebModel m = ModelRun.run(site("10s", "", ", gzip: " + gzip, "cpu: 1ms", ""));
            long views = m.classStats()[0].completed.total();
            assertEquals(9, views);
            PsHost web = m.hostCpus().get("web");
            assertEquals((gzip ? 2 : 1) * views, web.totalCompletions(), "gzip " + gzip);
        }
    }

    // The upstream answers after 900 ms, inside the 1 s read timeout; gzip then takes 200 ms
    // (4 ms per KB of 50 KB of HTML). The read timer stops at the answer: the page view completes
    // at 1.1 s, not as a 504 at 1 s.
    @Test
    void gzipAfterTheAnswer_doesNotRunOnTheReadTimer() throws ScenarioException {
        WebModel m = ModelRun.run(fiftyKbPages(site("5s", "", ", gzip: true, gzip_cpu_per_kb: 4000000, "
                + "read_timeout: 1s, cpu: 0s", "cpu: 900ms", "")));
        assertEquals(0, ModelRun.failed(m, 0));
        ClassStats c = m.classStats()[0];
        assertEquals(c.offered.total(), c.completed.total() + c.open.open());
        // 900 ms of view, 200 ms of gzip: 1.1 s each, after 1 s of thought: they start at 1 and 3.1 s
        assertEquals(2, c.completed.total());
        assertEquals(1100 * MS, c.latency.summarize().mean(), 1e3);
    }

    // The user gives up at 500 ms. The view's first half (600 ms of its 1.2 s) was already running;
    // what starts after is done for nobody: the database query (100 ms on dbhost), the view's second
    // half (600 ms) and the proxy's gzip (200 ms): 900 ms of wasted CPU per page view. The last of
    // the six (8.5 s) ends its work at 10 s and a few nanoseconds of bytes: the run goes on to 10.1 s.
    @Test
    void workStartedAfterTheClientGaveUp_isWasted_atTheProxyTheAppAndTheDatabase() throws ScenarioException {
        WebModel m = ModelRun.run(fiftyKbPages(site("10.1s", ", timeout: 500ms", ", gzip: true, gzip_cpu_per_kb: 4000000, "
                + "cpu: 0s", "cpu: 1200ms, calls: [{service: db, cpu: 100ms}]", "")));
        ClassStats c = m.classStats()[0];
        long gaveUp = c.errors[ErrorKind.CLIENT_TIMEOUT.ordinal()].total();
        assertEquals(c.offered.total(), gaveUp + c.open.open());
        assertEquals(gaveUp * 900 * MS, c.wastedCpu.total(), 1e3, gaveUp + " page views given up on");
    }

    // One user, a write a page view, every page view 10 ms: the views start at 1, 2.01, 3.02 … s and
    // commit their write at their end. The database's host crashes at 5.5 s: five writes were
    // committed (the views of 1 to 5.04 s) and are lost, whether the database is SQLite (one writer,
    // a commit on the disk) or PostgreSQL.
    @Test
    void aCrashLosesExactlyTheWritesCommitted_sqliteAndPostgres() throws ScenarioException {
        for (String engine : new String[] {"sqlite", "postgres"}) {
            String yaml = site("8s", "", "", "cpu: 10ms, calls: [{service: db, cpu: 0s, write: true}]",
                    "faults:\n  - {type: host_crash, target: dbhost, at: 5.5s, mode: reset}\n")
                    .replace(DB, "db: {type: database, host: dbhost, engine: "
                            + engine + ", commit_time: 0s}");
            WebModel m = ModelRun.run(yaml);
            assertEquals(5, m.dataLost(m.scenario().faults().get(0)), engine);
        }
    }

    // Each NGINX worker process is single-threaded: with 5 ms of CPU per request and 50 users who do
    // not think, one worker serves 1 / 5 ms = 200 requests/s on a 2-core host, two workers 400/s,
    // and four workers still 400/s, all the host's two cores can give. 10 s: 2,000, 4,000, 4,000
    // page views, to within the one under way at the end.
    @Test
    void eachWorkerProcessUsesAtMostOneCore() throws ScenarioException {
        int[] workers = {1, 2, 4};
        long[] expected = {2000, 4000, 4000};
        for (int i = 0; i < workers.length; i++) {
            String yaml = site("10s", ", users: 50, think: 0s", ", workers: " + workers[i] + ", cpu: 5ms", "cpu: 0s", "")
                    .replace("browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: proxy, users: 50, think: 0s}",
                            "browser: {type: browser, users: 50, think: 0s, rtt: 0s, target: proxy}")
                    .replace("web: {cores: 1,", "web: {cores: 2,")
                    .replace("apphost: {cores: 1, memory: 4GiB}", "apphost: {cores: 1, memory: 16GiB}")
                    .replace("app: {type: app_server, host: apphost, workers: 1,", "app: {type: app_server, host: apphost, "
                            + "workers: 50,");
            WebModel m = ModelRun.run(yaml);
            long done = m.classStats()[0].completed.total();
            assertEquals(expected[i], done, workers[i] == 1 ? 1 : 2, workers[i] + " worker(s)");
        }
    }

    // A worker process is held for a CPU step only, not while the upstream works: one NGINX worker
    // (1 ms a request) in front of 10 app workers whose views take 100 ms, 10 users who do not
    // think: the app's 10 / 100 ms = 100 page views/s, not one at a time. 10 s: 1,000 page views
    // less the few under way at the end (the proxy's 1 ms per request makes it 99/s).
    @Test
    void aWorkerProcessIsFreeWhileTheUpstreamWorks() throws ScenarioException {
        String yaml = site("10s", "", ", workers: 1, cpu: 1ms", "cpu: 100ms", "")
                .replace("users: 1, think: 1s", "users: 10, think: 0s")
                .replace("apphost: {cores: 1, memory: 4GiB}", "apphost: {cores: 10, memory: 16GiB}")
                .replace("host: apphost, workers: 1,", "host: apphost, workers: 10,");
        long done = ModelRun.run(yaml).classStats()[0].completed.total();
        assertEquals(10 * 10 / 0.101, done, 10, "page views in 10 s");
    }

    // The accessors faults and results use are the node's own resources, the ones the model reports.
    @Test
    void accessors_areTheResourcesTheModelReports() throws ScenarioException {
        WebModel m = ModelRun.run(site("1s", "", "", "cpu: 1ms", "")
                .replace(DB, "db: {type: database, host: dbhost, engine: sqlite}"));
        AppServerNode app = (AppServerNode) m.nodes().get("app");
        assertSame(m.hostCpus().get("apphost"), app.cpu());
        assertSame(pool(m, "app", "workers ×"), app.slots());
        ProxyNode proxy = (ProxyNode) m.nodes().get("proxy");
        assertSame(pool(m, "proxy", "connections"), proxy.connections());
        DatabaseNode db = (DatabaseNode) m.nodes().get("db");
        assertSame(pool(m, "db", "write lock"), db.writeLock());
    }

    /** The one pool the model reports for {@code service} whose label names {@code resource}. */
    private static io.stagesim.model.Pool pool(WebModel m, String service, String resource) {
        java.util.List<io.stagesim.model.Pool> found = m.pools().stream()
                .filter(l -> l.service().equals(service) && l.resource().contains(resource))
                .map(WebModel.LabelledPool::pool).toList();
        assertEquals(1, found.size(), service + " " + resource + ": " + found);
        return found.get(0);
    }
}
