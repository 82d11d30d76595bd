package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.ScenarioResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Multi-AZ failover story against the same file single-AZ (same seeds): the failover lasts the
 * Multi-AZ database's 60 s, the page views begun in it fail at once, and the standby is billed as a
 * second t3.large; single-AZ, there is no standby to fail over to, and the database stays down.
 */
final class MultiAzStoryTest {

    private static final Path FILE = Path.of("..", "scenarios", "failures", "db-failover-multi-az-stage-5.yaml");
    private static final String STANDBY = "standby of db (Multi-AZ, as host dbhost)";

    private static ScenarioResult.CostLine line(ScenarioResult r, String item) {
        return r.cost().lines().stream().filter(l -> l.item().equals(item)).findFirst().orElse(null);
    }

    // Every page view needs the database, so those offered during the 60 s fail (refused at once):
    // 40/s × 60 s = 2,400 by hand, within four Poisson standard deviations (√2,400 ≈ 49). Single-AZ the
    // fault runs to the end of the run (120 s), about twice as many fail, and the bill has no standby;
    // Multi-AZ it has one at the t3.large's 0.0832 an hour (aws-us-east-1).
    @Test
    void multiAzFailover_lastsItsTime_andBillsTheStandby(@TempDir Path dir) throws ScenarioException, IOException {
        Scenario multi = ScenarioLoader.load(FILE);
        Path singleFile = dir.resolve("single-az.yaml");
        Files.writeString(singleFile, "extends: " + FILE.toAbsolutePath().normalize()
                + "\nservices:\n  db: {multi_az: false}\n");
        Scenario single = ScenarioLoader.load(singleFile);
        ScenarioResult m = Conservation.run(multi, 2);
        ScenarioResult s = Conservation.run(single, 2);
        ScenarioResult.FaultResult fm = m.faults().get(0);
        ScenarioResult.FaultResult fs = s.faults().get(0);
        assertEquals(60, fm.lastedS().mean(), 1e-9);
        assertTrue(Double.isNaN(fs.lastedS().mean()), "single-AZ: permanent, " + fs.lastedS());
        System.out.println("failed during the failover: Multi-AZ " + fm.failed().mean() + ", single-AZ " + fs.failed().mean());
        assertTrue(Math.abs(fm.failed().mean() - 2_400) < 4 * Math.sqrt(2_400), "failed " + fm.failed());
        assertTrue(fs.failed().mean() > 1.8 * fm.failed().mean(), "single-AZ failed " + fs.failed());
        assertEquals(0.0832, line(m, STANDBY).perHour().mean(), 1e-12);
        assertFalse(line(s, STANDBY) != null, "no standby single-AZ");
        assertEquals(0, fm.dataLost().mean(), 1e-9);
    }
}
