package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.ScenarioResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blue-green deploys: no page view fails where a balancer can switch, the switch comes when the
 * timings say, the extra hosts are paid for exactly while they run, and a stage with nothing to
 * switch is refused.
 */
final class BlueGreenTest {

    @TempDir
    Path dir;

    private static final Path FAILURES = Path.of("..", "scenarios", "failures");

    private static ScenarioResult run(Scenario s) {
        return Conservation.run(s, 2);
    }

    private static double level(ScenarioResult r, String what) {
        return r.levels().stream().filter(l -> l.what().equals(what)).findFirst().orElseThrow().mean().mean();
    }

    private static double counter(ScenarioResult r, String what) {
        return r.counters().stream().filter(c -> c.what().equals(what)).mapToDouble(c -> c.count().mean()).sum();
    }

    // Stage 8: greens registered at 65 + 120 = 185 s; a newly registered target needs one passed
    // health check (the ALB's initial threshold), the check at 210 s, so the switch is at 210 s and
    // the blues stop within two polls (0.2 s). Six hosts for 145 s of the 880 measured:
    // 3 + 3 × 145 / 880 = 3.4943 running on average (with five checks, 330 s and 3.9034).
    @Test
    void stage8_switchesAfterTheHealthChecks_withNoFailure() throws ScenarioException {
        ScenarioResult r = run(ScenarioLoader.load(FAILURES.resolve("deploy-blue-green-stage-8.yaml")));
        double hand = 3 + 3 * 145.0 / 880;
        System.out.println("stage 8 blue-green: instances " + level(r, "instances") + " against " + hand);
        assertEquals(0, r.all().errorRate().mean());
        assertEquals(1, counter(r, "blue_green_switches"));
        assertEquals(0, counter(r, "killed_on_switch"));
        assertTrue(level(r, "instances") >= hand - 1e-9 && level(r, "instances") <= hand + 3 * 0.2 / 880,
                "running on average " + level(r, "instances"));
        // machines: the database host (t3.xlarge) all the time, blue and green app hosts (t3.medium) while they run
        assertEquals(0.1664 + 0.0416 * level(r, "instances"), r.cost().byCategory().get("machines"), 1e-9);
    }

    // Stage 7: NGINX takes the greens as soon as they boot (185 s): six hosts for 120–120.2 s.
    @Test
    void stage7_switchesAsSoonAsTheGreensBoot() throws Exception {
        Path f = dir.resolve("bg7.yaml");
        Files.writeString(f, "extends: " + FAILURES.resolve("deploy-stage-7.yaml").toAbsolutePath() + "\n"
                + "run: {duration: 300s}\n"
                + "faults:\n  - {type: deploy, strategy: blue_green, target: [gunicorn, gunicorn2, gunicorn3], "
                + "at: 65s, boot: 120s}\n");
        ScenarioResult r = run(ScenarioLoader.load(f));
        double hand = 3 + 3 * 120.0 / 280;
        assertEquals(0, r.all().errorRate().mean());
        assertTrue(level(r, "instances") >= hand - 1e-9 && level(r, "instances") <= hand + 3 * 0.2 / 280,
                "running on average " + level(r, "instances") + " against " + hand);
    }

    @Test
    void stage3_isRefused_becauseNothingCanSwitch() throws Exception {
        Path f = dir.resolve("bg3.yaml");
        Files.writeString(f, "extends: " + FAILURES.resolve("deploy-stage-3.yaml").toAbsolutePath() + "\n"
                + "faults:\n  - {type: deploy, strategy: blue_green, target: [gunicorn], at: 60s}\n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(f));
        assertTrue(e.getMessage().contains("faults[0].target: no load_balancer sends to 'gunicorn'"), e.getMessage());
    }

    // Without its deploy the scenario has no green copies: three backends, three hosts, all the time.
    @Test
    void withoutTheDeploy_theGreenCopiesAreGone() throws ScenarioException {
        Scenario s = ScenarioLoader.load(FAILURES.resolve("deploy-blue-green-stage-8.yaml"));
        assertTrue(s.services().containsKey("gunicorn+green"));
        Scenario plain = s.withFaults(java.util.List.of());
        assertTrue(!plain.services().containsKey("gunicorn+green") && !plain.hosts().containsKey("app1+green"));
        assertEquals(3, ((LoadBalancerSpec) plain.services().get("balancer")).backends().size());
    }
}
