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
        assertFalse(html.contains("<script src") || html.contains("src=\"http"), "self-contained: scripts inline");
        assertEquals(3, html.split(" data-chart=\"chart-data-run-", -1).length - 1, "every chart has its data");
        assertEquals(2, html.split("<script>\n", -1).length - 1, "ECharts and the page's script, once each");
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
}
