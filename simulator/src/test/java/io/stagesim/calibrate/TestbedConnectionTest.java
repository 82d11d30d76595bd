package io.stagesim.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new connection's CPU fitted on the real testbed (Gunicorn alone, 3 sync workers): the first
 * 10 s of the low-load step with CONN_MAX_AGE = 0 and of the one with CONN_MAX_AGE = 60, cut from
 * the runs in validation/testbed/results (fixtures' README). The testbed's own summary of the whole
 * 30 s steps — other code, from the process groups' CPU before and after each step — gives
 * Gunicorn 2.136 − 1.332 = 0.804 ms and PostgreSQL 3.849 − 0.113 = 3.736 ms per request; the fit on
 * 10 s must hold those in its 95 % intervals.
 */
final class TestbedConnectionTest {

    private static final Path ROOT = Path.of("src", "test", "resources", "calibrate", "testbed-connection");

    @TempDir
    Path dir;

    private Path gunzip(String name) throws Exception {
        Path out = dir.resolve(name.replace(".gz", ""));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(ROOT.resolve(name)))) {
            Files.copy(in, out);
        }
        return out;
    }

    private Calibration.Result calibrate(String run) throws Exception {
        ClassRules rules = ClassRules.parse(List.of("page=GET ^/page/", "write=POST ^/write/"));
        ProcessGroups groups = ProcessGroups.parse(List.of("gunicorn=^gunicorn|^python", "postgres=^postgres"));
        return Calibration.of(AccessLogs.gunicorn(gunzip(run + "-access.log.gz")).records(), rules,
                CpuSamples.read(gunzip(run + "-proc-stat.txt.gz"), groups, 100), 2);
    }

    @Test
    void theCostFittedOnTenSecondsHoldsTheWholeStepsFigure() throws Exception {
        Calibration.Result fresh = calibrate("gunicorn-cma0");
        Calibration.Result kept = calibrate("gunicorn-cma60");
        // a Gunicorn log's requests are the app's own, not static files NGINX answered alone
        assertEquals(List.of("page", "write"), fresh.classes().stream().map(Calibration.ClassSummary::name).toList());
        ConnectionFit.Result f = ConnectionFit.fit(fresh, kept, "gunicorn", "postgres", 1);
        System.out.println(f.app().describe() + "\n" + f.db().describe());
        assertEquals(3, f.app().freshWindows()); // 2 s windows inside the log's whole seconds
        assertTrue(Math.abs(f.app().cost() - 0.000804) < f.app().halfWidth(), f.app().describe());
        assertTrue(Math.abs(f.db().cost() - 0.003736) < f.db().halfWidth(), f.db().describe());
        // the intervals say something: narrower than half the cost (0.931 ± 0.379 ms, 3.943 ± 1.009 ms)
        assertTrue(f.app().halfWidth() < f.app().cost() / 2 && f.db().halfWidth() < f.db().cost() / 2,
                f.app().describe() + "; " + f.db().describe());
    }
}
