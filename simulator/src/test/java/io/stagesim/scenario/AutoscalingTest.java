package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.run.ScenarioResult;
import io.stagesim.stats.ConfidenceInterval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Autoscaling against figures worked out without the simulator: the launch times and the mean
 * number of instances follow from the target-tracking rule by hand (the comments of
 * {@code scenarios/textbook-autoscaling.yaml}); once scaled out, each instance behind round robin
 * is an E3/M/1 queue whose mean response time GI/M/1 theory gives.
 */
final class AutoscalingTest {

    @TempDir
    Path dir;

    private static final Path FILE = Path.of("..", "scenarios", "textbook-autoscaling.yaml");

    private static ScenarioResult.LevelResult level(ScenarioResult r, String what) {
        return r.levels().stream().filter(l -> l.what().equals(what)).findFirst().orElseThrow();
    }

    private static double counter(ScenarioResult r, String what) {
        return r.counters().stream().filter(c -> c.what().equals(what)).findFirst().orElseThrow().count().mean();
    }

    // Launched at 180 s and 360 s, in service 120 s later, never removed: running 1 until 180 s,
    // 2 until 360 s, then 3 (mean (180 + 360 + 2,520) / 1,200 = 2.55); in service 1 until 300 s, 2
    // until 480 s, then 3 (2.35); hosts cost 0.05 + 0.10 × 2.55 = 0.305 per hour. Every
    // replication makes the same decisions, so the figures are exact.
    @Test
    void launchTimes_andInstanceHours_matchTheRuleWorkedByHand() throws ScenarioException {
        ScenarioResult r = Conservation.run(ScenarioLoader.load(FILE), 2);
        System.out.printf("instances %s, in service %s, cost %s%n", level(r, "instances").mean(),
                level(r, "in_service").mean(), r.costPerHour());
        assertEquals(2.55, level(r, "instances").mean().mean(), 1e-9);
        assertEquals(0, level(r, "instances").mean().ci95(), 1e-9);
        assertEquals(2.35, level(r, "in_service").mean().mean(), 1e-9);
        assertEquals(3, level(r, "instances").max().mean(), 1e-9);
        assertEquals(0.305, r.costPerHour().mean(), 1e-9);
        // the bill: the balancer's host all the time, the group's hosts only while they ran
        List<ScenarioResult.CostLine> bill = r.cost().lines();
        assertEquals(List.of("host lb", "hosts paid while running (autoscaling, deploys)"),
                bill.stream().map(ScenarioResult.CostLine::item).toList());
        assertEquals(0.05, bill.get(0).perHour().mean(), 1e-9);
        assertEquals(0.10 * 2.55, bill.get(1).perHour().mean(), 1e-9);
        assertEquals(2.55, bill.get(1).quantity().mean(), 1e-9);
        assertEquals(0.305 / (r.all().throughputPerS().mean() * 3600) * 1e6, r.cost().perMillionViews().mean(),
                1e-3 * r.cost().perMillionViews().mean()); // a mean of ratios against a ratio of means
        assertEquals(2, counter(r, "scale_out_launches"));
        assertEquals(0, counter(r, "scale_in_removals"));
    }

