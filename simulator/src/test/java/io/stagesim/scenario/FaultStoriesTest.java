package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.Estimate;
import io.stagesim.run.ScenarioResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped failure scenarios tell their story, each against the same scenario without its
 * fault (same seeds): comparisons require the 95 % intervals not to overlap.
 */
final class FaultStoriesTest {

    private static ScenarioResult run(Scenario s) {
        return Conservation.run(s, 2);
    }

    private static Scenario load(String name) throws ScenarioException {
        return ScenarioLoader.load(Path.of("..", "scenarios", "failures", name));
    }

    private static void assertAbove(String what, Estimate high, double low, double lowCi) {
        String line = what + ": " + high.mean() + " ±" + high.ci95() + " vs " + low + " ±" + lowCi;
        System.out.println(line);
        assertTrue(high.mean() - high.ci95() > low + lowCi, line);
    }

    // A neighbour taking 40 % of the shared CPU pushes stage 4 past what 1.2 cores can serve.
    @Test
    void noisyNeighbour_multipliesTheP99WhileItRuns() throws ScenarioException {
        Scenario s = load("noisy-neighbour-stage-4.yaml");
        ScenarioResult with = run(s);
        ScenarioResult without = run(s.withFaults(List.of()));
        Estimate p99 = with.faults().get(0).p99Ms();
        Estimate base = without.all().latencyMs().p99();
        assertAbove("p99 during the neighbour vs without it (ms)", p99, 3 * base.mean(), 3 * base.ci95());
    }

    // A memory leak of 2 MiB a request in stage 3's five Gunicorn workers (150 MiB each, killed past
    // 450 MiB): each worker serves 150 requests and dies on its 151st. Over the two minutes the 40
    // requests/s spread evenly give each worker 960 ± 28 requests (Poisson, two sigma), six lifetimes
    // of 151 whatever the draw: 30 kills, each failing one page view, and up to 4 more in a replication
    // whose leak ends in the middle of a wave (the five die within five requests of each other). All five
    // die together every 19 s or so and the site stops for their 2 s boot: the p99 of the page views
    // that met it is more than three times the run's without it.
    @Test
    void memoryLeak_killsWorkersInWaves() throws ScenarioException {
        Scenario s = load("memory-leak-stage-3.yaml");
        ScenarioResult with = run(s);
        ScenarioResult without = run(s.withFaults(List.of()));
        ScenarioResult.FaultResult f = with.faults().get(0);
        Estimate kills = with.counters().stream().filter(c -> c.what().equals("oom_kills")).findFirst().orElseThrow()
                .count();
        assertTrue(kills.mean() >= 30 && kills.mean() < 35, "kills " + kills);
        assertEquals(kills.mean(), with.all().errors().get("worker_oom_killed").mean(), 1e-9, "one failed per kill");
        assertTrue(f.availability().mean() < 1 - without.all().errorRate().mean(), "availability " + f.availability());
        Estimate base = without.all().latencyMs().p99();
        assertAbove("p99 during the leak vs without it (ms)", f.p99Ms(), 3 * base.mean(), 3 * base.ci95());
    }

    // Doubling the load past stage 7's capacity costs availability during the spike, not before.
    @Test
    void trafficSpike_costsAvailabilityDuringTheSpike() throws ScenarioException {
        Scenario s = load("traffic-spike-stage-7.yaml");
        ScenarioResult with = run(s);
        ScenarioResult without = run(s.withFaults(List.of()));
        Estimate during = with.faults().get(0).availability();
        double base = 1 - without.all().errorRate().mean();
        String line = "availability during the spike " + during.mean() + " ±" + during.ci95() + " vs " + base;
        System.out.println(line);
        assertTrue(during.mean() + during.ci95() < base, line);
        assertAbove("p99 during the spike vs without it (ms)", with.faults().get(0).p99Ms(),
                without.all().latencyMs().p99().mean(), without.all().latencyMs().p99().ci95());
    }

