package io.stagesim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.scenario.ServiceSpec;
import io.stagesim.stats.ConfidenceInterval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stage 8's bill at 300 page views/s, line by line, against figures worked by hand from the price
 * book (scenarios/prices/aws-us-east-1.yaml) and the sizes the scenario declares: 70 % pages of
 * 50 KB with 8 assets of 20 KB from object storage, 25 % API calls of 5 KB, 5 % posts answered
 * with 1 KB (no proxy: nothing gzipped).
 *
 * <p>By hand, per hour at 300/s: hosts t3.xlarge + 3 × t3.medium = 0.1664 + 3 × 0.0416 = 0.2912;
 * the balancer's hour 0.0225; its LCU from the binding dimension, processed bytes: 300 × 3,600 ×
 * (0.7 × 50,000 + 0.25 × 5,000 + 0.05 × 1,000 = 36,300) B = 39.204 GB, 39.204 LCU × 0.008 =
 * 0.313632 (new connections give 300 / 25 = 12 LCU); data transfer out: responses 39.204 GB +
 * assets 300 × 0.7 × 8 × 20,000 B × 3,600 = 120.96 GB, together 160.164 GB/h, a month of
 * 116,919.72 GB priced through the tiers (100 GB free, 9,900 at 0.09, 40,000 at 0.085, 66,919.72
 * at 0.07) = 8,975.3804, over 730 h = 12.295042, split by bytes; storage GETs 300 × 0.7 × 8 ×
 * 3,600 = 6,048,000, × 0.0004 / 1,000 = 2.4192.
 */
final class BillTest {

    private static final Path STAGE_8 = Path.of("..", "scenarios", "stage-8-managed-lb.yaml");
    private static final double TRANSFER = 8_975.3804 / 730;
    private static final double[] HAND = {0.1664, 0.0416, 0.0416, 0.0416, 0.0225, 0.313632,
        TRANSFER * 39.204 / 160.164, TRANSFER * 120.96 / 160.164, 2.4192};
    private static final String[] ITEMS = {"host dbhost (t3.xlarge)", "host app1 (t3.medium)", "host app2 (t3.medium)",
        "host app3 (t3.medium)", "load balancer balancer (hour)", "load balancer balancer (LCU)",
        "data transfer out from our servers", "data transfer out from media", "media GET requests"};

    // The bill's arithmetic on exactly the hand's traffic: an hour at 300/s, every page view
    // completed (756,000 pages, 270,000 API calls, 54,000 posts), the assets' bytes from storage.
    @Test
    void handTraffic_givesTheHandBill_lineByLine() throws ScenarioException {
        Scenario s = ScenarioLoader.load(STAGE_8);
        Bill.Usage u = new Bill.Usage(3600, 1_080_000, new long[] {756_000, 270_000, 54_000}, 0.3, 0,
                Map.of("media", new long[] {6_048_000, 0, 120_960_000_000L}), Map.of(), Map.of());
        List<Bill.Line> lines = Bill.of(s, u);
        assertEquals(List.of(ITEMS), lines.stream().map(Bill.Line::item).toList());
        for (int i = 0; i < HAND.length; i++) {
            assertEquals(HAND[i], lines.get(i).perHour(), 1e-9, ITEMS[i]);
        }
        Map<String, Double> lcu = lines.get(5).detail();
        assertEquals(39.204, lcu.get("processed_bytes"), 1e-9);
        assertEquals(12, lcu.get("new_connections"), 1e-9);
        assertEquals(300 * 0.3 / 3000, lcu.get("active_connections"), 1e-12); // Little's law
        assertEquals(0, lcu.get("rule_evaluations"), 1e-12); // one rule, ten free
        assertEquals(39.204, lines.get(5).quantity(), 1e-9);
        double total = 0;
        for (double h : HAND) {
            total += h;
        }
        assertEquals(total, Bill.total(lines), 1e-9);
        assertEquals(total / (1_080_000.0) * 1e6, Bill.perMillion(total, 1_080_000, 3600), 1e-9);
    }

    // Stage 3's own servers send the assets; with the browser cache of stage-3-browser-cache (80 %
    // repeat visits, on which every asset is fresh or a 304 with no body) a fifth of the pages'
    // assets are fetched: at 100/s for an hour, 252,000 pages × 8 × 20,000 B × (1 − 0.2) = 32.256 GB
    // fewer bytes out than stage 3's, whose responses are the same.
    @Test
    void browserCache_billsOnlyTheAssetsFetched() throws ScenarioException {
        Bill.Usage u = new Bill.Usage(3600, 360_000, new long[] {252_000, 90_000, 18_000}, 0.3, 0, Map.of(),
                Map.of(), Map.of());
        double cached = bytesOut(ScenarioLoader.load(STAGE_8.resolveSibling(Path.of("edge",
                "stage-3-browser-cache.yaml"))), u);
        double uncached = bytesOut(ScenarioLoader.load(STAGE_8.resolveSibling("stage-3-nginx.yaml")), u);
        assertEquals(32.256, uncached - cached, 1e-9);
    }

    private static double bytesOut(Scenario s, Bill.Usage u) {
        return Bill.of(s, u).stream().filter(l -> l.item().equals("data transfer out from our servers"))
                .findFirst().orElseThrow().quantity();
    }

