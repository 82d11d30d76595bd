package io.stagesim.calibrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.cli.Main;
import io.stagesim.scenario.RequestSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.scenario.WorkloadSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calibrate --profile} and {@code --response-sizes} on tiny logs whose answers are worked by hand. */
final class ArrivalProfileTest {

    private static final long T0 = 1_764_640_800_000L; // 2025-12-02T02:00:00Z

    @TempDir
    Path dir;

    private static LogRecord page(long atMs, long bytes) {
        return new LogRecord(T0 + atMs, "GET", "/articles/1", 200, bytes, 0.010, 0.009);
    }

    private static LogRecord write(long atMs) {
        return new LogRecord(T0 + atMs, "POST", "/articles/new", 302, 0, 0.020, 0.019);
    }

    private static LogRecord asset(long atMs) {
        return new LogRecord(T0 + atMs, "GET", "/static/a.css", 200, 900, 0.001, Double.NaN);
    }

    /**
     * Three 10 s buckets over a span of exactly 30 s: 5, 20 and 8 requests the app served (the one at
     * 30 s, the log's end, counted in the last bucket; a static file NGINX answered alone not counted):
     * 0.5/s, 2/s and 0.8/s.
     */
    static List<LogRecord> threeBuckets() {
        List<LogRecord> log = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            log.add(page(i * 1000, 5000));
        }
        for (int i = 0; i < 20; i++) {
            log.add(i < 16 ? page(10_000 + i * 500, 5300) : write(10_000 + i * 500));
        }
        log.add(asset(12_000));
        for (int i = 0; i < 7; i++) {
            log.add(page(20_000 + i * 1000, 5200));
        }
        log.add(page(30_000, 5000));
        return log;
    }

    @Test
    void countsPerBucketOverItsLength() throws Exception {
        ArrivalProfile.Result p = ArrivalProfile.of(threeBuckets(), 10_000, "--profile 10s");
        assertArrayEquals(new long[] {5, 20, 8}, p.counts());
        assertArrayEquals(new double[] {0.5, 2.0, 0.8}, p.rates(), 1e-12);
        assertEquals("2025-12-02T02:00:00Z", p.start());
    }

    // A tail shorter than a bucket joins the last one: a span of 34 s in 10 s buckets is 3 buckets, the
    // last 14 s long; its 7 requests are 0.5/s, not 0.7/s.
    @Test
    void theTailJoinsTheLastBucket() throws Exception {
        List<LogRecord> log = new ArrayList<>();
        log.add(page(0, 1));
        log.add(page(10_000, 1));
        for (long at : new long[] {20_000, 22_000, 24_000, 26_000, 28_000, 30_000, 34_000}) {
            log.add(page(at, 1));
        }
        ArrivalProfile.Result p = ArrivalProfile.of(log, 10_000, "--profile 10s");
        assertArrayEquals(new long[] {1, 1, 7}, p.counts());
        assertArrayEquals(new double[] {0.1, 0.1, 0.5}, p.rates(), 1e-12);
    }

    @Test
    void fewerThanTwoBucketsIsALocatedError() {
        List<LogRecord> log = List.of(page(0, 1), page(19_000, 1));
        CalibrationException e = assertThrows(CalibrationException.class,
                () -> ArrivalProfile.of(log, 10_000, "--profile 10s"));
        assertEquals("--profile 10s: the log spans 19.000 s, which holds 1 whole bucket of 10.000 s: a profile needs "
                + "at least 2 (give a shorter bucket)", e.getMessage());
    }

    // The written file: the profile's three points, the run as long as the log, and the page's mean
    // bytes sent (16 of 5300, 7 of 5200 and 6 of 5000 B: 151200 / 29 = 5213.8, so 5214B); the write's 0B.
    @Test
    void theWrittenScenarioCarriesTheProfileAndTheSizes() throws Exception {
        List<LogRecord> log = threeBuckets();
        ClassRules rules = ClassRules.parse(List.of("page=GET ^/articles/", "write=POST ^/articles/new$"));
        Calibration.Result r = Calibration.of(log, rules, null, 5);
        ScenarioWriter.Setup setup = new ScenarioWriter.Setup("t", null, "gunicorn", "postgres", 2, 3, 1, 60, null, 0,
                "NGINX log access.log");
        String yaml = ScenarioWriter.write(r, setup, new ScenarioWriter.ConnectionCost(0.0052, 0.0044), List.of(),
                null, 0, ArrivalProfile.of(log, 10_000, "--profile 10s"), true);
        assertTrue(yaml.contains("at: 0s is 2025-12-02T02:00:00Z (UTC)"), yaml);
        assertTrue(yaml.contains("      - {at: 0s, rate: 0.5/s}   # 5 requests\n"
                + "      - {at: 10s, rate: 2/s}   # 20 requests\n"
                + "      - {at: 20s, rate: 0.8/s}   # 8 requests\n"), yaml);
        assertTrue(yaml.contains("run: {duration: 30s, warmup: 0s,"), yaml);
        assertTrue(yaml.contains("after gzip if NGINX gzipped them,\n# headers included"), yaml);
        Scenario s = ScenarioLoader.loadText("t.yaml", yaml, dir);
        WorkloadSpec.Open open = (WorkloadSpec.Open) s.browser().workload();
        assertEquals(3, open.profile().size());
        assertEquals(20_000_000_000L, open.profile().get(2).at());
        assertEquals(0.8, open.profile().get(2).rate(), 1e-12);
        assertEquals(30_000_000_000L, s.run().duration());
        RequestSpec page = s.requests().get("page");
        RequestSpec write = s.requests().get("write");
        assertEquals(5214, page.responseSize());
        assertEquals(0, write.responseSize());
    }

    // Without the options the file is today's: the mean rate, 120 s, no response_size.
    @Test
    void offByDefault() throws Exception {
        List<LogRecord> log = threeBuckets();
        Calibration.Result r = Calibration.of(log, ClassRules.parse(List.of("page=GET ^/articles/")), null, 5);
        ScenarioWriter.Setup setup = new ScenarioWriter.Setup("t", null, "gunicorn", "postgres", 2, 3, 1, 60, null, 0,
                "NGINX log access.log");
        String yaml = ScenarioWriter.write(r, setup, new ScenarioWriter.ConnectionCost(0.0052, 0.0044), List.of(),
                null, 0);
        assertTrue(yaml.contains("    rate: 1.1/s "), yaml); // 33 requests the app served over 30 s
        assertTrue(yaml.contains("run: {duration: 120s, warmup: 20s,"), yaml);
        assertTrue(!yaml.contains("response_size") && !yaml.contains("profile"), yaml);
    }

    @Test
    void theCommandWritesAProfileOrSaysWhyNot() throws Exception {
        SyntheticSite site = new SyntheticSite(300, 0, 1);
        Path log = site.writeLog(dir);
        Path proc = site.writeProc(dir);
        Path out = dir.resolve("fitted.yaml");
        List<String> args = new ArrayList<>(List.of("calibrate", "--nginx-log", log.toString(), "--cpu",
                proc.toString(), "--clock-ticks", String.valueOf(SyntheticSite.TICKS), "--class",
                "page=GET ^/articles/", "--class", "write=POST ^/articles/new$", "--workers", "3", "--response-sizes",
                "--out", out.toString()));
        args.addAll(List.of("--profile", "200s"));
        assertEquals(Main.BAD_INPUT, Main.execute(args.toArray(String[]::new)));
        assertTrue(!Files.exists(out));
        args.set(args.size() - 1, "fortnight");
        assertEquals(Main.BAD_INPUT, Main.execute(args.toArray(String[]::new)));
        List<String> closed = new ArrayList<>(args);
        closed.set(closed.size() - 1, "1min");
        closed.addAll(List.of("--users", "4"));
        assertEquals(Main.BAD_INPUT, Main.execute(closed.toArray(String[]::new)));
        assertTrue(!Files.exists(out));
        args.set(args.size() - 1, "1min");
        assertEquals(Main.OK, Main.execute(args.toArray(String[]::new)));
        Scenario s = ScenarioLoader.load(out);
        // a span just under 300 s: four whole minutes, the tail in the last
        assertEquals(4, ((WorkloadSpec.Open) s.browser().workload()).profile().size());
        assertTrue(s.requests().values().stream().allMatch(q -> q.name().equals("write") ? q.responseSize() == 0
                : q.responseSize() > 5120), Files.readString(out));
    }
}