    // +20 ms per round trip to the database: every page view makes at least 3 in a row (a new
    // connection and two queries), so its latency grows by at least 60 ms.
    @Test
    void databaseLatency_addsUpPerRoundTrip() throws ScenarioException {
        Scenario s = load("db-latency-stage-5.yaml");
        ScenarioResult with = run(s);
        ScenarioResult without = run(s.withFaults(List.of()));
        Estimate p99 = with.faults().get(0).p99Ms();
        Estimate base = without.all().latencyMs().p99();
        assertAbove("p99 during the latency fault vs without it + 60 ms", p99, base.mean() + 60, base.ci95());
    }

    // Losing the only server (stage 3) takes the site down and loses the database's writes; losing one
    // of three app servers behind NGINX (stage 7) costs nothing visible: the refused connections are
    // retried on the others. Behind the managed balancer (stage 8), with no retry and health checks
    // every 30 s (two failures to eject), a third of the traffic fails until the second check.
    @Test
    void hostCrash_onlyServerVersusOneOfThree() throws ScenarioException {
        ScenarioResult three = run(load("crash-stage-3.yaml"));
        ScenarioResult seven = run(load("crash-app-stage-7.yaml"));
        ScenarioResult eight = run(load("crash-app-stage-8.yaml"));
        ScenarioResult.FaultResult f3 = three.faults().get(0);
        ScenarioResult.FaultResult f7 = seven.faults().get(0);
        ScenarioResult.FaultResult f8 = eight.faults().get(0);
        System.out.println("availability during the crash: stage 3 " + f3.availability() + ", stage 7 "
                + f7.availability() + ", stage 8 " + f8.availability() + "; writes lost " + f3.dataLost() + " / "
                + f7.dataLost());
        // stage 3's machine is gone (a blackhole): nothing answers, and a browser's SYN is resent 1, 3, 7,
        // 15, 31 and 63 s after it first went. A page view begun at t in [60, 120) s reaches the machine
        // back at 120 s with the first resent SYN at or after 120 - t: within its 60 s timeout when
        // 120 - t <= 31 s. So at most those begun in the last 31 s of the minute complete: 31 / 60 =
        // 51.7 %, all of them only if the machine served each at once. It does not: their resent SYNs
        // come back together (those of 31 s and of 15 s overlap from 120 s), several times the load
        // the server carries, each with a new database connection to open, and the ones with little
        // of their 60 s left time out in the queue.
        assertTrue(f3.availability().mean() - f3.availability().ci95() <= 31.0 / 60, "stage 3 " + f3.availability());
        // the same crash with the kernel alive (mode reset) refuses them: the site is down
        ScenarioResult reset = run(load("crash-stage-3.yaml").withFaults(List.of(new FaultSpec.HostCrash("web",
                60_000_000_000L, 60_000_000_000L, "reset", 1))));
        assertTrue(reset.faults().get(0).availability().mean() < 0.01, "stage 3 must be down");
        assertTrue(f3.availability().mean() - f3.availability().ci95() > 0.25, "stage 3 as a blackhole: the late "
                + "ones complete " + f3.availability());
        assertTrue(f3.dataLost().mean() > 0, "stage 3 loses its database's writes");
        assertTrue(f7.availability().mean() - f7.availability().ci95() >= 0.99, "stage 7 must stay up");
        assertTrue(f7.dataLost().mean() == 0, "stage 7 loses nothing");
        // stage 8: app1 answers nothing from 60 s; health checks at 60 s (the crash comes first at the same
        // instant, so it counts) and 90 s take it out: a third of 30 s of the 60 s window fails
        double expected = 1 - (1.0 / 3) * (30.0 / 60);
        assertTrue(Math.abs(f8.availability().mean() - expected) < 0.01, "stage 8 availability "
                + f8.availability() + " vs " + expected);
        // time to detect: NGINX at once (the requests under way on app1 are reset, and it marks the server
        // down when the first reset reaches it, half the datacentre round trip later: 250 us); the managed balancer at its second failed check, 30 s later; stage 3 has no
        // balancer to take anything out
        assertTrue(Math.abs(f7.detectS().mean() - 250e-6) < 1e-9, "stage 7 detection " + f7.detectS());
        assertTrue(Math.abs(f8.detectS().mean() - 30) < 1e-9, "stage 8 detection " + f8.detectS());
        assertTrue(Double.isNaN(f3.detectS().mean()), "stage 3 detection " + f3.detectS());
    }

