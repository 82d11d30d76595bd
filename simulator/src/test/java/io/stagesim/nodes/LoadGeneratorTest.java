package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A load generator on the host it measures ({@code load_generator}), traced by hand: constant CPU,
 * users thinking a constant time, no network delay. The generator's CPU comes after each page view,
 * before the think time: the latency is the server's alone, and the host's CPU is busy for both,
 * so its utilisation is throughput × (view CPU + the generator's per request × requests).
 */
final class LoadGeneratorTest {

    private static final long MS = 1_000_000L;

    private static String yaml(String generator, String assets) {
        return """
                name: loadgen
                run: {duration: 12.2s, warmup: 0s, replications: 1, seed: 1}
                hosts:
                  web: {cores: 2, memory: 4GiB}
                services:
                  browser:
                    type: browser
                    users: 1
                    think: 1s
                    rtt: 0s
                    target: app
                    timeout: 300s
                    load_generator: %s
                  app: {type: app_server, host: web, workers: 1}
                requests:
                  page:
                    view: {cpu: 100ms}
                    assets: %s
                """.formatted(generator, assets);
    }

    private static ReplicationResult run(String yaml) throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("loadgen.yaml", yaml, Path.of(".")), 0);
    }

    // One user: a page at 1 s answered at 1.1 s, then 20 ms of the generator's CPU, then 1 s of
    // thought: pages at 1, 2.12, 3.24 … 11.08 s, ten in 12.2 s, each 100 ms. The CPU is busy
    // 10 × (100 + 20) ms = 1.2 s of 2 cores × 12.2 s; the utilisation law gives the same,
    // X × D = (10 / 12.2) × 0.12 / 2.
    @Test
    void generatorCpu_isOnTheHost_afterThePageView_outsideItsLatency() throws ScenarioException {
        ReplicationResult r = run(yaml("{host: web, cpu_per_request: 20ms}", "0"));
        assertEquals(10, r.all().completed());
        assertEquals(100 * MS, r.all().latency().max(), 0);
        assertEquals(100 * MS, r.all().latency().mean(), 1e-6);
        double throughput = 10 / 12.2;
        assertEquals(throughput * (0.100 + 0.020) / 2, r.hosts().get(0).cpuUtilization(), 1e-12);
    }

    // With two static assets (1 ms of the worker's CPU each, the default) a page view sends three
    // requests: the generator spends 3 × 10 ms after it, and its latency is what it is without one.
    // Ten pages in 12.2 s (each cycle is its latency, 30 ms and 1 s of thought), the CPU busy
    // 10 × (100 + 1 + 1 + 30) ms.
    @Test
    void generatorCpu_isPerRequestSent() throws ScenarioException {
        ReplicationResult r = run(yaml("{host: web, cpu_per_request: 10ms}", "2"));
        ReplicationResult none = run(yaml("{host: web, cpu_per_request: 0ms}", "2"));
        assertEquals(10, r.all().completed());
        // the assets also cross the client's link (10 Mbit/s): whatever that adds, the generator adds nothing
        assertEquals(none.all().latency().max(), r.all().latency().max(), 0);
        assertEquals(10 * 0.132 / (2 * 12.2), r.hosts().get(0).cpuUtilization(), 1e-12);
    }

    @Test
    void generatorOnAHostThatIsNot_isALocatedProblem() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> run(yaml("{host: wbe, cpu_per_request: 20ms}", "0")));
        assertTrue(e.getMessage().contains("loadgen.yaml:13:"), e.getMessage());
        assertTrue(e.getMessage().contains("no host named 'wbe'"), e.getMessage());
        assertTrue(e.getMessage().contains("hosts: web"), e.getMessage());
        ScenarioException missing = assertThrows(ScenarioException.class, () -> run(yaml("{host: web}", "0")));
        assertTrue(missing.getMessage().contains("load_generator.cpu_per_request"), missing.getMessage());
    }
}
