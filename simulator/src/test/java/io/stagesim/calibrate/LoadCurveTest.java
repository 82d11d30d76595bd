package io.stagesim.calibrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.cli.Main;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** demand_scale fitted from a measured load curve. */
final class LoadCurveTest {

    @TempDir
    Path dir;

    // A synthetic curve made from a known table, 10 ms at one job and scale {1: 100 %, 2: 85 %,
    // 3: 75 %}, with three workers: every level from 3 connections up is at 3 jobs (7.5 ms), so the
    // fit gives the table back exactly, whatever the throughputs.
    @Test
    void aSyntheticCurveGivesItsTableBackExactly() throws Exception {
        Path csv = Files.writeString(dir.resolve("curve.csv"), """
                concurrency,throughput_per_s,cpu_ms_per_request
                1,80,10
                2,150,8.5
                4,190,7.5
                # a comment line
                16,200,7.5
                64,201,7.5
                """);
        LoadCurve.Result r = LoadCurve.fit(LoadCurve.read(csv), 3);
        assertEquals(Map.of(1, 1.0, 2, 0.85, 3, 0.75), Map.copyOf(r.scale()));
        assertEquals(5, r.levels().size());
        assertEquals("{1: 100%, 2: 85%, 3: 75%}", r.yaml());
    }

    // Levels pooled at the same number of jobs: their CPU over their requests, (7.6·100 + 7.4·300) / 400
    // = 7.45 ms, over the first level's 10 ms.
    @Test
    void levelsAtTheSameJobsArePooledByTheirRequests() throws Exception {
        LoadCurve.Result r = LoadCurve.fit(List.of(new LoadCurve.Level(1, 50, 10), new LoadCurve.Level(4, 100, 7.6),
                new LoadCurve.Level(8, 300, 7.4)), 3);
        assertEquals(0.745, r.scale().get(3), 1e-12);
        assertEquals(2, r.scale().size());
    }

    @Test
    void badLinesAreLocated() throws Exception {
        Path noHeader = Files.writeString(dir.resolve("a.csv"), "1,2,3\n");
        assertTrue(assertThrows(CalibrationException.class, () -> LoadCurve.read(noHeader)).getMessage()
                .endsWith("a.csv:1:1: expected the header 'concurrency,throughput_per_s,cpu_ms_per_request'"));
        Path bad = Files.writeString(dir.resolve("b.csv"), "concurrency,throughput_per_s,cpu_ms_per_request\n"
                + "1,80,10\n4,190,-2\n");
        String m = assertThrows(CalibrationException.class, () -> LoadCurve.read(bad)).getMessage();
        assertTrue(m.endsWith("b.csv:3:7: '-2' should be a number above 0 (cpu_ms_per_request)"), m);
        Path short3 = Files.writeString(dir.resolve("c.csv"), "concurrency,throughput_per_s,cpu_ms_per_request\n1,2\n");
        assertTrue(assertThrows(CalibrationException.class, () -> LoadCurve.read(short3)).getMessage()
                .contains("c.csv:2:1: expected 3 fields"));
    }

    // calibrate --load-curve writes the table on the host, and the scenario reads it back as
    // the per-job scales the CPU uses.
    @Test
    void calibrateWritesTheTableOnTheHost() throws Exception {
        SyntheticSite site = new SyntheticSite(120, 0, 1);
        Path csv = Files.writeString(dir.resolve("curve.csv"), "concurrency,throughput_per_s,cpu_ms_per_request\n"
                + "1,80,10\n2,150,8.5\n4,190,7.5\n");
        Path out = dir.resolve("scaled.yaml");
        assertEquals(Main.OK, Main.execute("calibrate", "--nginx-log", site.writeLog(dir).toString(), "--cpu",
                site.writeProc(dir).toString(), "--clock-ticks", String.valueOf(SyntheticSite.TICKS), "--class",
                "page=GET ^/articles/", "--class", "write=POST ^/articles/new$", "--workers", "3", "--load-curve",
                csv.toString(), "--out", out.toString()));
        Scenario s = ScenarioLoader.load(out);
        assertArrayEquals(new double[] {1, 0.85, 0.75}, s.hosts().get("server").demandScale(), 1e-12);
    }
}