    // A machine gone (a blackhole) against the same crash with its kernel alive (mode reset). Behind
    // NGINX a request sent to it waits proxy_connect_timeout (60 s) before the next server is tried,
    // and every worker sends app1 a third of its requests until its first such wait ends: those
    // waits fill NGINX's connections, and most page views are refused; it is taken out just under 60 s
    // in (see below). Behind the managed balancer nothing is
    // refused: a request to app1 gets a 504 after the 10 s connect timeout, until the checks of 60
    // and 90 s fail at their 5 s timeout and take app1 out at 95 s, 35 s in: a third of 35 s of the 60
    // s window fails, 1 - (1/3)(35/60) = 80.56 %, against 83.3 % refused at once (30 s).
    @Test
    void blackhole_fillsNginxWhereTheManagedBalancerTimesOut() throws ScenarioException {
        ScenarioResult.FaultResult b7 = run(load("blackhole-app-stage-7.yaml")).faults().get(0);
        ScenarioResult.FaultResult r7 = run(load("crash-app-stage-7.yaml")).faults().get(0);
        ScenarioResult.FaultResult b8 = run(load("blackhole-app-stage-8.yaml")).faults().get(0);
        ScenarioResult.FaultResult r8 = run(load("crash-app-stage-8.yaml")).faults().get(0);
        System.out.println("availability during the crash: stage 7 blackhole " + b7.availability() + ", reset "
                + r7.availability() + "; stage 8 blackhole " + b8.availability() + ", reset " + r8.availability());
        assertTrue(b7.availability().mean() + b7.availability().ci95() < 0.2, "NGINX's connections fill");
        // taken out at the first timeout: a request under way on app1 when it went was sent a moment
        // before, and its 60 s read timeout runs out that moment before 120 s
        assertTrue(b7.detectS().mean() > 59.5 && b7.detectS().mean() <= 60, "stage 7 detection " + b7.detectS());
        double expected = 1 - (1.0 / 3) * (35.0 / 60);
        assertTrue(Math.abs(b8.availability().mean() - expected) < 0.01, "stage 8 " + b8.availability());
        assertTrue(Math.abs(b8.detectS().mean() - 35) < 1e-9, "stage 8 detection " + b8.detectS());
        assertTrue(r7.availability().mean() > b7.availability().mean() + 0.5, "a reset is passed on at once");
        assertTrue(r8.availability().mean() > b8.availability().mean(), "a reset is taken out sooner");
    }

