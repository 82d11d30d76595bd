package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gunicorn's HUP reload on stage 3: nothing fails (against the stop-and-start deploy, where every
 * page view of the boot fails), and the deploy costs exactly its CPU: five new workers × 2 s on
 * the web host. Conservation: the host's busy core-seconds over the measured period grow by 10 s
 * against the same replication without the reload (same seeds, so the same requests), to within
 * the work of the few requests in flight when the period ends.
 */
final class ReloadTest {

    @TempDir
    Path dir;

    private static final Path FILE = Path.of("..", "scenarios", "failures", "deploy-reload-stage-3.yaml");

    private static double busyCoreSeconds(ReplicationResult r) {
        ReplicationResult.HostRow web = r.hosts().stream().filter(h -> h.name().equals("web")).findFirst().orElseThrow();
        return web.cpuUtilization() * web.cores() * r.measuredSeconds();
    }

    @Test
    void reload_failsNothing_andCostsExactlyItsBootCpu() throws ScenarioException {
        Scenario with = ScenarioLoader.load(FILE);
        Scenario without = with.withFaults(List.of());
        for (int i = 0; i < 3; i++) {
            ReplicationResult a = Conservation.replication(with, i);
            ReplicationResult b = Conservation.replication(without, i);
            double extra = busyCoreSeconds(a) - busyCoreSeconds(b);
            System.out.printf("replication %d: %.4f core-seconds more with the reload (5 workers x 2 s = 10)%n", i, extra);
            assertEquals(10, extra, 0.05);
            assertEquals(0, a.all().errors().values().stream().mapToLong(Long::longValue).sum());
            assertEquals(1, a.counters().stream().filter(c -> c.what().equals("deploy_reloads")).findFirst().orElseThrow()
                    .count());
            assertTrue(a.faults().get(0).p99() > b.all().latency().p99() / 1e6, "the reload's CPU is felt as latency");
        }
    }

    @Test
    void reloadOfAHostWithoutRoomForTwiceTheWorkers_isRefused() throws Exception {
        Path f = dir.resolve("tight.yaml");
        Files.writeString(f, "extends: " + FILE.toAbsolutePath() + "\nhosts:\n  web: {memory: 2200MiB}\n");
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(f));
        assertTrue(e.getMessage().contains("runs its 5 old and 5 new workers side by side"), e.getMessage());
    }
}
