package io.stagesim.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * calibrate's readers on captures of the real testbed (validation/testbed, smoke mode; see the
 * fixtures' README: a heavily loaded machine, so right in format, not in speed).
 */
final class TestbedFixturesTest {

    private static final Path ROOT = Path.of("src", "test", "resources", "calibrate", "testbed-smoke");
    private static final List<String> GROUPS = List.of("nginx=^nginx", "gunicorn=^gunicorn|^python",
            "postgres=^postgres");

    private static double total(CpuSamples.Series s, String group) {
        double sum = 0;
        for (double v : s.cpuSeconds().get(group)) {
            sum += v;
        }
        return sum;
    }

    private static double span(CpuSamples.Series s) {
        return (s.timesMs()[s.timesMs().length - 1] - s.timesMs()[0]) / 1000.0;
    }

    // The logs hold what the testbed's summary counted from them: 146 pages (and one cut off by wrk,
    // 499) and 16 writes at NGINX; Gunicorn logged the same requests.
    @Test
    void accessLogsReadWhole() throws Exception {
        Path step = ROOT.resolve("nginx-cma0/steps/low-load");
        AccessLogs.Read nginx = AccessLogs.nginx(step.resolve("nginx-access.log"));
        AccessLogs.Read gunicorn = AccessLogs.gunicorn(step.resolve("gunicorn-access.log"));
        assertEquals(0, nginx.skipped());
        assertEquals(0, gunicorn.skipped());
        ClassRules rules = ClassRules.parse(List.of("page=GET ^/page/$", "write=POST ^/write/$"));
        long pages = nginx.records().stream().filter(r -> rules.classify(r.method(), r.path()).equals("page")).count();
        long writes = nginx.records().stream().filter(r -> rules.classify(r.method(), r.path()).equals("write")).count();
        assertEquals(147, pages);
        assertEquals(16, writes);
        assertEquals(1, nginx.records().stream().filter(r -> r.status() == 499).count());
        assertEquals(162, gunicorn.records().size());
    }

    // Two tools over the same seconds: pidstat's %CPU and /proc's ticks of the long-lived Gunicorn
    // workers and NGINX agree to within the ticks' rounding (a tick a process a sample). With
    // CONN_MAX_AGE = 0 each request has a PostgreSQL backend that lives between two samples: pidstat
    // never sees it, /proc finds it in the postmaster's cutime — so pidstat shows far less
    // PostgreSQL CPU. With CONN_MAX_AGE = 60 the backends live on and the two agree again.
    @Test
    void procSnapshotsCountShortLivedBackendsThatPidstatMisses() throws Exception {
        for (String run : List.of("nginx-cma0", "nginx-cma60")) {
            Path step = ROOT.resolve(run + "/steps/low-load");
            CpuSamples.Series proc = CpuSamples.read(step.resolve("proc-stat.txt"), ProcessGroups.parse(GROUPS), 100);
            CpuSamples.Series pid = CpuSamples.read(step.resolve("pidstat.txt"), ProcessGroups.parse(GROUPS), 100);
            double procGunicorn = total(proc, "gunicorn") / span(proc);
            double pidGunicorn = total(pid, "gunicorn") / span(pid);
            double procPostgres = total(proc, "postgres") / span(proc);
            double pidPostgres = total(pid, "postgres") / span(pid);
            System.out.printf("%s: gunicorn %.3f (proc) vs %.3f (pidstat) cores; postgres %.3f vs %.3f%n", run,
                    procGunicorn, pidGunicorn, procPostgres, pidPostgres);
            // Gunicorn's master and 3 workers: at most a tick each at either end of the ~3 s span
            double rounding = 2 * 4 / 100.0 / span(proc);
            assertEquals(procGunicorn, pidGunicorn, rounding, run);
            if (run.endsWith("cma0")) {
                assertTrue(procPostgres > 5 * pidPostgres, run + ": " + procPostgres + " vs " + pidPostgres);
            } else {
                assertEquals(procPostgres, pidPostgres, 0.005, run);
            }
        }
    }
}
