package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.report.CompareReporter;
import io.stagesim.report.TextReporter;
import io.stagesim.run.ScenarioResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped burstable-host story (scenarios/failures/credits-stage-2.yaml) against the same
 * scenario in unlimited mode, same seeds: the two runs are the same event for event until the
 * balance reaches zero, then the standard host is throttled and latency explodes, while the
 * unlimited one runs on and owes the surplus worked out by hand from its own CPU use.
 */
final class CreditsStoryTest {

    private static Scenario unlimited(Scenario s) {
        Map<String, HostSpec> hosts = new LinkedHashMap<>(s.hosts());
        HostSpec web = hosts.get("web");
        Burstable b = web.burstable();
        hosts.put("web", new HostSpec(web.name(), web.cores(), web.speed(), web.memory(), web.costPerHour(),
                new Burstable(b.baseline(), b.credits(), b.maxCredits(), true, b.surplusPerVcpuHour()), web.instance(),
                web.demandScale(),
                web.bandwidth(), web.sendBuffer()));
        return new Scenario(s.name(), s.description(), s.file(), s.run(), s.network(), hosts, s.services(), s.requests(),
                s.slo(), s.faults());
    }

    @Test
    void standardHost_throttlesWhenTheCreditsRunOut_unlimitedRunsOnAndOwesTheSurplus() throws ScenarioException {
        Scenario s = ScenarioLoader.load(Path.of("..", "scenarios", "failures", "credits-stage-2.yaml"));
        Burstable b = s.hosts().get("web").burstable();
        assertEquals(new Burstable(0.2, 24, 576, false, 0.05), b);
        ScenarioResult standard = Conservation.run(s, 2);
        ScenarioResult unlimited = Conservation.run(unlimited(s), 2);
        ScenarioResult.Credits cs = standard.hosts().get(0).credits();
        ScenarioResult.Credits cu = unlimited.hosts().get(0).credits();
        System.out.println("standard " + cs + "\nunlimited " + cu);

        // Same events until the balance is gone: the same instant in both modes.
        assertEquals(1.0, cs.ranOut().mean());
        assertEquals(cu.ranOutAtS().mean(), cs.ranOutAtS().mean(), 1e-9);
        // By hand from the unlimited host's use u (vCPUs; steady over the run): 24 credits last
        // 24 × 60 / (u − 0.4) s.
        double u = 2 * unlimited.hosts().get(0).cpuUtilization().mean();
        double hand = 24 * 60 / (u - 0.4);
        assertEquals(hand, cs.ranOutAtS().mean(), 0.03 * hand, "ran out at vs 24 × 60 / (u − 0.4), u = " + u);
        // Throttled from then to the end but for the instants the CPU has no job at all (n = 0 is the
        // only n within a 0.4-vCPU baseline), when the throttle lifts: tens of milliseconds in an hour.
        double after = s.run().duration() / 1e9 - cs.ranOutAtS().mean();
        assertTrue(cs.throttledS().mean() <= after && cs.throttledS().mean() > 0.999 * after,
                "throttled " + cs.throttledS() + " s of the " + after + " s after running out");
        assertEquals(0.0, cs.surplusVcpuHours().mean());
        assertEquals(0.0, cu.throttledS().mean());

        // Latency explodes once throttled (0.4 of a core for a load that needs about 0.8), to the
        // users' timeouts, some 100 times the unlimited host's (which includes the bytes' transfer
        // over the clients' links); unlimited, nothing fails.
        double p99 = standard.all().latencyMs().p99().mean();
        double p99Unlimited = unlimited.all().latencyMs().p99().mean();
        assertTrue(p99 > 50 * p99Unlimited, "p99 " + p99 + " ms vs " + p99Unlimited + " ms unlimited");
        assertTrue(standard.all().errorRate().mean() > 0.2, "error rate " + standard.all().errorRate());
        assertEquals(0.0, unlimited.all().errorRate().mean());

        // Unlimited owes (u − 0.4) vCPU for the 2 h less the 24 credits (0.4 vCPU-hours) it had, at $0.05.
        double surplus = (u - 0.4) * 2 - 0.4;
        assertEquals(surplus, cu.surplusVcpuHours().mean(), 0.01, "surplus vCPU-hours by hand");
        assertEquals(0.05 * cu.surplusVcpuHours().mean(), cu.surplusCost().mean(), 1e-12);
        assertEquals(-60 * cu.surplusVcpuHours().mean(), cu.endCredits().mean(), 1e-9);
        // and the bill carries it, per hour of the 2 h run, beside the host's own hour
        double line = unlimited.cost().lines().stream().filter(l -> l.item().startsWith("host web CPU above"))
                .mapToDouble(l -> l.perHour().mean()).findFirst().orElseThrow();
        assertEquals(cu.surplusCost().mean() / 2, line, 1e-9);

        // What compare says of each stage at its capacity, and run's summary.
        assertEquals(String.format(java.util.Locale.ROOT, "; host web ran out of CPU credits %.0f s into the run and "
                + "was throttled for %.0f s", cs.ranOutAtS().mean(), cs.throttledS().mean()),
                CompareReporter.creditsRanOut(standard));
        assertEquals(String.format(java.util.Locale.ROOT, "; host web ran out of CPU credits %.0f s into the run and "
                + "owed %.3f vCPU-hours of surplus", cu.ranOutAtS().mean(), cu.surplusVcpuHours().mean()),
                CompareReporter.creditsRanOut(unlimited));
        assertTrue(TextReporter.summary(standard).contains("host web CPU credits: ran out at "), TextReporter.summary(standard));
    }

    @Test
    void hostWithoutBurstable_hasNoCredits() throws ScenarioException {
        Scenario s = ScenarioLoader.load(Path.of("..", "scenarios", "stage-2-gunicorn.yaml"));
        assertNull(s.hosts().get("web").burstable());
    }
}