    // A hang is worse than a crash: NGINX waits its 60 s read timeout before trying the next server,
    // so the requests sent to the hung server take about a minute, and the connections they hold
    // fill NGINX's table until new page views are refused; a crash is refused at once and retried.
    @Test
    void hostHang_costsTheReadTimeout_whereACrashCostsNothing() throws ScenarioException {
        ScenarioResult hang = run(load("hang-app-stage-7.yaml"));
        ScenarioResult crash = run(load("crash-app-stage-7.yaml"));
        ScenarioResult.FaultResult h = hang.faults().get(0);
        ScenarioResult.FaultResult c = crash.faults().get(0);
        System.out.println("hang: p99 " + h.p99Ms() + ", availability " + h.availability() + "; crash: p99 " + c.p99Ms()
                + ", availability " + c.availability());
        // 60 s of read timeout, within the per-window histograms' 3.1 %
        assertTrue(h.p99Ms().mean() > 60_000 * 0.969, "the affected requests wait the read timeout");
        assertTrue(c.p99Ms().mean() < 2_000, "a crash is retried at once");
        assertTrue(h.availability().mean() + h.availability().ci95() < c.availability().mean(),
                "the hung requests fill NGINX's connections");
        assertTrue(hang.all().errors().get("proxy_connections_exhausted").mean() > 0);
        // detection takes the read timeout: the first request sent to app1 after the hang began (about
        // 10 ms later at 100 requests/s) times out 60 s later, and NGINX marks app1 down
        assertTrue(h.detectS().mean() >= 60 && h.detectS().mean() < 60.1, "hang detection " + h.detectS());
        // behind the managed balancer the hung server fails its health checks at their 5 s timeout: the
        // checks of 60 s and 90 s fail at 65 s and 95 s, the second takes it out: 35 s by hand
        ScenarioResult eight = run(load("crash-app-stage-8.yaml").withFaults(List.of(new FaultSpec.HostHang("app1",
                60_000_000_000L, 60_000_000_000L, 1))));
        assertTrue(Math.abs(eight.faults().get(0).detectS().mean() - 35) < 1e-9, "stage 8 " + eight.faults().get(0).detectS());
    }

    // A managed database failing over refuses every connection for its 45 s: every page view needs it,
    // so the site is down, and nothing is lost (the standby has every write).
    @Test
    void dbFailover_takesTheSiteDownWithoutLosingData() throws ScenarioException {
        ScenarioResult.FaultResult f = run(load("db-failover-stage-5.yaml")).faults().get(0);
        System.out.println("db failover: availability " + f.availability() + ", writes lost " + f.dataLost());
        assertTrue(f.availability().mean() < 0.01, f.availability().toString());
        assertTrue(f.dataLost().mean() == 0);
    }

    // A database 8 times slower holds each Gunicorn worker 8 times longer in its queries: the workers
    // run dry and the p99 multiplies.
    @Test
    void slowDatabase_isFeltAsQueueingForWorkers() throws ScenarioException {
        Scenario s = load("slow-db-stage-5.yaml");
        ScenarioResult with = run(s);
        ScenarioResult without = run(s.withFaults(List.of()));
        Estimate base = without.all().latencyMs().p99();
        assertAbove("p99 with a slow database vs without (ms)", with.faults().get(0).p99Ms(), 3 * base.mean(),
                3 * base.ci95());
    }

    // Spiked arrival profiles carry exactly the extra load: 100/s, ×3 for 5 s, is 3,000 in 20 s.
    @Test
    void trafficSpikeProfile_hasTheRightArea() throws ScenarioException {
        String text = """
                name: spike
                hosts: {h: {cores: 1, memory: 1GiB}}
                services:
                  browser: {type: browser, rate: 100/s, rtt: 0s, target: app}
                  app: {type: app_server, host: h, workers: 1}
                requests: {page: {view: {cpu: 1ms}}}
                faults: [{type: traffic_spike, at: 10s, for: 5s, factor: 3}]
                """;
        Scenario s = ScenarioLoader.loadText("spike.yaml", text, Path.of("."));
        Scenario shortRun = s.withRun(new RunSpec(20_000_000_000L, 0, 40, 1, 1_000_000_000L));
        ScenarioResult r = run(shortRun);
        // Poisson counts: 3,000 expected per replication, so the mean of 40 has a standard error of 8.7
        double offered = r.all().offered().mean();
        System.out.println("page views in 20 s with the spike: " + r.all().offered());
        assertTrue(Math.abs(offered - 3000) < 4 * Math.sqrt(3000.0 / 40), "offered " + offered);
    }

