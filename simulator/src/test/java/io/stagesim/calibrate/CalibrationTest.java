package io.stagesim.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** calibrate on a synthetic site whose demands are known exactly. */
final class CalibrationTest {

    @TempDir
    Path dir;

    private static final List<String> CLASSES = List.of("page=GET ^/articles/", "write=POST ^/articles/new$");
    private static final List<String> GROUPS = List.of("nginx=^nginx", "gunicorn=^gunicorn", "postgres=^postgres");

    private Calibration.Result fit(SyntheticSite site, double window) throws IOException, CalibrationException {
        AccessLogs.Read log = AccessLogs.nginx(site.writeLog(dir));
        CpuSamples.Series cpu = CpuSamples.read(site.writeProc(dir), ProcessGroups.parse(GROUPS), SyntheticSite.TICKS);
        return Calibration.of(log.records(), ClassRules.parse(CLASSES), cpu, window);
    }

    // Without noise the CPU is exactly linear in the per-second counts, so the fit must return the
    // demands to within the rounding of the clock ticks: at most one tick (1 µs here) per window of
    // 5 s with some 35 writes in it, far below the 5 µs allowed. (With Linux's 100 ticks a second the
    // same rounding is 10 ms per window: what makes short windows and cheap requests hard to fit.)
    @Test
    void noiseFreeSiteGivesBackItsDemands() throws Exception {
        SyntheticSite site = new SyntheticSite(300, 0, 1);
        Calibration.Result r = fit(site, 5);
        assertEquals(59, r.windows()); // the first sample (at the start) is before the log's first request
        String[] groups = {"nginx", "gunicorn", "postgres"};
        double[][] truth = {site.nginx, site.gunicorn, site.postgres};
        for (int g = 0; g < 3; g++) {
            DemandFit.Result f = r.fits().get(groups[g]);
            assertEquals(truth[g][0], f.demand("page").value(), 5e-6, groups[g] + " page");
            assertEquals(truth[g][1], f.demand("write").value(), 5e-6, groups[g] + " write");
            assertEquals(site.background, f.background().value(), 2e-4, groups[g] + " background");
            assertTrue(f.rSquared() > 0.999, f.toString());
        }
        Calibration.ClassSummary page = r.classes().get(0);
        assertEquals("page", page.name());
        assertTrue(!page.writes() && r.classes().get(1).writes());
        assertEquals(0, r.proxyOnly());
    }

    @Test
    void requestsNoRuleTakesAreOtherAndWarned() throws Exception {
        SyntheticSite site = new SyntheticSite(60, 0, 2);
        AccessLogs.Read log = AccessLogs.nginx(site.writeLog(dir));
        Calibration.Result r = Calibration.of(log.records(), ClassRules.parse(List.of("page=GET ^/articles/")), null, 5);
        assertEquals(List.of("page", "other"), r.classes().stream().map(Calibration.ClassSummary::name).toList());
        assertTrue(r.warnings().get(0).contains("matched no --class rule") && r.warnings().get(0).contains("POST"),
                r.warnings().toString());
    }

    @Test
    void samplesThatMissTheLogAreRefused() throws Exception {
        SyntheticSite site = new SyntheticSite(30, 0, 3);
        Path proc = dir.resolve("late.txt");
        Files.write(proc, site.proc.stream().map(l -> (Long.parseLong(l.substring(0, 13)) + 3_600_000L)
                + l.substring(13)).toList());
        AccessLogs.Read log = AccessLogs.nginx(site.writeLog(dir));
        CpuSamples.Series cpu = CpuSamples.read(proc, ProcessGroups.parse(GROUPS), SyntheticSite.TICKS);
        CalibrationException e = assertThrows(CalibrationException.class,
                () -> Calibration.of(log.records(), ClassRules.parse(CLASSES), cpu, 5));
        assertTrue(e.getMessage().contains("do not overlap the log"), e.getMessage());
    }

    @Test
    void windowsJoinSampleIntervalsInsideTheLog() {
        long[] times = {0, 1000, 2000, 3000, 4000, 5000, 6000, 7000};
        List<long[]> w = Calibration.windows(times, 500, 6500, 2000);
        assertEquals(2, w.size());
        assertEquals(List.of(1L, 3L), List.of(w.get(0)[0], w.get(0)[1]));
        assertEquals(List.of(3L, 5L), List.of(w.get(1)[0], w.get(1)[1]));
    }
}
