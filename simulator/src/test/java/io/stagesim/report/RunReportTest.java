package io.stagesim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.CapacitySearch;
import io.stagesim.run.ReplicationResult;
import io.stagesim.run.ScenarioResult;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.SloSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code run --report} and {@code stress --report}: self-contained pages with the tables, the
 * charts over time (or against load), the topology and the provenance; the charts' data are the
 * run's own windows: M/M/1 with its host down from 20 s to 25 s has no latency there (a gap, not a
 * line drawn across) and its errors by cause add up to the failed page views window by window.
 */
final class RunReportTest {

    private static Scenario crash;
    private static ScenarioResult run;
    private static Map<String, byte[]> files;

    @BeforeAll
    static void runOnce() throws Exception {
        System.setProperty("java.awt.headless", "true");
        crash = ResultsRoundTripTest.mm1Crash();
        run = Conservation.run(crash, 1);
        files = RunReport.files(run, crash, HtmlReportTest.provenance(List.of(crash)));
    }

    private static String text(String name) {
        return new String(files.get(name), StandardCharsets.UTF_8);
    }

    @Test
    void runPage_hasItsSections_selfContained() {
        String html = text("report.html");
        for (String part : List.of("<h2>By request class", "<h2>Utilisation", "<figure id=\"run-latency-over-time\">",
                "<figure id=\"run-throughput-over-time\">", "<figure id=\"run-errors-over-time\">",
                "<h2>The topology, with the load on it", "<h2 id=\"provenance\">")) {
            assertTrue(html.contains(part), part);
        }
        assertFalse(html.contains("<script") || html.contains("src=\"http"), "self-contained");
        assertTrue(files.containsKey("charts/topology.svg"));
    }

    // nothing completes while the only host is down: those windows are blank, drawn as a gap
    @Test
    void latencyOverTime_isBlankWhileTheHostIsDown() {
        ReplicationResult.Series s = run.detail().series();
        String[] lines = text("charts/run-latency-over-time.csv").split("\n");
        assertEquals("window_start_s,p50_ms,p95_ms,p99_ms", lines[0]);
        assertEquals(s.start().length, lines.length - 1);
        int blank = 0;
        for (int i = 0; i < s.start().length; i++) {
            boolean down = s.start()[i] >= 20 && s.start()[i] + s.windowSeconds() <= 25;
            if (down) {
                assertTrue(lines[i + 1].endsWith(",,,"), lines[i + 1]);
                blank++;
            }
        }
        assertTrue(blank >= 4, "windows wholly inside the outage: " + blank);
    }

    @Test
    void errorsByCause_addUpToTheFailedPageViews() {
        ReplicationResult.Series s = run.detail().series();
        String[] lines = text("charts/run-errors-over-time.csv").split("\n");
        assertTrue(lines[0].contains("host_down_per_s"), lines[0]);
        long failed = 0;
        double drawn = 0;
        for (int i = 0; i < s.start().length; i++) {
            for (long[] v : s.errors().values()) {
                failed += v[i];
            }
            String[] cells = lines[i + 1].split(",");
            for (int k = 1; k < cells.length; k++) {
                drawn += Double.parseDouble(cells[k]) * s.windowSeconds();
            }
        }
        assertTrue(failed > 0);
        assertEquals(failed, drawn, 1e-6 * failed);
    }

    @Test
    void stressPage_hasTheCurveEveryLoadAndTheTopology() throws Exception {
        Scenario mm1 = ResultsRoundTripTest.shipped("textbook-mm1.yaml", 20_000_000_000L, 2_000_000_000L, 2, 7);
        CapacitySearch.Result r = CapacitySearch.run(mm1, new SloSpec(0, 0, 60_000_000, Double.NaN), 2, 0.1,
                (i, max, p) -> { });
        Map<String, byte[]> page = RunReport.files(r, mm1, HtmlReportTest.provenance(List.of(mm1)));
        String html = new String(page.get("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<figure id=\"stress-latency-vs-load\">"));
        assertTrue(html.contains("<figure id=\"stress-throughput-vs-load\">"));
        assertTrue(html.contains(HtmlReport.escape(StressReporter.sentence(r))));
        int from = html.indexOf("<h2>Every load tried");
        assertEquals(r.points().size(), html.substring(from, html.indexOf("</table>", from)).split("<tr>", -1).length
                - 2); // less the header row and the text before the first

        assertEquals(r.points().size() + 1, new String(page.get("charts/stress-latency-vs-load.csv"),
                StandardCharsets.UTF_8).split("\n").length);
    }

    // Three request classes: a panel each for their p50 and p99 over time, whose data are the series
    // results.json keeps; the busiest resources' utilisation over time, named short, busiest first,
    // its CSV the same per-window figures in per cent.
    @Test
    void runWithClasses_drawsEachClassOverTime_andTheBusiestResources() throws Exception {
        Scenario s = ResultsRoundTripTest.shipped("tasks-on-host.yaml", 30_000_000_000L, 5_000_000_000L, 1, 3);
        ScenarioResult r = Conservation.run(s, 1);
        Map<String, byte[]> page = RunReport.files(r, s, HtmlReportTest.provenance(List.of(s)));
        String html = new String(page.get("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<figure id=\"run-latency-by-class-over-time\">"), "per-class panels");
        assertTrue(html.contains("<figure id=\"run-utilisation-over-time\">"), "utilisation over time");
        ScenarioResult.TimeSeries t = r.series();
        int windows = t.windowStartS().size();
        assertEquals(30, windows);
        String[] lines = new String(page.get("charts/run-latency-by-class-over-time.csv"), StandardCharsets.UTF_8)
                .split("\n");
        assertEquals("class,window_start_s,p50_ms,p99_ms", lines[0]);
        assertEquals(3 * windows + 1, lines.length, "page, api and write, every window");
        String[] write = lines[2 * windows + 1 + 7].split(",", -1);
        assertEquals("write", write[0]);
        Double p99 = t.latencyMs().get("write").p99().get(7);
        assertEquals(p99 == null ? "" : Charts.num(p99), write[3]);
        String[] util = new String(page.get("charts/run-utilisation-over-time.csv"), StandardCharsets.UTF_8)
                .split("\n");
        assertEquals(ScenarioResult.TOP_RESOURCES + 1, util[0].split(",").length, util[0]);
        assertTrue(util[0].startsWith("window_start_s,web_CPU_(2_cores)_percent,gunicorn_workers_(5)_percent"),
                util[0]);
        assertEquals(Charts.num(100 * t.utilization().get(0).values().get(12)), util[13].split(",")[1]);
        assertEquals(r.bottleneck().service(), t.utilization().get(0).service(), "the bottleneck first");
    }
}