    // A deploy on stage 3 restarts the only app server: NGINX has nowhere else to send, so every page
    // view sent during the boot (5 s) and the drain (in-flight requests finish; checked every 100 ms,
    // so 0.1-0.2 s) fails: 40/s x 5.1-5.2 s = 204-208 per replication. Behind NGINX (stage 7) or the
    // managed balancer (stage 8) the server being restarted is out of rotation: nothing fails, and
    // every server is restarted once (in stage 8 each waits for its first passed health check).
    @Test
    void deploy_downtimeOnlyWhereThereIsOneServer() throws ScenarioException {
        Scenario s3 = load("deploy-stage-3.yaml");
        ScenarioResult three = Conservation.run(s3.withRun(new RunSpec(s3.run().duration(), s3.run().warmup(), 10,
                s3.run().seed(), 1_000_000_000L)), 2);
        Estimate failed = three.all().errors().get("service_down");
        double sigma = Math.sqrt(208.0 / 10); // Poisson counts, mean of 10 replications
        System.out.println("stage 3 page views failed by the deploy: " + failed);
        assertTrue(failed.mean() > 200 - 4 * sigma && failed.mean() < 208 + 4 * sigma, "stage 3 " + failed);
        for (String stage : List.of("deploy-stage-7.yaml", "deploy-stage-8.yaml")) {
            ScenarioResult r = run(load(stage));
            System.out.println(stage + ": error rate " + r.all().errorRate() + ", counters " + r.counters());
            assertTrue(r.all().errorRate().mean() == 0, stage + " must not fail a page view");
            long restarts = r.counters().stream().filter(c -> c.what().equals("deploy_restarts"))
                    .filter(c -> c.count().mean() == 1).count();
            assertTrue(restarts == 3, stage + ": every app server restarted once");
            // how long it took: stage 7, the third server starts at 180 s, is idle within a 0.1 s poll and
            // boots 5 s: 125.0-125.1 s; stage 8, each registered again after its boot waits for one
            // passed check (checks every 30 s: in service at 90, 150 and 210 s): 150 s (with five, 450 s)
            double took = r.faults().get(0).lastedS().mean();
            assertTrue(stage.contains("7") ? took >= 125 && took <= 125.1 : Math.abs(took - 150) < 0.2, stage + " " + took);
        }
    }

    // After a flush, a lookup that would hit finds its key missing with probability (keys missing) /
    // keys, and each such miss stores its key again. Would-be hits arrive as a Poisson process (80 %
    // of the 100 page views/s, one lookup each), so a key is still missing T after the flush when none
    // of the N(T) lookups chose it: E[refilled] = K (1 - E[(1 - 1/K)^N]) = K (1 - exp(-0.8 x 100 x T / K)),
    // for K = 4000 and T = 40 s: 2202.6. Fill delays of a millisecond change it by about 0.1.
    @Test
    void cacheFlush_refillsAsTheKeysAreMissed() throws ScenarioException {
        String text = """
                name: flush
                hosts: {h: {cores: 8, memory: 8GiB}}
                services:
                  browser: {type: browser, rate: 100/s, target: app}
                  app: {type: app_server, host: h, workers: 64}
                  db: {type: database, host: h}
                  cache: {type: cache, host: h}
                requests:
                  page:
                    view:
                      cpu: 1ms
                      calls:
                        - {service: cache, hit_ratio: 80%, cpu: 20us, on_miss: [{service: db, cpu: 100us}]}
                faults: [{type: cache_flush, target: cache, at: 10s, keys: 4000}]
                """;
        Scenario s = ScenarioLoader.loadText("flush.yaml", text, Path.of("."));
        ScenarioResult r = run(s.withRun(new RunSpec(50_000_000_000L, 5_000_000_000L, 10, 1, 1_000_000_000L)));
        Estimate refilled = r.counters().stream().filter(c -> c.what().equals("cache_refills")).findFirst()
                .orElseThrow().count();
        double expected = 4000 * (1 - Math.exp(-0.8 * 100 * 40 / 4000.0));
        // the 99.9 % interval of the mean of 10: t(0.9995, 9) / t(0.975, 9) = 4.781 / 2.262 times the 95 % one
        double tolerance = refilled.ci95() * 4.781 / 2.262;
        System.out.println("keys refilled 40 s after the flush: " + refilled + " vs " + expected);
        assertTrue(Math.abs(refilled.mean() - expected) < tolerance, refilled + " vs " + expected);
        assertTrue(tolerance < 0.03 * expected, "the test must be able to fail: " + tolerance);
    }