    // After the scale-out has settled (warm-up 900 s), three one-core hosts behind round robin: each
    // gets every third Poisson(150/s) arrival and serves exponential 10 ms, an E3/M/1 queue. Mean
    // response 1 / (mu (1 - sigma)) with sigma = A*(mu (1 - sigma)), A*(s) = (150 / (150 + s))^3.
    @Test
    void scaledOutGroup_isAnE3M1QueuePerInstance() throws ScenarioException {
        Scenario s = ScenarioLoader.load(FILE);
        RunSpec r = s.run();
        s = s.withRun(new RunSpec(2_400_000_000_000L, 900_000_000_000L, 10, r.seed(), r.window(), r.maxEvents(),
                r.maxWallMillis(), r.maxInFlight()));
        double sigma = 0.5;
        for (int i = 0; i < 200; i++) {
            sigma = Math.pow(150 / (150 + 100 * (1 - sigma)), 3);
        }
        double exactMs = 1000 / (100 * (1 - sigma));
        List<ReplicationResult> reps = new ArrayList<>();
        for (int i = 0; i < s.run().replications(); i++) {
            reps.add(Conservation.replication(s, i));
        }
        ConfidenceInterval ci = ConfidenceInterval.of(reps.stream()
                .mapToDouble(x -> x.all().latency().mean() / 1e6).toArray(), 0.999);
        String line = "E3/M/1 mean response: exact " + exactMs + " ms, simulated " + ci;
        System.out.println(line);
        assertTrue(ci.contains(exactMs), line);
        assertTrue(ci.halfWidth() <= 0.02 * exactMs, "interval too wide: " + line);
        for (ReplicationResult x : reps) {
            assertEquals(0.35, x.costPerHour(), 1e-9, "three app hosts and the balancer, all measured time");
            assertEquals(0, x.all().errors().values().stream().mapToLong(Long::longValue).sum(), "no page view fails");
        }
    }

    // Scale-in: three instances at 50/s are at 1/6 utilisation; after 15 looks below the target
    // (at 900 s) it wants ceil(3 × (1/6) / 0.7) = 1 and removes the two newest, which leave the
    // rotation at once: in service (900 × 3 + 300 × 1) / 1,200 = 2.5.
    @Test
    void quietGroup_scalesInAfterFifteenPeriods_newestFirst() throws Exception {
        String text = Files.readString(FILE)
                .replace("rate: 150/s", "rate: 50/s")
                .replace("backends: [app]", "backends: [app, app2, app3]")
                .replace("      max: 4\n", "      max: 4\n      min: 1\n")
                .replace("  app1: {cores: 1, memory: 1GiB, cost_per_hour: 0.10}\n",
                        "  app1: {cores: 1, memory: 1GiB, cost_per_hour: 0.10}\n"
                                + "  app2: {cores: 1, memory: 1GiB, cost_per_hour: 0.10}\n"
                                + "  app3: {cores: 1, memory: 1GiB, cost_per_hour: 0.10}\n")
                + "  # two more app servers\n";
        text = text.replace("requests:\n", """
                  app2: {type: app_server, host: app2, workers: 1, memory_per_worker: 100MiB}
                  app3: {type: app_server, host: app3, workers: 1, memory_per_worker: 100MiB}
                requests:
                """);
        Path f = dir.resolve("scale-in.yaml");
        Files.writeString(f, text);
        ScenarioResult r = Conservation.run(ScenarioLoader.load(f), 2);
        assertEquals(2.5, level(r, "in_service").mean().mean(), 1e-9);
        assertEquals(2.5, level(r, "instances").mean().mean(), 2 * 0.1 / 1200 + 1e-9, "drained within a poll");
        assertEquals(2, counter(r, "scale_in_removals"));
        assertEquals(0, counter(r, "killed_on_scale_in"));
        assertEquals(0, r.all().errorRate().mean());
    }

    // A rolling deploy of an autoscaled instance at 600 s: while it restarts the other two run at
    // 75 %, above the target, but the one restarting counts as coming back (ceil(2 × 0.75 / 0.7) =
    // 3 = 2 up + 1 restarting), so nothing is launched; it is back 5 s later (drain of idle work
    // within a poll, 5 s boot). Running instances are unchanged from the plain run: 2.55.
    @Test
    void rollingDeployOfAnAutoscaledInstance_launchesNothing() throws Exception {
        Path f = dir.resolve("deploy.yaml");
        Files.writeString(f, Files.readString(FILE)
                + "faults:\n  - {type: deploy, target: [app], at: 600s, drain: 30s, boot: 5s}\n");
        ScenarioResult r = Conservation.run(ScenarioLoader.load(f), 2);
        assertEquals(2.55, level(r, "instances").mean().mean(), 1e-9);
        assertEquals(2, counter(r, "scale_out_launches"));
        assertEquals(1, counter(r, "deploy_restarts"));
        double inService = level(r, "in_service").mean().mean();
        assertTrue(inService < 2.35 - 5.0 / 1200 + 1e-9 && inService > 2.35 - 5.2 / 1200, "out of service 5–5.2 s: " + inService);
    }

