package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.assembly.ModelBuilder;
import io.stagesim.assembly.WebModel;
import io.stagesim.operations.Operations;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/**
 * Connection reuse worked out from think time (calibration A.1): a visitor's connection to NGINX
 * stays open for {@code keepalive_timeout} after its last use, and its next page view reuses it when
 * the think time since is shorter. Page views of the HTML alone (no assets), no round trip, so a page
 * view that does not reuse opens exactly one connection and the idle time is exactly the think time.
 */
final class ConnectionReuseTest {

    private static final String SCENARIO = """
            name: reuse
            run: {duration: %s, warmup: 0s, replications: 1, seed: 1}
            network: {same_host_rtt: 0s, datacenter_rtt: 0s}
            hosts:
              web: {cores: 2, memory: 4GiB, bandwidth: 1000000Gbps}
            services:
              browser: {type: browser, %s, rtt: 0s, downlink: 1000000Gbps, target: nginx}
              nginx: {type: proxy, host: web, upstreams: [app], keepalive_timeout: 5s}
              app: {type: app_server, host: web, workers: 4}
            requests:
              page:
                view: {cpu: 1ms}
            """;

    private static WebModel run(String duration, String workload, int replication) throws ScenarioException {
        Scenario s = ScenarioLoader.loadText("r.yaml", SCENARIO.formatted(duration, workload), Path.of("."));
        WebModel m = ModelBuilder.build(s, s.run().seed(), replication);
        Operations.attach(m);
        m.start();
        m.simulation().run(s.run().duration());
        Conservation.check(m);
        return m;
    }

    // Think 4 s < 5 s: each of the 20 users opens one connection, at its first page view, and reuses it
    // ever after; think 6 s > 5 s: every page view opens one.
    @Test
    void deterministicThink_belowTheTimeout_allReuse_aboveIt_none() throws ScenarioException {
        WebModel below = run("200s", "users: 20, think: 4s", 0);
        assertEquals(20, ModelRun.counter(below, "connections_opened"));
        assertTrue(below.classStats()[0].offered.total() > 20 * 40);
        WebModel above = run("200s", "users: 20, think: 6s", 0);
        assertEquals(above.classStats()[0].offered.total(), ModelRun.counter(above, "connections_opened"));
    }

    // Exponential think of mean m = 5 s against T = 5 s: a page view after a user's first reuses with
    // probability P(think < T) = 1 − e^(−T/m) = 1 − 1/e = 0.6321. Five replications of about 20,000 page
    // views each; the exact value must lie in their 99 % Student-t interval.
    @Test
    void exponentialThink_shareReusing_isOneMinusExpOfMinusTOverM() throws ScenarioException {
        int n = 5;
        double[] share = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            WebModel m = run("1000s", "users: 100, think: exponential(5s)", i);
            long views = m.classStats()[0].offered.total();
            long opened = ModelRun.counter(m, "connections_opened");
            share[i] = (views - opened) / (double) (views - 100); // each user's first page view cannot reuse
            mean += share[i] / n;
        }
        double var = 0;
        for (double x : share) {
            var += (x - mean) * (x - mean) / (n - 1);
        }
        double half = new TDistribution(n - 1).inverseCumulativeProbability(0.995) * Math.sqrt(var / n);
        double exact = 1 - Math.exp(-1);
        assertTrue(Math.abs(mean - exact) <= half, "share " + mean + " ± " + half + ", exact " + exact);
        assertTrue(half < 0.01, "interval too wide to mean anything: ± " + half);
    }

    // An open workload of visits of 4 page views, 2 s apart (< 5 s): exactly one connection per visit
    // (its first page view); 8 s apart (> 5 s): one per page view. Visits arrive at 8/s / 4 = 2/s, so
    // page views still come at 8/s: over 1,000 s, 8,000 less those of the visits still under way at
    // the end (those of the last 3 × 8 s, about 48, each short of at most 3: 144), within three standard
    // deviations of a Poisson count of 2,000 visits (4 × 3 × √2000 = 537 page views).
    @Test
    void visits_reuseWithinAVisit_pageViewsAtTheRate() throws ScenarioException {
        WebModel near = run("1000s", "rate: 8/s, visits: {page_views: 4, think: 2s}", 0);
        long visits = near.arrivals().generated();
        assertEquals(visits, ModelRun.counter(near, "connections_opened"));
        long views = near.classStats()[0].offered.total();
        assertTrue(views <= 4 * visits && views >= 4 * visits - 3 * 100, views + " page views, " + visits + " visits");
        WebModel apart = run("1000s", "rate: 8/s, visits: {page_views: 4, think: 8s}", 0);
        long v = apart.classStats()[0].offered.total();
        assertEquals(v, ModelRun.counter(apart, "connections_opened"));
        assertTrue(Math.abs(v - 8000) < 537 + 144, v + " page views in 1,000 s at 8/s");
    }

    // A closed workload's users already think: visits with one is refused, with its place.
    @Test
    void visits_withAClosedWorkload_isRefusedWithItsPlace() {
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> ScenarioLoader.loadText("r.yaml", SCENARIO.formatted("10s",
                        "users: 5, visits: {page_views: 2}"), Path.of(".")));
        String msg = e.problems().format();
        assertTrue(msg.contains("r.yaml:7:") && msg.contains("services.browser.visits")
                && msg.contains("closed workload's users already think"), msg);
    }
}
