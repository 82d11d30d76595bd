package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.analytic.MM1PS;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.stats.ConfidenceInterval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Bytes on the wire: a host's network interface is a processor-sharing server whose jobs are
 * transfers (size / bandwidth alone), and a client's last mile a delay of size / its downlink.
 * Checked alone (exact), at saturation (the interface's bound) and under Poisson load (M/G/1-PS).
 */
final class BytesOnTheWireTest {

    private static final double MS = 1e6;

    private static Scenario load(String yaml) throws ScenarioException {
        return ScenarioLoader.loadText("bytes.yaml", yaml, Path.of("."));
    }

    private static List<ReplicationResult> run(Scenario s) {
        List<ReplicationResult> reps = new ArrayList<>();
        for (int i = 0; i < s.run().replications(); i++) {
            reps.add(Conservation.replication(s, i));
        }
        return reps;
    }

    private static ConfidenceInterval ci(List<ReplicationResult> reps, ToDoubleFunction<ReplicationResult> f) {
        return ConfidenceInterval.of(reps.stream().mapToDouble(f).toArray(), 0.999);
    }

    // One user, a 1 MB response, a 10 ms view: the interface (1 Gbit/s = 125 MB/s) sends it in
    // 1e6 / 1.25e8 s = 8 ms, the client's 100 Mbit/s downlink takes 1e6 / 1.25e7 s = 80 ms: every
    // page view takes 10 + 8 + 80 = 98 ms exactly. Pages at 1 s and 2.098 s.
    @Test
    void oneResponseAlone_takesSizeOverBandwidth_onTheInterfaceAndTheLastMile() throws ScenarioException {
        ReplicationResult r = Conservation.replication(load("""
                name: alone
                run: {duration: 3s, warmup: 0s, replications: 1, seed: 1}
                hosts:
                  web: {cores: 1, bandwidth: 1Gbps}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, downlink: 100Mbps, target: app}
                  app: {type: app_server, host: web, workers: 1}
                requests:
                  page:
                    response_size: 1MB
                    view: {cpu: 10ms}
                """), 0);
        assertEquals(2, r.all().completed());
        assertEquals(98 * MS, r.all().latency().mean(), 1);
        assertEquals(98 * MS, r.all().latency().max(), 1);
    }

    // A page of 4 × 2 MB assets behind one 1 Gbit/s interface: 8 MB per page view at 125 MB/s,
    // so at most 1e9 / 8 / 8e6 = 15.625 page views/s, however many users. 200 closed users who
    // think 5 s on average would offer 40/s: the interface is always busy (and their random thinking
    // keeps them from moving in lockstep); the HTML has no bytes and no CPU.
    @Test
    void fourAssetsOfTwoMegabytes_behindOneGigabit_capAt15point6PageViewsPerSecond() throws ScenarioException {
        Scenario s = load("""
                name: capped
                run: {duration: 300s, warmup: 60s, replications: 5, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 8, bandwidth: 1Gbps}
                services:
                  browser: {type: browser, users: 200, think: exponential(5s), rtt: 0s, downlink: 1Gbps, target: app}
                  app: {type: app_server, host: web, workers: 500, static_cpu: 0s, memory_per_worker: 1MiB}
                requests:
                  page:
                    response_size: 0B
                    assets: 4
                    asset_size: 2MB
                """);
        List<ReplicationResult> reps = run(s);
        ConfidenceInterval x = ci(reps, r -> r.all().completed() / r.measuredSeconds());
        double bound = 1e9 / 8 / 8e6;
        System.out.println("page views/s: bound " + bound + ", simulated " + x);
        assertTrue(x.mean() <= bound * 1.002, x.toString());
        assertTrue(x.contains(bound) || bound - x.mean() < 0.01 * bound, x.toString());
    }

    // Poisson responses of 1 MB (8 ms each on a 1 Gbit/s interface) at 62.5/s: ρ = 0.5, and a
    // processor-sharing server's mean response is E[S] / (1 − ρ) = 16 ms whatever the size's
    // distribution. The view has no CPU and the client's last mile takes 8 ns (1 MB at 1 Pbit/s).
    @Test
    void interfaceUnderPoissonLoad_meanResponseIsTheMG1PsFormula() throws ScenarioException {
        Scenario s = load("""
                name: ps
                run: {duration: 200s, warmup: 10s, replications: 10, seed: 1}
                hosts:
                  web: {cores: 1, bandwidth: 1Gbps}
                services:
                  browser: {type: browser, rate: 62.5/s, rtt: 0s, downlink: 1000000Gbps, target: app}
                  app: {type: app_server, host: web, workers: 1000, memory_per_worker: 1MiB}
                requests:
                  page:
                    response_size: 1MB
                """);
        ConfidenceInterval w = ci(run(s), r -> r.all().latency().mean() / MS);
        double exact = MM1PS.meanResponseTime(62.5 / 1000, 8.0) + 8e-6;
        System.out.println("mean response (ms): exact " + exact + ", simulated " + w);
        assertTrue(w.contains(exact), w.toString());
        assertTrue(w.halfWidth() < 0.03 * exact, w.toString());
    }

    // The page's size moved from the proxy to the request class: an old file says where it goes now.
    @Test
    void htmlSizeAtTheProxy_isALocatedErrorNamingResponseSize() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> load("""
                name: old
                hosts:
                  web: {cores: 2}
                services:
                  browser: {type: browser, rate: 1/s, target: nginx}
                  nginx: {type: proxy, host: web, upstreams: [app], html_size: 50KB}
                  app: {type: app_server, host: web}
                requests:
                  page: {}
                """));
        assertTrue(e.getMessage().contains("bytes.yaml:6:"), e.getMessage());
        assertTrue(e.getMessage().contains("response_size"), e.getMessage());
    }
}