    // Self-healing: app1's host crashes at 630 s. The look at 660 s finds it, terminates it and
    // launches app+4 in its place, in service at 780 s. In service: 3 until 660 s, 2 until 780 s,
    // then 3: (300 + 360 + 540 + 240 + 1,260) / 1,200 = 2.25; running instances stay 2.55 (one
    // stops as the other starts). The two left carry 75 % for two looks only: no scale-out.
    @Test
    void anInstanceWhoseHostCrashes_isReplacedAtTheNextLook() throws Exception {
        Path f = dir.resolve("crash.yaml");
        Files.writeString(f, Files.readString(FILE) + "faults:\n  - {type: host_crash, target: app1, at: 630s, for: 570s, mode: reset}\n");
        ScenarioResult r = Conservation.run(ScenarioLoader.load(f), 2);
        assertEquals(1, counter(r, "replacements"));
        assertEquals(2, counter(r, "scale_out_launches"));
        assertEquals(2.25, level(r, "in_service").mean().mean(), 1e-9);
        assertEquals(2.55, level(r, "instances").mean().mean(), 1e-9);
    }

    // Tracking requests per instance instead (70/s each): one saturated host serves 100/s, so at
    // 180 s it wants ceil(1 × 100 / 70) = 2; at 360 s the two serve about 100/s and 75/s, so
    // ceil(2 × 87.5 / 70) = 3; three at 50/s stay three. The same timeline as the CPU target's.
    @Test
    void trackingRequestsPerInstance_givesTheSameTimeline() throws Exception {
        Path f = dir.resolve("requests.yaml");
        Files.writeString(f, Files.readString(FILE).replace("target_cpu: 70%", "target_requests: 70/s"));
        ScenarioResult r = Conservation.run(ScenarioLoader.load(f), 2);
        assertEquals(2, counter(r, "scale_out_launches"));
        assertEquals(2.55, level(r, "instances").mean().mean(), 1e-9);
        assertEquals(2.35, level(r, "in_service").mean().mean(), 1e-9);
        assertHas(problems(Files.readString(FILE).replace("target_cpu: 70%", "target_cpu: 70%\n      target_requests: 70/s")),
                "services.balancer.autoscaling.target_requests", "not both");
    }

    private List<Problems.Problem> problems(String text) throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, text);
        try {
            ScenarioLoader.load(f);
        } catch (ScenarioException e) {
            return e.problems().sorted();
        }
        throw new AssertionError("loaded");
    }

    @Test
    void badGroups_areRefusedWithLocatedReasons() throws Exception {
        String good = Files.readString(FILE);
        String shared = good.replace("  app:\n    type: app_server\n", "  cache:\n    type: cache\n    host: app1\n"
                + "  app:\n    type: app_server\n");
        assertHas(problems(shared), "services.balancer.backends", "shares its host 'app1' with cache");
        assertHas(problems(good.replace("      max: 4\n", "      max: 4\n      template: other\n")),
                "services.balancer.autoscaling.template", "'other' is not one of the backends");
        assertHas(problems(good.replace("      max: 4\n", "")), "services.balancer.autoscaling.max", "missing");
        assertHas(problems(good.replace("      max: 4\n", "      max: 4\n      min: 2\n")),
                "services.balancer.autoscaling.min", "at most the number of backends written (1)");
        assertHas(problems(good.replace("  lb: {", "  app1+2: {cores: 1, memory: 1GiB}\n  lb: {")),
                "services.balancer.autoscaling", "clashes");
    }

    private static void assertHas(List<Problems.Problem> ps, String path, String text) {
        assertTrue(ps.stream().anyMatch(p -> p.path().equals(path) && p.message().contains(text)),
                "expected " + path + ": ..." + text + "... in\n"
                        + ps.stream().map(Problems.Problem::toString).collect(Collectors.joining("\n")));
    }
}
