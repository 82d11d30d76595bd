package io.stagesim.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ParsersTest {

    @TempDir
    Path dir;

    @Test
    void nginxLine() {
        LogRecord r = AccessLogs.nginxLine("127.0.0.1 - - [02/Dec/2026:01:50:03 +0000] \"GET /articles/?page=2 HTTP/1.1\" "
                + "200 5321 \"-\" \"wrk/4.1.0\" 0.016 0.015 1764640203.123");
        assertEquals(new LogRecord(1_764_640_203_123L, "GET", "/articles/", 200, 5321, 0.016, 0.015), r);
        LogRecord file = AccessLogs.nginxLine("::1 - - [02/Dec/2026:01:50:03 +0000] \"GET /static/a.css HTTP/1.1\" "
                + "200 812 \"http://x/\" \"Mozilla \\\"quoted\\\"\" 0.000 - 1764640203.200");
        assertTrue(file.servedByProxyAlone());
        LogRecord twice = AccessLogs.nginxLine("127.0.0.1 - - [02/Dec/2026:01:50:03 +0000] \"GET / HTTP/1.1\" 200 1 "
                + "\"-\" \"-\" 0.020 0.004, 0.012 1764640203.300");
        assertEquals(0.016, twice.upstreamSeconds(), 1e-12);
    }

    @Test
    void gunicornLine() {
        LogRecord r = AccessLogs.gunicornLine("127.0.0.1 - - [02/Dec/2025:01:50:03 +0000] \"POST /articles/new HTTP/1.0\" "
                + "302 - \"-\" \"wrk\" 13712");
        assertEquals(1_764_640_203_500L, r.endMs());
        assertEquals("POST", r.method());
        assertEquals(0.013712, r.seconds(), 1e-12);
        assertEquals(0, r.bytes());
    }

    // A log in another format fails on its first line with the format expected; one stray line in
    // a hundred is skipped and counted.
    @Test
    void wrongFormatIsLocated() throws Exception {
        Path f = Files.write(dir.resolve("combined.log"), List.of(
                "127.0.0.1 - - [02/Dec/2026:01:50:03 +0000] \"GET / HTTP/1.1\" 200 612 \"-\" \"curl\""));
        CalibrationException e = assertThrows(CalibrationException.class, () -> AccessLogs.nginx(f));
        assertTrue(e.getMessage().startsWith(f + ":1:1: not a line of the NGINX 'stagesim' log_format"),
                e.getMessage());
        SyntheticSite site = new SyntheticSite(5, 0, 1);
        List<String> lines = new java.util.ArrayList<>(site.log);
        lines.add(3, "garbage");
        Path g = Files.write(dir.resolve("mostly.log"), lines);
        AccessLogs.Read read = AccessLogs.nginx(g);
        assertEquals(1, read.skipped());
        assertTrue(read.problems().get(0).startsWith(g + ":4:1:"), read.problems().toString());
    }

    // pidstat -h: %CPU of one core over each 1 s interval; processes summed into groups.
    @Test
    void pidstatOutput() throws Exception {
        Path f = Files.write(dir.resolve("pidstat.txt"), List.of(
                "Linux 6.1.0-26-amd64 (box) \t12/02/2026 \t_x86_64_\t(2 CPU)",
                "",
                "#      Time   UID       PID    %usr %system  %guest   %wait    %CPU   CPU  Command",
                " 1764640201     0      1234   20.00    5.00    0.00    0.00   25.00     1  gunicorn",
                " 1764640201     0      1235   10.00    5.00    0.00    0.00   15.00     0  gunicorn",
                " 1764640201   105      2000    8.00    2.00    0.00    0.00   10.00     0  postgres",
                " 1764640201     0      3000    1.00    0.00    0.00    0.00    1.00     0  sshd",
                "#      Time   UID       PID    %usr %system  %guest   %wait    %CPU   CPU  Command",
                " 1764640202     0      1234   30.00    5.00    0.00    0.00   35.00     1  gunicorn",
                " 1764640202   105      2000    4.00    1.00    0.00    0.00    5.00     0  postgres"));
        ProcessGroups g = ProcessGroups.parse(List.of("gunicorn=gunicorn", "postgres=postgres"));
        CpuSamples.Series s = CpuSamples.read(f, g, 100);
        assertEquals(List.of(1_764_640_200_000L, 1_764_640_201_000L, 1_764_640_202_000L),
                java.util.Arrays.stream(s.timesMs()).boxed().toList());
        assertEquals(0.40, s.cpuSeconds().get("gunicorn")[0], 1e-12);
        assertEquals(0.35, s.cpuSeconds().get("gunicorn")[1], 1e-12);
        assertEquals(0.10, s.cpuSeconds().get("postgres")[0], 1e-12);
        assertEquals(List.of("sshd"), g.unmatched());
    }

    // A backend seen at t1 with 50 ticks that has ended by t2: its whole life (80 ticks) is in the
    // postmaster's cutime at t2, so the interval gets 80 − 50 = 30 ticks of it, plus the
    // postmaster's own 2 ticks and a new backend's 7 that lived between the samples.
    @Test
    void procSnapshotsCountChildrenOnce() throws Exception {
        Path f = Files.write(dir.resolve("proc.txt"), List.of(
                "1000 100 (postgres) S 1 0 0 0 -1 0 0 0 0 0 10 0 0 0 20 0",
                "1000 200 (postgres) S 100 0 0 0 -1 0 0 0 0 0 40 10 0 0 20 0",
                "2000 100 (postgres) S 1 0 0 0 -1 0 0 0 0 0 12 0 80 0 20 0",
                "2000 300 (postgres) S 100 0 0 0 -1 0 0 0 0 0 5 2 0 0 20 0"));
        CpuSamples.Series s = CpuSamples.read(f, ProcessGroups.parse(List.of("postgres=postgres")), 100);
        assertEquals(0.39, s.cpuSeconds().get("postgres")[0], 1e-12);
        assertEquals(1, s.intervals());
    }

    @Test
    void classRules() throws Exception {
        ClassRules r = ClassRules.parse(List.of("write=POST ^/articles/", "page=^/articles/", "ping=^/ping$"));
        assertEquals("write", r.classify("POST", "/articles/new"));
        assertEquals("page", r.classify("GET", "/articles/new"));
        assertEquals("ping", r.classify("GET", "/ping"));
        assertEquals("other", r.classify("GET", "/ping/x"));
        assertEquals(List.of("write", "page", "ping", "other"), r.names());
        assertThrows(CalibrationException.class, () -> ClassRules.parse(List.of("Page=^/")));
        assertThrows(CalibrationException.class, () -> ClassRules.parse(List.of("page=^/(")));
        assertThrows(CalibrationException.class, () -> ClassRules.parse(List.of("other=^/")));
    }

    @Test
    void pgStatStatementsExport() throws Exception {
        Path f = Files.write(dir.resolve("s.csv"), List.of(
                "query,calls,total_exec_time,mean_exec_time,rows",
                "\"SELECT \"\"a\"\", b FROM t\nWHERE x = $1\",900,45.5,0.05,18000",
                "\"INSERT INTO t VALUES ($1, $2)\",100,12.5,0.125,100",
                "SET TIME ZONE 'UTC',1000,1.0,0.001,0"));
        PgStatStatements.Totals t = PgStatStatements.read(f);
        assertEquals(1000, t.calls());
        assertEquals(58.0, t.totalMs(), 1e-12);
        assertEquals(1000, t.otherCalls());
        assertEquals(0.058, t.meanMs(), 1e-12);
    }
}