    // The shipped flush: near the workers' capacity, the herd of misses holds every worker through the
    // heavy queries, the backlog and then NGINX's connections fill, and availability falls.
    @Test
    void cacheFlush_thunderingHerd() throws ScenarioException {
        Scenario s = load("cache-flush.yaml");
        ScenarioResult with = run(s);
        ScenarioResult without = run(s.withFaults(List.of()));
        Estimate during = with.faults().get(0).availability();
        double base = 1 - without.all().errorRate().mean();
        System.out.println("availability after the flush " + during + " vs " + base);
        assertTrue(during.mean() + during.ci95() < 0.9 * base, "availability " + during + " vs " + base);
    }

    private static ScenarioResult runTen(Scenario s) {
        RunSpec r = s.run();
        return run(s.withRun(new RunSpec(r.duration(), r.warmup(), 10, r.seed(), r.window())));
    }

    // Object storage down for 30 s: every page view (70 % of 120/s = 84/s) that fetches an asset in
    // the window fails, i.e. those whose asset fetches (spanning under a second) overlap it:
    // 84 x 30 = 2520 to 84 x 31 = 2604. The API calls and writes never touch the storage.
    // Throttled to 55 GET/s instead: at most 55 x 30 + 55 = 1705 GETs are granted, enough for at most
    // 213 page views of 8 assets, so at least 2520 - 213 = 2307 fail, and no more than the outage.
    @Test
    void storageOutageAndThrottle_failThePageViewsThatFetchAssets() throws ScenarioException {
        ScenarioResult outage = runTen(load("storage-outage-stage-6.yaml"));
        ScenarioResult throttle = runTen(load("storage-throttle-stage-6.yaml"));
        Estimate down = outage.all().errors().get("storage_unavailable");
        Estimate slow = throttle.all().errors().get("throttled");
        System.out.println("page views failed: outage " + down + ", throttle " + slow);
        assertTrue(down.mean() + down.ci95() >= 2520 && down.mean() - down.ci95() <= 2604, "outage " + down);
        assertTrue(down.ci95() < 100, "the test must be able to fail: " + down);
        assertTrue(slow.mean() + slow.ci95() >= 2307 && slow.mean() - slow.ci95() <= 2604, "throttle " + slow);
        for (ScenarioResult r : List.of(outage, throttle)) {
            for (ScenarioResult.ClassResult c : r.requests()) {
                if (!c.name().equals("page")) {
                    assertTrue(c.errorRate().mean() == 0, c.name() + " does not touch the storage");
                }
            }
        }
    }

