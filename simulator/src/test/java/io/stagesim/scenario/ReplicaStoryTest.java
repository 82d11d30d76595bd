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
 * The read-replica stories against the same scenarios without their fault (same seeds): a replica's
 * machine gone for a minute behind Django's router, without a connect timeout and with one.
 */
final class ReplicaStoryTest {

    private static Scenario load(String name) throws ScenarioException {
        return ScenarioLoader.load(Path.of("..", "scenarios", "failures", name));
    }

    private static double counter(ScenarioResult r, String what) {
        return r.counters().stream().filter(c -> c.what().equals(what)).findFirst()
                .map(c -> c.count().mean()).orElse(0.0);
    }

    // With no connect timeout a read sent to the machine that is gone waits for the kernel's SYN retries
    // (127 s) while Gunicorn's 30 s timeout runs: no connection fails, so the router never skips it, and
    // with about 94 % of pages sending a read there (1 − 1/2⁴ of the four-read pages) the five workers
    // are held within a second of the crash. Fewer than half the page views that met it complete, where
    // every one does without the crash; nothing is marked down.
    @Test
    void replicaGone_withoutAConnectTimeout_takesTheSiteDown() throws ScenarioException {
        Scenario s = load("replica-crash-stage-5.yaml");
        ScenarioResult with = Conservation.run(s, 2);
        ScenarioResult without = Conservation.run(s.withFaults(List.of()), 2);
        Estimate during = with.faults().get(0).availability();
        System.out.println("replica crash: availability " + during.mean() + " ±" + during.ci95());
        assertTrue(during.mean() + during.ci95() < 0.5, "availability " + during);
        assertEquals(0, without.all().errorRate().mean(), 1e-9);
        assertEquals(0, counter(with, "replicas_marked_down"), 1e-9);
    }

    // libpq's connect_timeout at 5 s: the first read sent to the dead machine fails to connect 5 s in,
    // the router skips replica1 for 60 s (past the crash) and sends that read and every later one to
    // replica2. Every page view completes, as without the crash, but those whose query was under way on
    // replica1 when it vanished (nothing answers them: Gunicorn kills their worker at 30 s, a 502): a
    // few at most at 40 page views/s and 1 ms a query. replica1 is marked down once, detected just over
    // 5 s in (the first read sent there, within milliseconds of the crash, plus its 5 s), and the p99
    // of those that met the crash is under the 5 s wait plus a second.
    @Test
    void replicaGone_withAConnectTimeout_isSkipped() throws ScenarioException {
        Scenario s = load("replica-timeout-stage-5.yaml");
        ScenarioResult with = Conservation.run(s, 2);
        ScenarioResult without = Conservation.run(s.withFaults(List.of()), 2);
        ScenarioResult.FaultResult f = with.faults().get(0);
        System.out.println("replica crash with connect_timeout: availability " + f.availability().mean()
                + ", p99 " + f.p99Ms().mean());
        assertTrue(f.availability().mean() > 0.999, "availability " + f.availability());
        assertEquals(0, without.all().errorRate().mean(), 1e-9);
        assertEquals(1, counter(with, "replicas_marked_down"), 1e-9);
        assertTrue(f.detectS().mean() >= 5 && f.detectS().mean() < 5.1, "detected after " + f.detectS());
        assertTrue(f.p99Ms().mean() > 5_000 * 0.9 && f.p99Ms().mean() < 6_000, "p99 " + f.p99Ms());
    }
}
