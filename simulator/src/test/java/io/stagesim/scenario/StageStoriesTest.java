package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.Estimate;
import io.stagesim.run.ScenarioResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each stage tells the story of the source document, pinned with numbers. Comparisons between two
 * runs require the 95 % confidence intervals not to overlap, so they cannot pass by chance.
 */
final class StageStoriesTest {

    private static final long S = 1_000_000_000L;

    private static Scenario load(String file, double rate, int replications, long duration) throws ScenarioException {
        Scenario s = ScenarioLoader.load(Path.of("..", "scenarios", file));
        Map<String, ServiceSpec> services = new LinkedHashMap<>(s.services());
        BrowserSpec b = s.browser();
        services.put(b.name(), b.withWorkload(new WorkloadSpec.Open(List.of(new WorkloadSpec.RatePoint(0, rate)))));
        return new Scenario(s.name(), s.description(), s.file(),
                new RunSpec(duration, Math.min(20 * S, duration / 5), replications, 1, S), s.network(), s.hosts(),
                services, s.requests(), s.slo());
    }

    private static ScenarioResult run(Scenario s) {
        return Conservation.run(s, 2);
    }

    private static ScenarioResult.ClassResult cls(ScenarioResult r, String name) {
        return r.requests().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static ScenarioResult.ResourceResult resource(ScenarioResult r, String service) {
        return r.resources().stream().filter(x -> x.service().equals(service)).findFirst().orElseThrow();
    }

    private static Estimate hostCpu(ScenarioResult r, String host) {
        return r.hosts().stream().filter(h -> h.name().equals(host)).findFirst().orElseThrow().cpuUtilization();
    }

    private static void assertBelow(String what, Estimate low, Estimate high) {
        String line = what + ": " + low.mean() + " ±" + low.ci95() + " vs " + high.mean() + " ±" + high.ci95();
        System.out.println(line);
        assertTrue(low.mean() + low.ci95() < high.mean() - high.ci95(), line);
    }

    // Stage 2 carries two and a half times stage 1's page views with a lower p99: Gunicorn's workers
    // use both cores, runserver's Python is held to one by the GIL. (Four times no longer: with bytes
    // on the wire, stage 2's sync workers are held while they send each page and asset to a 10 Mbit/s
    // client, and 64/s is at their knee; three times no longer either: sync workers close every
    // connection, so each of a page's assets pays a TCP handshake, 2 round trips more per page.)
    @Test
    void stage2_carriesTwoAndAHalfTimesStage1sLoad_atALowerP99() throws ScenarioException {
        ScenarioResult one = run(load("stage-1-runserver.yaml", 16, 10, 120 * S));
        ScenarioResult two = run(load("stage-2-gunicorn.yaml", 40, 10, 120 * S));
        assertTrue(one.bottleneck().resource().contains("GIL"), one.bottleneck().explanation());
        assertBelow("page p99 ms, stage 2 at 40/s vs stage 1 at 16/s", cls(two, "page").latencyMs().p99(),
                cls(one, "page").latencyMs().p99());
    }

    // Stage 3: static files no longer reach Gunicorn. Its workers see only the HTML requests
    // (one per page view), where in stage 2 every asset took a worker too.
    @Test
    void stage3_staticFilesNoLongerOccupyGunicorn() throws ScenarioException {
        ScenarioResult two = run(load("stage-2-gunicorn.yaml", 40, 3, 60 * S));
        ScenarioResult three = run(load("stage-3-nginx.yaml", 40, 3, 60 * S));
        double pageViews2 = two.requests().stream().mapToDouble(c -> c.offered().mean()).sum();
        double pageViews3 = three.requests().stream().mapToDouble(c -> c.offered().mean()).sum();
        double workerRequests2 = requests(two, "gunicorn");
        double workerRequests3 = requests(three, "gunicorn");
        // stage 3: exactly one worker request per page view (HTML only), up to requests in flight
        assertEquals(pageViews3, workerRequests3, 0.002 * pageViews3 + 5);
        // stage 2: each of the page class's 8 assets takes a worker too (70 % of views are pages)
        assertEquals(pageViews2 * (1 + 0.7 * 8), workerRequests2, 0.03 * pageViews2 * 6.6);
        assertBelow("gunicorn utilisation, stage 3 vs stage 2", resource(three, "gunicorn").utilization(),
                resource(two, "gunicorn").utilization());
    }

    private static double requests(ScenarioResult r, String service) {
        return resource(r, service).requests().mean();
    }

    // Stage 4: a spike on the shop raises the blog's latency, though the blog's own traffic is
    // unchanged: both apps share the host's two cores.
    @Test
    void stage4_oneAppsSpike_slowsTheOtherApp() throws ScenarioException {
        ScenarioResult calm = run(load("stage-4-several-apps.yaml", 60, 6, 60 * S));
        Scenario spikeBase = load("stage-4-several-apps.yaml", 110, 6, 60 * S);
        // the blog keeps 18 page views/s (30 % of 60); the shop's classes take the rest of 110/s
        Map<String, RequestSpec> req = new LinkedHashMap<>();
        double blogShare = 18.0 / 110;
        double shopScale = (1 - blogShare) / 0.7;
        for (RequestSpec r : spikeBase.requests().values()) {
            double share = r.name().equals("blog_post") ? blogShare : r.share() * shopScale;
            req.put(r.name(), new RequestSpec(r.name(), share, r.view(), r.assets(), r.assetSize(), r.app()));
        }
        ScenarioResult spike = run(new Scenario(spikeBase.name(), spikeBase.description(), spikeBase.file(),
                spikeBase.run(), spikeBase.network(), spikeBase.hosts(), spikeBase.services(), req, spikeBase.slo()));
        assertEquals(cls(calm, "blog_post").offeredPerS().mean(), cls(spike, "blog_post").offeredPerS().mean(), 1.5);
        assertBelow("blog p95 ms, calm vs shop spike", cls(calm, "blog_post").latencyMs().p95(),
                cls(spike, "blog_post").latencyMs().p95());
    }

    // Stage 5: moving PostgreSQL to its own machine frees the web host's CPU of the queries and of
    // the backend forked for every request.
    @Test
    void stage5_freesTheWebHostCpuFromTheDatabase() throws ScenarioException {
        ScenarioResult three = run(load("stage-3-nginx.yaml", 50, 3, 60 * S));
        ScenarioResult five = run(load("stage-5-database-server.yaml", 50, 3, 60 * S));
        assertBelow("web CPU, stage 5 vs stage 3", hostCpu(five, "web"), hostCpu(three, "web"));
        // what left the web host is what the database host now does (2 cores each)
        double moved = hostCpu(three, "web").mean() - hostCpu(five, "web").mean();
        assertEquals(hostCpu(five, "dbhost").mean(), moved, 0.25 * moved);
    }

    // Stage 6: static and media files come from object storage; NGINX no longer serves them.
    @Test
    void stage6_removesStaticTrafficFromTheWebHost() throws ScenarioException {
        ScenarioResult five = run(load("stage-5-database-server.yaml", 40, 3, 60 * S));
        ScenarioResult six = run(load("stage-6-object-storage.yaml", 40, 3, 60 * S));
        double views5 = five.requests().stream().mapToDouble(c -> c.offered().mean()).sum();
        double views6 = six.requests().stream().mapToDouble(c -> c.offered().mean()).sum();
        // stage 6: NGINX sees only the HTML (two connections each: the client's and the upstream's)
        assertEquals(2 * views6, requests(six, "nginx"), 0.002 * views6 + 5);
        // stage 5: it also served every asset (8 per page view; 70 % of views are pages)
        assertEquals(views5 * (2 + 0.7 * 8), requests(five, "nginx"), 0.03 * views5 * 7.6);
    }

    // Stage 7: three identical app servers share the load evenly, so capacity grows with them.
    @Test
    void stage7_spreadsTheLoadEvenly() throws ScenarioException {
        ScenarioResult seven = run(load("stage-7-load-balancer.yaml", 150, 3, 60 * S));
        List<Estimate> apps = new ArrayList<>();
        for (String h : List.of("app1", "app2", "app3")) {
            apps.add(hostCpu(seven, h));
        }
        for (Estimate e : apps) {
            assertEquals(apps.get(0).mean(), e.mean(), 0.05 * apps.get(0).mean());
        }
        double total = cls(seven, "page").throughputPerS().mean() + cls(seven, "api").throughputPerS().mean()
                + cls(seven, "write").throughputPerS().mean();
        assertEquals(150, total, 150 * 0.03);
    }

    /** Stage 7 with only the first {@code n} app servers behind the balancer. */
    private static Scenario withBackends(Scenario s, int n) {
        Map<String, ServiceSpec> services = new LinkedHashMap<>(s.services());
        LoadBalancerSpec lb = (LoadBalancerSpec) services.get("balancer");
        services.put("balancer", lb.with(lb.backends().subList(0, n), null));
        return s.withServices(services);
    }

    private static double completedPerS(ScenarioResult r) {
        return r.requests().stream().mapToDouble(c -> c.throughputPerS().mean()).sum();
    }

    // Stage 7: past saturation, the page views completed per second grow almost linearly with the
    // number of app servers (the app hosts' CPUs are the bottleneck; the database is not yet).
    @Test
    void stage7_capacityGrowsAlmostLinearlyWithAppServers() throws ScenarioException {
        Scenario base = load("stage-7-load-balancer.yaml", 1000, 2, 40 * S);
        ScenarioResult one = run(withBackends(base, 1));
        ScenarioResult three = run(withBackends(base, 3));
        double ratio = completedPerS(three) / completedPerS(one);
        System.out.println("stage 7 completed/s with 1 and 3 app servers: " + completedPerS(one) + ", "
                + completedPerS(three) + " (ratio " + ratio + ")");
        assertTrue(ratio > 2.7 && ratio < 3.1, "ratio " + ratio);
        // with one app server, its five Gunicorn workers are what runs out first
        assertTrue(one.bottleneck().resource().contains("workers") && "gunicorn".equals(one.bottleneck().service()),
                one.bottleneck().explanation());
    }

    // Stage 7 with many workers per app server: together they ask the database for more
    // connections than max_connections allows, and the summary says so.
    @Test
    void stage7_manyWorkers_runIntoMaxConnections() throws ScenarioException {
        Scenario base = load("stage-7-load-balancer.yaml", 1000, 2, 40 * S);
        Map<String, ServiceSpec> services = new LinkedHashMap<>(base.services());
        Map<String, HostSpec> hosts = new LinkedHashMap<>(base.hosts());
        for (String name : List.of("gunicorn", "gunicorn2", "gunicorn3")) {
            AppServerSpec a = (AppServerSpec) services.get(name);
            services.put(name, a.withWorkers(60));
            HostSpec h = hosts.get(a.host());
            hosts.put(h.name(), new HostSpec(h.name(), 8, h.speed(), 16L << 30, h.costPerHour()));
        }
        ScenarioResult r = run(new Scenario(base.name(), base.description(), base.file(), base.run(), base.network(),
                hosts, services, base.requests(), base.slo()));
        System.out.println(r.bottleneck().explanation());
        assertTrue(cls(r, "page").errors().get("db_too_many_connections").mean() > 0);
        assertTrue(r.bottleneck().explanation().contains("db_too_many_connections"), r.bottleneck().explanation());
    }

    // Stage 7 with persistent connections and 5 × 8 gthread threads per app server (the shipped
    // stage-7-persistent-connections): 120 threads each keep a connection, PostgreSQL allows 97. The
    // slots take turns, so the 23 without one are refused on every request they serve: 23 / 120 =
    // 19.2 % of page views fail, at any load. The 97 are all open before the warm-up ends and none
    // closes: the table is full all the time measured, and no connection opens in it.
    @Test
    void stage7_persistentConnections_threadsOverMaxConnections_aFifthFail() throws ScenarioException {
        ScenarioResult r = run(load("connections/stage-7-persistent-connections.yaml", 120, 3, 60 * S));
        double offered = r.requests().stream().mapToDouble(c -> c.offered().mean()).sum();
        double refused = r.requests().stream().mapToDouble(c -> c.errors().get("db_too_many_connections").mean())
                .sum();
        double failed = r.requests().stream().mapToDouble(c -> c.offered().mean() - c.completed().mean()).sum();
        System.out.println("stage 7, persistent: refused " + refused / offered + " of " + offered);
        assertEquals(23.0 / 120, refused / offered, 0.01);
        assertEquals(refused, failed, 0.002 * offered, "every failure is a refused connection");
        double connects = r.counters().stream().filter(c -> c.what().startsWith("db_connects"))
                .mapToDouble(c -> c.count().mean()).sum();
        assertEquals(0, connects, 0);
        assertEquals(97, resource(r, "db").meanInUse().mean(), 1e-9);
    }

    // Its fix (the shipped stage-7-pgbouncer): the same 120 threads keep client connections to
    // PgBouncer in transaction mode, which holds a server connection only for each query. No page
    // view fails, and PostgreSQL sees at most the pool's 20 connections, not 97.
    @Test
    void stage7_pgbouncerInTransactionMode_servesEveryThreadWithinMaxConnections() throws ScenarioException {
        ScenarioResult r = run(load("connections/stage-7-pgbouncer.yaml", 120, 3, 60 * S));
        for (ScenarioResult.ClassResult c : r.requests()) {
            assertEquals(0, c.errors().values().stream().mapToDouble(Estimate::mean).sum(), 0, c.name());
        }
        ScenarioResult.ResourceResult table = resource(r, "db");
        assertTrue(table.meanInUse().mean() <= 20, "connections in use " + table.meanInUse().mean());
        assertEquals(0, table.rejected().mean(), 0);
    }

    // Stage 7 with CONN_MAX_AGE = 0 behind a managed database proxy (the shipped stage-7-rds-proxy):
    // every request still opens a connection, to the proxy, which keeps its own to PostgreSQL. The
    // database no longer starts a backend per page view (every class queries it): its 3.2 ms of
    // CPU and 1.2 ms for the new backend's cold caches go, 4.4 ms a page view, at 120/s on 4 cores
    // 120 × 4.4 ms / 4 = 13.2 % of the database host's CPU. The proxy opens a connection only when
    // more queries are in flight at once than ever before (a few after the warm-up, in three
    // replications of a minute); stage 7 without it opens one per page view.
    @Test
    void stage7_behindADatabaseProxy_theDatabaseStartsNoBackendPerRequest() throws ScenarioException {
        ScenarioResult direct = run(load("stage-7-load-balancer.yaml", 120, 3, 60 * S));
        ScenarioResult proxied = run(load("connections/stage-7-rds-proxy.yaml", 120, 3, 60 * S));
        Estimate before = hostCpu(direct, "dbhost");
        Estimate after = hostCpu(proxied, "dbhost");
        System.out.println("stage 7 database CPU: direct " + before.mean() + " ±" + before.ci95() + ", proxied "
                + after.mean() + " ±" + after.ci95());
        assertEquals(0.132, before.mean() - after.mean(), before.ci95() + after.ci95());
        assertTrue(resource(proxied, "db").requests().mean() < 5, "a few openings at most");
        double views = direct.requests().stream().mapToDouble(c -> c.offered().mean()).sum();
        assertEquals(views, resource(direct, "db").requests().mean(), 0.01 * views, "one opening per page view");
        for (ScenarioResult.ClassResult c : proxied.requests()) {
            assertEquals(0, c.errors().values().stream().mapToDouble(Estimate::mean).sum(), 0, c.name());
        }
    }

    // Stage 8: the managed balancer has no host of ours to saturate.
    @Test
    void stage8_hasNoLoadBalancerHost() throws ScenarioException {
        ScenarioResult eight = run(load("stage-8-managed-lb.yaml", 150, 2, 40 * S));
        assertTrue(eight.hosts().stream().noneMatch(h -> h.name().equals("lb")));
        assertTrue(eight.resources().stream().noneMatch(x -> x.service().equals("balancer")));
    }
}
