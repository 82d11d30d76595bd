package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.stats.ConfidenceInterval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crash loses is what was written since the last backup. Stage 3 crashes at 60 s: with no
 * backups it loses every write committed since the start (60 s of them); backed up every 45 s it
 * loses those since 45 s (15 s of them). Same seeds, same writes: per replication, the second loss
 * is a quarter of the first, up to Poisson noise; the paired differences must straddle zero.
 */
final class DataLossTest {

    @TempDir
    Path dir;

    @Test
    void aCrashLosesTheWritesSinceTheLastBackup() throws Exception {
        Path base = Path.of("..", "scenarios", "failures", "crash-stage-3.yaml").toAbsolutePath();
        Path f = dir.resolve("backed-up.yaml");
        Files.writeString(f, "extends: " + base + "\nrun: {replications: 20, warmup: 0s}\n"
                + "services:\n  db: {backup_interval: 45s}\n");
        Scenario backedUp = ScenarioLoader.load(f);
        Path g = dir.resolve("plain.yaml");
        Files.writeString(g, "extends: " + base + "\nrun: {replications: 20, warmup: 0s}\n");
        Scenario plain = ScenarioLoader.load(g);
        double[] all = new double[20];
        double[] recent = new double[20];
        double[] diff = IntStream.range(0, 20).mapToDouble(i -> {
            ReplicationResult a = Conservation.replication(plain, i);
            ReplicationResult b = Conservation.replication(backedUp, i);
            all[i] = a.faults().get(0).dataLost();
            recent[i] = b.faults().get(0).dataLost();
            return recent[i] - all[i] * 15 / 60;
        }).toArray();
        ConfidenceInterval d = ConfidenceInterval.of(diff, 0.999);
        String line = String.format("writes lost: %.1f with no backup, %.1f with one at 45 s; paired difference from a "
                + "quarter %s", java.util.Arrays.stream(all).average().orElse(0),
                java.util.Arrays.stream(recent).average().orElse(0), d);
        System.out.println(line);
        assertTrue(d.contains(0), line);
        assertTrue(java.util.Arrays.stream(recent).average().orElse(0) > 10, line);
        for (int i = 0; i < 20; i++) {
            assertTrue(recent[i] <= all[i], "a backup never loses more: " + line);
        }
    }
}
