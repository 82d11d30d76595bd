package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.report.TextReporter;
import io.stagesim.run.ReplicationResult;
import io.stagesim.run.ScenarioResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runaway runs end cleanly, with what was measured so far marked partial and the reason said
 * plainly: an overloaded M/M/1 (150/s offered, 100/s possible) stops at its in-flight limit, and
 * the summary names the bound from the utilisation law; event and wall-clock limits also stop a run.
 */
final class LimitsTest {

    private static final String OVERLOAD = """
            name: overload
            run: {duration: 3600s, warmup: 0s, replications: 2, seed: 4, max_in_flight: %d, max_events: %s}
            hosts:
              server: {cores: 1, memory: 1GiB}
            services:
              browser: {type: browser, rate: 150/s, rtt: 0s, target: app, timeout: 10h}
              app: {type: app_server, host: server, workers: 1, backlog: 1000000}
            requests:
              page:
                view: {cpu: exponential(10ms)}
            """;

    private static Scenario scenario(int inFlight, String events) throws ScenarioException {
        return ScenarioLoader.loadText("overload.yaml", OVERLOAD.formatted(inFlight, events), Path.of("."));
    }

    @Test
    void runawayQueue_stopsAtTheInFlightLimit_andSaysWhy() throws ScenarioException {
        ScenarioResult r = Conservation.run(scenario(2000, "1e18"), 2);
        assertTrue(r.isPartial());
        // checked at each request taken, so it stops at the limit exactly, not a window later
        assertTrue(r.partial().get(0).contains("unstable: more than 2000 requests in flight"), r.partial().toString());
        // the queue grows by about 50 a second: 2,000 in flight after about 40 s, far before 3,600 s
        assertTrue(r.measuredS() < 60, "measured " + r.measuredS() + " s");
        String text = TextReporter.summary(r);
        assertTrue(text.contains("PARTIAL RESULTS"), text);
        assertTrue(text.contains("can serve at most"), text);
        // the bound comes from the measured demand: about 7,800 services of Exp(10 ms) in these two short
        // runs, a standard error of 1.1 %; 5 % is over four standard errors
        double bound = io.stagesim.run.OperationalAnalysis.of(r).bottleneck().boundPerS();
        assertEquals(100, bound, 5);
        assertEquals(1.0, r.hosts().get(0).cpuUtilization().mean(), 0.01);
    }

    // A limit reached in the warm-up (3,600 s of it here, 20,000 events in about 80 s): nothing was
    // measured, and the page views open at the stop count as open at the start of that empty period,
    // so the books close (Conservation) and nothing counts as backlog growth.
    @Test
    void eventLimitInTheWarmup_measuresNothing_andTheBooksClose() throws ScenarioException {
        Scenario s = ScenarioLoader.loadText("overload.yaml", OVERLOAD.formatted(1_000_000, "20000")
                .replace("warmup: 0s", "warmup: 3600s").replace("duration: 3600s", "duration: 7200s"), Path.of("."));
        ReplicationResult r = Conservation.replication(s, 0);
        assertTrue(r.stoppedBecause().startsWith("event limit of 20000"), r.stoppedBecause());
        assertEquals(0, r.all().offered());
        assertTrue(r.all().unfinished() > 0, "open at the stop: " + r.all().unfinished());
        assertEquals(r.all().unfinished(), r.all().openAtStart());
    }

    @Test
    void eventLimit_endsTheRunCleanly() throws ScenarioException {
        ReplicationResult r = Conservation.replication(scenario(1_000_000, "20000"), 0);
        assertEquals(20_000, r.events());
        assertTrue(r.stoppedBecause().startsWith("event limit of 20000"), r.stoppedBecause());
        assertTrue(r.all().completed() > 0);
    }

    @Test
    void aRunWithinItsLimits_isNotPartial() throws ScenarioException {
        Scenario s = ScenarioLoader.load(Path.of("..", "scenarios", "textbook-mm1.yaml"));
        assertNull(Conservation.replication(s, 0).stoppedBecause());
    }
}
