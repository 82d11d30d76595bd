package io.stagesim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.run.Estimate;
import io.stagesim.run.Sweep;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A sweep's report.html: self-contained, a chart per setting with the intervals, the heat map, every point. */
final class SweepReportTest {

    private static final List<Sweep.Dimension> DIMS = List.of(
            new Sweep.Dimension("services.app.workers", List.of("2", "4", "8")),
            new Sweep.Dimension("services.app.conn_max_age", List.of("0s", "60s")));

    /** A 3 × 2 capacity grid: capacity cap[i][j] with the interval [cap − 1, cap + 2], no upper end at (60s, 8). */
    static SweepReporter.SweepFile capacityGrid() {
        double[][] cap = {{40, 70, 90}, {60, 110, 150}};
        List<SweepReporter.PointFile> points = new java.util.ArrayList<>();
        int k = 0;
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 2; i++) {
                double high = i == 1 && j == 2 ? Double.POSITIVE_INFINITY : cap[i][j] + 2;
                points.add(new SweepReporter.PointFile(k++, new java.util.LinkedHashMap<>(Map.of(
                        "services.app.workers", DIMS.get(0).values().get(j),
                        "services.app.conn_max_age", DIMS.get(1).values().get(i))),
                        new SweepReporter.Capacity(cap[i][j], cap[i][j] - 1, high), null, null, null, null,
                        new Estimate(0.1, 0), "CPU of host web", null, null));
            }
        }
        return new SweepReporter.SweepFile("s", "capacity", DIMS, null, 6, points, List.of());
    }

    @Test
    void capacityGrid_chartsPerSettingWithIntervals_heatMap_andEveryPoint() {
        SweepReporter.SweepFile f = capacityGrid();
        List<Charts.Chart> charts = SweepReport.against(f);
        assertEquals(2, charts.size(), "a chart against each setting");
        // against workers: a line per conn_max_age, each point's value and interval as given; no upper end
        // drawn as the value itself (no bar up)
        List<List<String>> rows = charts.get(0).data().rows();
        assertEquals(6, rows.size());
        assertEquals(List.of("services.app.conn_max_age = 0s", "2", Charts.num(40), Charts.num(39), Charts.num(42)),
                rows.get(0));
        assertEquals(List.of("services.app.conn_max_age = 60s", "8", Charts.num(150), Charts.num(149),
                Charts.num(150)), rows.get(5));
        String html = new String(SweepReport.html(f), StandardCharsets.UTF_8);
        // self-contained: every picture embedded, nothing fetched
        Matcher img = Pattern.compile("<img alt=[^>]*src=\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (img.find()) {
            assertTrue(img.group(1).startsWith("data:image/png;base64,"), img.group(1).substring(0, 30));
            images++;
        }
        assertEquals(3, images, "two charts and the heat map");
        assertTrue(!html.contains("href=\"http") && !html.contains("<script src"), "no outside resource");
        assertEquals(2, html.split(" data-chart=\"chart-data-against-", -1).length - 1, "both charts have their data");
        assertEquals(6, html.split("CPU of host web").length - 1, "a row per point");
        assertTrue(html.contains("150.0 [149.0, -]"), "a capacity without an upper end");
        // a shard's share has no report
        assertNull(SweepReport.html(new SweepReporter.SweepFile("s", "capacity", DIMS, "1/2", 6,
                f.points().subList(0, 3), List.of())));
    }

    @Test
    void runGrid_tableShowsThePairedDifferenceFromTheFirstPoint() {
        List<Sweep.Dimension> dims = List.of(new Sweep.Dimension("services.app.workers", List.of("2", "4")));
        List<SweepReporter.PointFile> points = List.of(
                new SweepReporter.PointFile(0, Map.of("services.app.workers", "2"), null, new Estimate(50, 1),
                        new Estimate(10, 1), new Estimate(80, 8), new Estimate(0, 0), new Estimate(0.1, 0), "x", 1L,
                        null),
                new SweepReporter.PointFile(1, Map.of("services.app.workers", "4"), null, new Estimate(50, 1),
                        new Estimate(9, 1), new Estimate(60, 8), new Estimate(0, 0), new Estimate(0.1, 0), "x", 1L,
                        null));
        SweepReporter.SweepFile f = new SweepReporter.SweepFile("s", "run", dims, null, 2, points, List.of(
                new SweepReporter.PointDifference(1, Map.of("p99_ms", new DifferenceFile(-20.0, 3.0, 5, true, true)))));
        String html = new String(SweepReport.html(f), StandardCharsets.UTF_8);
        assertTrue(html.contains("-20.0 ±3.0 (paired) *"), html);
        List<Charts.Chart> charts = SweepReport.against(f);
        assertEquals(List.of("p99", "4", Charts.num(60), Charts.num(52), Charts.num(68)),
                charts.get(0).data().rows().get(1), "p99 ± its half-width");
    }
}