    // Stage 6 behind a CDN (stage-6-cdn), an hour at 300/s by hand: the CDN serves the 6,048,000
    // assets (300 × 0.7 × 8 × 3,600) and sends their 120.96 GB to browsers at its own price,
    // 120.96 × 0.085 = 10.2816 $/h, and 6,048,000 / 10,000 × 0.01 = 6.048 $/h for its requests; the
    // bucket serves the 10 % misses, 604,800 GETs × 0.0004 / 1,000 = 0.24192 $/h, and sends no byte
    // to a browser.
    @Test
    void cdn_billsItsBytesAndRequestsAtItsOwnPrice() throws ScenarioException {
        Scenario s = ScenarioLoader.load(STAGE_8.resolveSibling(Path.of("edge", "stage-6-cdn.yaml")));
        Bill.Usage u = new Bill.Usage(3600, 1_080_000, new long[] {756_000, 270_000, 54_000}, 0.3, 0,
                Map.of("media", new long[] {604_800, 0, 0}), Map.of(),
                Map.of("cdn", new long[] {6_048_000, 120_960_000_000L}));
        Map<String, Double> perHour = new java.util.LinkedHashMap<>();
        for (Bill.Line l : Bill.of(s, u)) {
            perHour.put(l.item(), l.perHour());
        }
        assertEquals(10.2816, perHour.get("data transfer out from cdn (CDN)"), 1e-9);
        assertEquals(6.048, perHour.get("cdn (CDN) requests"), 1e-9);
        assertEquals(0.24192, perHour.get("media GET requests"), 1e-12);
        assertEquals(0, perHour.get("data transfer out from media"), 1e-12);
    }

    // A managed database proxy (stage-7-rds-proxy) is billed per vCPU of the database's instance
    // by the hour, whatever the traffic: dbhost is a t3.xlarge, 4 vCPUs × 0.015 = 0.06 $/h, among
    // the machines. A database of 1 vCPU is billed the minimum 2: 0.03 $/h.
    @Test
    void databaseProxy_billedPerVcpuOfItsDatabasesHost() throws ScenarioException {
        Scenario s = ScenarioLoader.load(STAGE_8.resolveSibling(Path.of("connections", "stage-7-rds-proxy.yaml")));
        Bill.Usage u = new Bill.Usage(3600, 432_000, new long[] {302_400, 108_000, 21_600}, 0.3, 0, Map.of(),
                Map.of(), Map.of());
        Bill.Line line = Bill.of(s, u).stream().filter(l -> l.item().startsWith("database proxy")).findFirst()
                .orElseThrow();
        assertEquals("database proxy proxy (4 vCPUs, as host dbhost)", line.item());
        assertEquals("machines", line.category());
        assertEquals(4, line.quantity(), 0);
        assertEquals(0.06, line.perHour(), 1e-12);
        assertEquals(0.03, s.prices().databaseProxy().perHour(1), 1e-12);
    }

    // The simulated run at 300/s bills what it moved; each line's 99.9 % interval over ten
    // fixed-seed replications holds the hand figure (the fixed lines exactly).
    @Test
    void stageEightAt300PerSecond_billsTheHandFigures() throws ScenarioException {
        Scenario s = ScenarioLoader.load(STAGE_8).withPeakRate(300);
        s = s.withRun(s.run().with(s.run().duration(), s.run().warmup(), 10, s.run().seed()));
        List<ReplicationResult> reps = new ArrayList<>();
        for (int i = 0; i < s.run().replications(); i++) {
            reps.add(Conservation.replication(s, i));
        }
        for (int i = 0; i < HAND.length; i++) {
            int c = i;
            assertEquals(ITEMS[i], reps.get(0).bill().get(i).item());
            double[] v = reps.stream().mapToDouble(r -> r.bill().get(c).perHour()).toArray();
            ConfidenceInterval ci = ConfidenceInterval.of(v, 0.999);
            String line = ITEMS[i] + ": hand " + HAND[i] + ", simulated " + ci;
            System.out.println(line);
            assertTrue(ci.contains(HAND[i]) || Math.abs(ci.mean() - HAND[i]) < 1e-12, line);
            assertTrue(ci.halfWidth() <= 0.03 * HAND[i], "interval too wide: " + line);
        }
        for (ReplicationResult r : reps) {
            Map<String, Double> lcu = r.bill().get(5).detail();
            assertEquals(lcu.get("processed_bytes"), r.bill().get(5).quantity(), 1e-12, "processed bytes bind");
            assertEquals(Bill.total(r.bill()), r.costPerHour(), 1e-12);
        }
    }

    // The managed balancer's new connections per page view (its LCU dimension) follow the browsers'
    // rules: at stage 8 the assets come from object storage, so a page view opens one connection to
    // it, half of one when half the page views reuse theirs; with the assets through it over
    // HTTP/1.1, 0.7 × min(6, 8) + 0.3 × 1 = 4.5; over HTTP/2, one.
    @Test
    void newConnectionsPerPageView_followTheBrowsersRules() throws ScenarioException {
        Scenario s = ScenarioLoader.load(STAGE_8);
        ServiceSpec lb = s.services().get("balancer");
        assertEquals(1, Bill.connectionsPerView(s, s.browser(), lb), 1e-12);
        Scenario half = ScenarioLoader.load(STAGE_8, List.of("services.browser.connection_reuse=50%"));
        assertEquals(0.5, Bill.connectionsPerView(half, half.browser(), half.services().get("balancer")), 1e-12);
        Scenario assets = ScenarioLoader.load(STAGE_8, List.of("services.browser.static_from=null",
                "services.balancer.http2=false"));
        assertEquals(4.5, Bill.connectionsPerView(assets, assets.browser(), assets.services().get("balancer")), 1e-12);
        Scenario h2 = ScenarioLoader.load(STAGE_8, List.of("services.browser.static_from=null"));
        assertEquals(1, Bill.connectionsPerView(h2, h2.browser(), h2.services().get("balancer")), 1e-12);
    }
}