    // A partition between the app and its database for 5 s: a call made while it lasts waits until it
    // heals. Each page view crosses twice (it opens a connection, then queries), so crossings come at
    // 20/s; the longest wait is the page view making the first crossing after the cut, Exp(20/s)
    // after it: 5 s - 50 ms on average, plus about 3 ms of work. Nothing fails (no timeout is
    // shorter than 5 s).
    @Test
    void partition_holdsTheCallsUntilItHeals() throws ScenarioException {
        String text = """
                name: partition
                hosts: {h1: {cores: 4, memory: 64GiB}, h2: {cores: 4, memory: 8GiB}}
                services:
                  browser: {type: browser, rate: 10/s, rtt: 0s, target: app}
                  app: {type: app_server, host: h1, workers: 200}
                  db: {type: database, host: h2}
                requests:
                  page:
                    view:
                      cpu: 1ms
                      calls: [{service: db, cpu: 100us}]
                faults: [{type: partition, target: h1, to: h2, at: 10s, for: 5s}]
                """;
        Scenario s = ScenarioLoader.loadText("partition.yaml", text, Path.of("."));
        ScenarioResult r = run(s.withRun(new RunSpec(20_000_000_000L, 5_000_000_000L, 20, 1, 1_000_000_000L)));
        Estimate max = r.all().latencyMs().max();
        System.out.println("longest page view with a 5 s partition: " + max + " ms");
        assertTrue(r.all().errorRate().mean() == 0, "nothing fails");
        double tolerance = max.ci95() * 3.883 / 2.093 + 10; // 99.9 % interval of the mean of 20, + work
        assertTrue(Math.abs(max.mean() - 4953) < tolerance, max + " vs 4953 ms");
        assertTrue(tolerance < 100, "the test must be able to fail: " + tolerance);
    }

    // Time to recover, on M/M/1 (lambda = 50/s, mu = 100/s): the server hangs 10 s, so n = 500 page views
    // (plus the rho / (1 - rho) = 1 already there) wait for it. From n in the system an M/M/1 queue
    // empties in n / (mu - lambda) on average (Wald): 501 / 50 = 10.02 s after the hang. Until then
    // every completion is late, so recovery (five windows in a row back within the variation seen
    // before) cannot come earlier; it comes at the first whole window after the queue empties, half a
    // window later on average, later still when a normal window happens to exceed the pre-fault maximum.
    @Test
    void recovery_isTheTimeTheBacklogTakesToDrain() throws ScenarioException {
        Scenario mm1 = ScenarioLoader.load(Path.of("..", "scenarios", "textbook-mm1.yaml"));
        Scenario s = mm1.withFaults(List.of(new FaultSpec.HostHang("server", 30_000_000_000L, 10_000_000_000L, 1)))
                .withRun(new RunSpec(70_000_000_000L, 5_000_000_000L, 20, 1, 1_000_000_000L));
        ScenarioResult r = run(s);
        Estimate recover = r.faults().get(0).recoverS();
        double tolerance = recover.ci95() * 3.883 / 2.093; // the 99.9 % interval of the mean of 20
        System.out.println("recovery after a 10 s hang of M/M/1 at rho = 0.5: " + recover + " s");
        assertTrue(recover.mean() + tolerance >= 10.02, "recovery before the backlog drained: " + recover);
        assertTrue(recover.mean() - tolerance <= 10.02 + 2, "recovery long after the backlog drained: " + recover);
        assertTrue(tolerance < 1.5, "the test must be able to fail: " + tolerance);
    }

    // Goodput during a fault: the share of page views that completed within the objective's latency. On
    // M/M/1 (lambda = 50/s, mu = 100/s) the response time is exponential with rate mu - lambda, so with a
    // 50 ms bound and a fault that changes nothing (a slowdown by 1) goodput is 1 - exp(-50 x 0.05) =
    // 0.91792. The per-window histograms count the bucket holding 50 ms as good: that bucket (2^(1/16)
    // wide) holds at most f(50 ms) x 50 ms x (2^(1/16) - 1) = 0.0090 of the page views.
    @Test
    void goodput_isTheShareWithinTheLatencyObjective() throws ScenarioException {
        Scenario mm1 = ScenarioLoader.load(Path.of("..", "scenarios", "textbook-mm1.yaml"));
        Scenario s = mm1.withSlo(new SloSpec(0, 0, 50_000_000L, Double.NaN))
                .withFaults(List.of(new FaultSpec.SlowDependency("app", 20_000_000_000L, 300_000_000_000L, 1, 1)))
                .withRun(new RunSpec(400_000_000_000L, 20_000_000_000L, 10, 1, 1_000_000_000L));
        Estimate goodput = run(s).faults().get(0).goodput();
        double exact = 1 - Math.exp(-2.5);
        double bucket = 50 * Math.exp(-2.5) * 0.05 * (Math.pow(2, 1 / 16.0) - 1);
        double tolerance = goodput.ci95() * 4.781 / 2.262; // the 99.9 % interval of the mean of 10
        System.out.println("goodput within 50 ms on M/M/1 at rho = 0.5: " + goodput + " vs " + exact + " (+ " + bucket
                + ")");
        assertTrue(goodput.mean() + tolerance >= exact && goodput.mean() - tolerance <= exact + bucket,
                goodput + " vs " + exact);
    }

