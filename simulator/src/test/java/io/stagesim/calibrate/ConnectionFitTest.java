package io.stagesim.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.cli.Main;
import io.stagesim.scenario.AppServerSpec;
import io.stagesim.scenario.DatabaseSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new connection's CPU fitted from a CONN_MAX_AGE=0 capture and a persistent one. */
final class ConnectionFitTest {

    private static final List<String> GROUPS = List.of("nginx=^nginx", "gunicorn=^gunicorn", "postgres=^postgres");

    @TempDir
    Path dir;

    private Calibration.Result calibrate(SyntheticSite site, String name) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        ClassRules rules = ClassRules.parse(List.of("page=GET ^/articles/", "write=POST ^/articles/new$"));
        return Calibration.of(AccessLogs.nginx(site.writeLog(d)).records(), rules,
                CpuSamples.read(site.writeProc(d), ProcessGroups.parse(GROUPS), SyntheticSite.TICKS), 5);
    }

    // The same traffic (same seed) twice, the second with 3.0 ms less per request in Gunicorn and
    // 4.0 ms less in PostgreSQL: the background's share of U/X is the same in both and cancels, so
    // the difference of the mixes is the cost exactly (to the 1 µs ticks' rounding).
    @Test
    void theDifferenceOfTheMixesIsTheConnectionsCost() throws Exception {
        Calibration.Result fresh = calibrate(new SyntheticSite(120, 0, 1), "fresh");
        Calibration.Result kept = calibrate(new SyntheticSite(120, 0, 1, 0.0030, 0.0040), "kept");
        ConnectionFit.Result f = ConnectionFit.fit(fresh, kept, "gunicorn", "postgres", 1);
        assertEquals(0.0030, f.app().cost(), 1e-7);
        assertEquals(0.0040, f.db().cost(), 1e-7);
        assertTrue(Math.abs(f.app().cost() - 0.0030) < f.app().halfWidth(), f.app().describe());
        assertEquals(23, f.app().freshWindows()); // 5 s windows inside the log's span (1 s to 119 s)
        // half the requests using the database: each of those opened one, so twice the per-request figure
        assertEquals(0.0060, ConnectionFit.fit(fresh, kept, "gunicorn", "postgres", 0.5).app().cost(), 2e-7);
    }

    // Welch's interval by its formula: a = {1, 2, 3}, b = {2, 4}: variances 1 and 2, so
    // se² = 1/3 + 2/2 = 4/3 and dof = (4/3)² / ((1/3)²/2 + 1²/1) = 32/19.
    @Test
    void welchsIntervalByHand() {
        double t = new TDistribution(32.0 / 19).inverseCumulativeProbability(0.975);
        assertEquals(t * Math.sqrt(4.0 / 3), ConnectionFit.welch(new double[] {1, 2, 3}, new double[] {2, 4}), 1e-12);
        assertTrue(Double.isNaN(ConnectionFit.welch(new double[] {1}, new double[] {2, 4})));
    }

    // End to end: the costs go into the keys the model charges a new connection with, and the
    // view and query CPU are the fitted demands less them (13.7 − 3.0 ms, 6.4 − 4.0 ms).
    @Test
    void calibrateWritesTheFittedCostsIntoTheScenario() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        SyntheticSite fresh = new SyntheticSite(300, 0, 1);
        SyntheticSite kept = new SyntheticSite(300, 0, 1, 0.0030, 0.0040);
        Path out = dir.resolve("fitted.yaml");
        assertEquals(Main.OK, Main.execute("calibrate", "--nginx-log", fresh.writeLog(a).toString(), "--cpu",
                fresh.writeProc(a).toString(), "--persistent-log", kept.writeLog(b).toString(), "--persistent-cpu",
                kept.writeProc(b).toString(), "--clock-ticks", String.valueOf(SyntheticSite.TICKS), "--class",
                "page=GET ^/articles/", "--class", "write=POST ^/articles/new$", "--workers", "3", "--out",
                out.toString()));
        String yaml = Files.readString(out);
        assertTrue(yaml.contains("db_connect_cpu: 3000us") && yaml.contains("connect_cpu: 4000us"), yaml);
        assertTrue(yaml.contains("mean=10700us)") || yaml.contains("constant(10700us)"), yaml);
        assertTrue(yaml.contains("{service: db, times: 1, cpu: exponential(2400us)}"), yaml);
        assertTrue(!yaml.contains("below what the model adds"), yaml);
        Scenario s = ScenarioLoader.load(out);
        AppServerSpec app = (AppServerSpec) s.services().get("gunicorn");
        assertEquals(3_000_000, app.django().connectCpu().mean(), 1);
        assertEquals(0, app.django().setupCpu().mean(), 1e-9);
        assertEquals(4_000_000, ((DatabaseSpec) s.services().get("db")).connectCpu().mean(), 1);
    }

    @Test
    void aPersistentCaptureNeedsBothFilesAndAConnMaxAgeOfZero() throws Exception {
        Path a = Files.createDirectories(dir.resolve("c"));
        SyntheticSite site = new SyntheticSite(30, 0, 1);
        String log = site.writeLog(a).toString();
        String proc = site.writeProc(a).toString();
        assertEquals(Main.BAD_INPUT, Main.execute("calibrate", "--nginx-log", log, "--cpu", proc, "--persistent-log",
                log, "--out", dir.resolve("x.yaml").toString()));
        assertEquals(Main.BAD_INPUT, Main.execute("calibrate", "--nginx-log", log, "--cpu", proc, "--persistent-log",
                log, "--persistent-cpu", proc, "--conn-max-age", "60", "--out", dir.resolve("y.yaml").toString()));
        assertTrue(!Files.exists(dir.resolve("x.yaml")) && !Files.exists(dir.resolve("y.yaml")));
    }
}
