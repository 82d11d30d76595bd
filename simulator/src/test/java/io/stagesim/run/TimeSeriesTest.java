package io.stagesim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.scenario.RunSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a run keeps window by window: each class's percentiles, and the utilisation of its resources. */
final class TimeSeriesTest {

    private static final long S = 1_000_000_000L;

    // Every resource's utilisation per window, averaged over the measured windows weighted by their
    // length, is the run's utilisation of it: the windows split the same integral. The run is long
    // enough (1,500 windows of 10 ms) for pairs to merge once (750 windows of 20 ms), and its
    // warm-up (2 s) falls on a window boundary.
    @Test
    void utilisationPerWindow_averagesToTheRunsUtilisation() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("..", "scenarios", "tasks-on-host.yaml"));
        RunSpec run = s.run();
        s = s.withRun(new RunSpec(15 * S, 2 * S, 1, 5, 10_000_000L, run.maxEvents(), run.maxWallMillis(),
                run.maxInFlight()));
        ReplicationResult r = Conservation.replication(s, 0);
        ReplicationResult.Series series = r.series();
        assertEquals(0.02, series.windowSeconds(), 1e-12, "1,500 windows of 10 ms merged into 750 of 20 ms");
        int checked = 0;
        for (ReplicationResult.UtilizationSeries u : series.utilization()) {
            double area = 0;
            double time = 0;
            for (int i = 0; i < series.start().length; i++) {
                double len = Math.min(series.windowSeconds(), 15 - series.start()[i]);
                if (series.start()[i] >= 2 - 1e-9 && len > 0) {
                    area += u.values()[i] * len;
                    time += len;
                }
            }
            double overRun = u.resource().equals(ReplicationResult.UtilizationSeries.hostCpu(u.service()))
                    ? r.hosts().stream().filter(h -> h.name().equals(u.service())).findFirst().orElseThrow()
                            .cpuUtilization()
                    : r.resources().stream().filter(x -> x.service().equals(u.service())
                            && x.resource().equals(u.resource())).findFirst().orElseThrow().utilization();
            assertEquals(overRun, area / time, 1e-9, u.service() + " " + u.resource());
            checked += overRun > 0.05 ? 1 : 0;
        }
        assertTrue(checked >= 3, "the web CPU, the workers and the database host at least: " + checked);
    }

    // One user, no think time to speak of and no network: each page view runs alone, so its latency
    // is its view's CPU exactly: 10 ms for a page, 4 ms for an api call. In every window where a
    // class completed, its p50 and p99 are that figure (within the windows' histogram precision,
    // 3.1 %); where none of a class completed the window has no value (null). The classes are drawn
    // at random (70 % / 30 %), so a window of 30 ms holding one or two page views has no api call.
    @Test
    void perClassPercentilesPerWindow_areEachClassOwnLatency() throws Exception {
        Scenario s = ScenarioLoader.loadText("one-user.yaml", """
                name: one-user
                run: {duration: 6s, warmup: 0s, window: 30ms, replications: 1, seed: 2}
                hosts:
                  server: {cores: 1, memory: 1GiB}
                services:
                  browser: {type: browser, users: 1, think: constant(1ms), rtt: 0s, target: app}
                  app: {type: app_server, host: server, workers: 1, memory_per_worker: 100MiB}
                requests:
                  page: {share: 70%, view: {cpu: constant(10ms)}}
                  api: {share: 30%, view: {cpu: constant(4ms)}}
                """, Path.of("."));
        ScenarioResult r = Conservation.run(s, 1);
        ScenarioResult.TimeSeries t = r.series();
        assertNotNull(t);
        assertEquals(200, t.windowStartS().size(), "6 s in windows of 30 ms");
        int[] seen = new int[2];
        int[] none = new int[2];
        for (int k = 0; k < 2; k++) {
            ScenarioResult.ClassLatency c = t.latencyMs().get(k == 0 ? "page" : "api");
            double ms = k == 0 ? 10 : 4;
            for (int i = 0; i < t.windowStartS().size(); i++) {
                Double p50 = c.p50().get(i);
                Double p99 = c.p99().get(i);
                if (p50 == null) {
                    assertNull(p99);
                    none[k]++;
                    continue;
                }
                assertEquals(ms, p50, 0.031 * ms, "window " + i);
                assertEquals(ms, p99, 0.031 * ms, "window " + i);
                seen[k]++;
            }
        }
        assertTrue(seen[0] > 150 && seen[1] > 50, "both classes completed in many windows");
        assertTrue(none[1] > 20, "and the api in not all of them");
        List<Double> all = t.latencyMs().get("all").p99();
        assertEquals(200, all.size());
        assertTrue(all.stream().allMatch(v -> v != null && (Math.abs(v - 10) < 0.31 || Math.abs(v - 4) < 0.124)));
    }
}