    private static Scenario withRetries(String failure, String retry) throws ScenarioException {
        Path base = Path.of("..", "scenarios", "failures", failure).toAbsolutePath();
        try {
            Path f = java.nio.file.Files.createTempDirectory("stagesim-retries").resolve("retries.yaml");
            java.nio.file.Files.writeString(f, "extends: " + base + "\nservices:\n  browser: {" + retry + "}\n");
            return ScenarioLoader.load(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // The retry budget is a conservation law: clients start with 10 tokens, earn 0.1 per page view and
    // spend one per retry. In stage 3's crash every attempt fails, so tokens are spent as soon as there is
    // one: retries = 10 + 0.1 x (page views begun during the crash) - (under one token left), in every
    // replication. Begun during it: arrived in its windows (the fault row's offered also counts the page
    // views in flight when it began, which earned their tokens before, when the budget was full).
    @Test
    void retryBudget_capsTheRetriesOfAnOutage() throws ScenarioException {
        Scenario s = withRetries("crash-stage-3.yaml", "retries: 3, retry_budget: 10%").withFaults(List.of(
                new FaultSpec.HostCrash("web", 60_000_000_000L, 60_000_000_000L, "reset", 1))); // refused at once
        for (int i = 0; i < s.run().replications(); i++) {
            io.stagesim.run.ReplicationResult r = Conservation.replication(s, i);
            long retries = r.counters().stream().filter(c -> c.what().equals("retries")).findFirst().orElseThrow()
                    .count();
            long begun = 0;
            for (int w = 0; w < r.series().start().length; w++) {
                begun += r.series().start()[w] >= 60 && r.series().start()[w] < 120 ? r.series().offered()[w] : 0;
            }
            double bound = 10 + 0.1 * begun;
            System.out.println("replication " + i + ": retries during the outage " + retries + ", bound " + bound);
            assertTrue(retries <= bound + 1e-9 && retries > bound - 1, retries + " vs " + bound);
        }
    }

    // Behind the managed balancer, a third of the HTML requests fail for the 30 s until app1 is ejected
    // (the assets come from object storage). With two retries, round robin sends each to a server at
    // random as far as it can tell: a page view fails if all three attempts reach app1, (1/3)^3. Writes
    // (5 % of page views) are not retried after being sent. Over the 60 s window:
    // availability = 1 - (0.95 (1/3)^3 + 0.05 (1/3)) x 30/60 = 0.97407, against 0.8333 without retries.
    @Test
    void retries_hideMostOfTheDetectionDelayBehindAManagedBalancer() throws ScenarioException {
        Scenario s = withRetries("crash-app-stage-8.yaml", "retries: 2, retry_budget: 100%");
        ScenarioResult retried = run(s.withRun(new RunSpec(s.run().duration(), s.run().warmup(), 10, s.run().seed(),
                s.run().window())));
        Estimate with = retried.faults().get(0).availability();
        double expected = 1 - (0.95 / 27 + 0.05 / 3) * 30 / 60;
        double tolerance = with.ci95() * 4.781 / 2.262; // the 99.9 % interval of the mean of 10
        System.out.println("stage 8 crash availability with two retries " + with + " vs " + expected);
        assertTrue(Math.abs(with.mean() - expected) < tolerance, with + " vs " + expected);
    }
}
