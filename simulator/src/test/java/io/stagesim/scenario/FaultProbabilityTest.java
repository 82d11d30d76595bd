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
 * A fault with a probability happens in some replications and not in others, drawn from its own
 * stream: where it does not happen, the replication is the very one the scenario without the fault
 * gives (the draw touches no other stream); where it does, it is the crash it always was.
 */
final class FaultProbabilityTest {

    @TempDir
    Path dir;

    @Test
    void aFaultWithAProbability_happensInThatShareOfReplications() throws Exception {
        Path f = dir.resolve("maybe.yaml");
        Files.writeString(f, "extends: " + Path.of("..", "scenarios", "failures", "crash-stage-3.yaml").toAbsolutePath()
                + "\nrun: {duration: 150s, replications: 40}\n"
                + "faults:\n  - {type: host_crash, target: web, at: 60s, for: 30s, mode: reset, probability: 50%}\n");
        Scenario maybe = ScenarioLoader.load(f);
        Scenario never = maybe.withFaults(List.of());
        int happened = 0;
        for (int i = 0; i < 40; i++) {
            ReplicationResult with = Conservation.replication(maybe, i);
            ReplicationResult.FaultRow row = with.faults().get(0);
            if (row.happened()) {
                happened++;
                assertTrue(row.completed() < 0.01 * (row.completed() + row.failed()), "down while it happens");
                assertTrue(row.dataLost() > 0, "its writes lost");
            } else {
                ReplicationResult without = Conservation.replication(never, i);
                assertEquals(without.all().offered(), with.all().offered(), "replication " + i);
                assertEquals(without.all().completed(), with.all().completed(), "replication " + i);
                assertEquals(without.all().latency().mean(), with.all().latency().mean(), 0, "replication " + i);
                assertEquals(0, row.dataLost());
            }
        }
        // Binomial(40, 0.5): 99.9 % of draws fall in [10, 30]
        System.out.println("the crash happened in " + happened + " of 40 replications");
        assertTrue(happened >= 10 && happened <= 30, happened + " of 40");
    }
}
