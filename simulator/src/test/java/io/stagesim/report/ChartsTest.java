package io.stagesim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.Comparison;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.FaultSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.scenario.SloSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The charts as data and structure, drawn headless from a small comparison: M/M/1 (10 ms) with its
 * one host crashed ("reset") from 20 s to 25 s, and M/M/4. Panels per stage on shared scales, gaps
 * where nothing completed, errors by cause at the same multiple of each stage's capacity, a
 * colour-blind-safe palette, short resource names, slides of 1920×1080.
 */
final class ChartsTest {

    private static Comparison.Result c;
    private static Scenario crashed;

    @BeforeAll
    static void compare() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Scenario mm1 = ScenarioLoader.load(Path.of("..", "scenarios", "textbook-mm1.yaml"));
        Scenario mm4 = ScenarioLoader.load(Path.of("..", "scenarios", "textbook-mmc.yaml"));
        crashed = mm1.withRun(mm1.run().with(40_000_000_000L, 4_000_000_000L, 2, 1))
                .withFaults(List.of(new FaultSpec.HostCrash("server", 20_000_000_000L, 5_000_000_000L, "reset", 1)));
        mm4 = mm4.withRun(crashed.run());
        Conservation.check(Conservation.replication(crashed, 0)); // the survival run keeps its books
        c = Comparison.run(List.of(crashed, mm4), new SloSpec(0, 0, 60_000_000, Double.NaN), 2, 0.2,
                (name, rate, stage, stages, point) -> { });
    }

    private static Charts.Chart chart(String name) {
        return Charts.of(c).stream().filter(ch -> ch.name().equals(name)).findFirst().orElseThrow();
    }

    private static PanelGrid grid(Charts.Chart ch) {
        return (PanelGrid) ch.chart().getPlot();
    }

    private static XYPlot xy(Plot p) {
        return (XYPlot) p;
    }

    // Eight stages × three percentiles are 24 lines: a panel per stage, three lines each, and every
    // panel on the same scales (both axes), so panels compare by position.
    @Test
    void latencyVsLoad_aPanelPerStage_threePercentiles_sharedScales() {
        PanelGrid g = grid(LoadCharts.latencyVsLoad(c));
        assertEquals(2, g.panels().size());
        for (int i = 0; i < 2; i++) {
            XYPlot p = xy(g.panels().get(i));
            assertEquals(3, p.getDataset().getSeriesCount());
            assertEquals(c.rows().get(i).stress().points().size(), p.getDataset().getItemCount(2));
            assertTrue(g.titles().get(i).startsWith(c.rows().get(i).scenario()));
            assertEquals(xy(g.panels().get(0)).getDomainAxis().getRange(), p.getDomainAxis().getRange());
            assertEquals(xy(g.panels().get(0)).getRangeAxis().getRange(), p.getRangeAxis().getRange());
        }
        assertEquals(4, g.getLegendItems().getItemCount(), "p50, p95, p99 and the objective");
        // the shared range holds every stage's points
        double highest = 0;
        for (Comparison.Row r : c.rows()) {
            for (var p : r.stress().points()) {
                highest = Math.max(highest, p.result().all().latencyMs().p99().mean());
            }
        }
        assertTrue(xy(g.panels().get(0)).getRangeAxis().getUpperBound() >= highest);
    }

    // The crash leaves windows in which page views failed and none completed: p99 there is NaN in the
    // series (the line stops; it is not joined across), empty in the CSV, and the windows are shaded
    // as "down" — and the availability there is 0, not a gap.
    @Test
    void p99DuringFaults_stopsAcrossTheCrash_andShadesItDown() {
        Charts.Chart ch = FaultCharts.chart(c, false);
        PanelGrid g = grid(ch);
        assertEquals(1, g.panels().size(), "only the stage with faults");
        XYDataset d = xy(g.panels().get(0)).getDataset();
        ReplicationResult.Series s = c.rows().get(0).asWritten().detail().series();
        int gaps = 0;
        for (int i = 0; i < d.getItemCount(0); i++) {
            double x = d.getXValue(0, i);
            if (s.completed()[i] == 0) {
                assertTrue(Double.isNaN(d.getYValue(0, i)), "no p99 where nothing completed, at " + x);
                gaps++;
            } else {
                assertEquals(s.p99()[i], d.getYValue(0, i), 0);
            }
        }
        assertTrue(gaps >= 4, "the host is down 5 s: at least 4 whole windows of 1 s have nothing completed");
        assertTrue(TimeCharts.downWindows(c.rows().get(1).stress().atCapacity().result().detail().series()).isEmpty(),
                "no outage without a fault, not even in the first window, before the first page view completed");
        List<double[]> down = TimeCharts.downWindows(s);
        assertFalse(down.isEmpty());
        assertTrue(down.stream().anyMatch(w -> w[0] >= 19.999 && w[0] <= 21 && w[1] >= 24 && w[1] <= 26.001),
                "a down band within the crash, 20 s to 25 s, to the window");
        long bands = xy(g.panels().get(0)).getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND).stream()
                .filter(m -> "down".equals(((org.jfree.chart.plot.Marker) m).getLabel())).count();
        assertEquals(down.size(), bands);
        String csv = ch.data().csv();
        String firstDown = csv.lines().filter(l -> l.startsWith(c.rows().get(0).scenario() + ","))
                .filter(l -> l.split(",", -1)[2].equals("0") && !l.split(",", -1)[3].equals("0")).findFirst().orElseThrow();
        assertTrue(firstDown.endsWith(",0.00000,"), "availability 0, p99 empty: " + firstDown);
    }

    // A fault during which almost nothing completed has its p99 marked, not printed alone.
    @Test
    void survivalTable_marksTheP99OfAnOutage() {
        List<String> row = CompareReporter.survival(c).get(0);
        assertTrue(c.rows().get(0).asWritten().faults().get(0).availability().mean() < CompareReporter.DOWN_BELOW);
        String p99 = row.get(CompareReporter.SURVIVAL_COLUMNS.indexOf("p99 ms"));
        assertTrue(p99.equals("-") || p99.endsWith(" (down)"), p99);
    }

    // Every stage's errors at the same multiple of its own capacity: the run offered 1.5 × capacity
    // (within its interval over the two replications), the causes stacked add up to the failures.
    @Test
    void errors_atTheSameMultipleOfCapacity_stackedByCause() {
        Charts.Chart ch = TimeCharts.errorsOverTime(c);
        PanelGrid g = grid(ch);
        assertEquals(2, g.panels().size());
        for (int i = 0; i < 2; i++) {
            Comparison.Row r = c.rows().get(i);
            var offered = r.overload().all().offeredPerS();
            double expect = Comparison.OVERLOAD * r.stress().capacity();
            // one replication (the one the chart draws): a Poisson count over the measured time, within 4 sd
            double seconds = (crashed.run().duration() - crashed.run().warmup()) / 1e9;
            assertEquals(expect, offered.mean(), 4 * Math.sqrt(expect * seconds) / seconds, r.scenario());
            XYPlot p = xy(g.panels().get(i));
            XYDataset causes = p.getDataset(0);
            XYDataset total = p.getDataset(1);
            assertEquals(1, total.getSeriesCount());
            for (int k = 0; k < total.getItemCount(0); k++) {
                double sum = 0;
                for (int j = 0; j < causes.getSeriesCount(); j++) {
                    sum += causes.getYValue(j, k);
                }
                assertEquals(total.getYValue(0, k), sum, 1e-9, "the causes add up to the total");
            }
        }
        assertTrue(ch.data().header().contains("failed_per_s"));
    }

    // Okabe–Ito's eight colours, all different; the first 24 series differ in colour, marker or dash.
    @Test
    void palette_isOkabeIto_andTwentyFourSeriesStayDistinct() {
        Set<Integer> colours = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            colours.add(Palette.colour(i).getRGB());
        }
        assertEquals(Set.of(0xff0072B2, 0xffE69F00, 0xff009E73, 0xffD55E00, 0xffCC79A7, 0xff56B4E9, 0xff000000,
                0xffF0E442), colours);
        Set<String> styles = new HashSet<>();
        for (int i = 0; i < 24; i++) {
            styles.add(Palette.colour(i).getRGB() + "/" + java.util.Arrays.toString(Palette.dash(i)) + "/"
                    + Palette.shapeIndex(i));
        }
        assertEquals(24, styles.size());
        assertEquals(Palette.colour(0), Palette.colour(8));
        assertNotEquals(java.util.Arrays.toString(Palette.dash(0)), java.util.Arrays.toString(Palette.dash(8)));
        assertEquals(Palette.colour(2), Charts.colour(2), "a stage's colour is the palette's");
    }

    @Test
    void resourceNames_shortAndWhole() {
        assertEquals("gunicorn workers (5)", ResourceNames.of("gunicorn", "5 workers × 1 threads (backlog 2048)", 5));
        assertEquals("gunicorn workers (5 × 8 threads)",
                ResourceNames.of("gunicorn", "5 workers × 8 threads (backlog 2048)", 40));
        assertEquals("db connections (97)", ResourceNames.of("db", "connections (max_connections 100 − 3 reserved)", 97));
        assertEquals("nginx connections (1,536)", ResourceNames.of("nginx", "connections (2 × 768)", 1536));
        assertEquals("proxy database connections (97)",
                ResourceNames.of("proxy", "database connections (100 % of max_connections: 97)", 97));
        assertEquals("nginx workers (2)", ResourceNames.of("nginx", "worker processes (2, one core each)", 2));
        assertEquals("runserver GIL", ResourceNames.of("runserver", "Python on one core (GIL)", 1));
        assertEquals("web CPU (2 cores)", ResourceNames.of("web", "CPU of host web", 2));
        assertEquals("web network (5 Gbps)", ResourceNames.of("web", "network interface (5Gbps, transfers)", 1));
        assertEquals("media transfers in progress", ResourceNames.of("media", "transfers in progress", 0),
                "a resource no rule knows keeps its whole description");
        // the chart's labels are the short names, whole
        Charts.Chart u = Charts.utilisationAtCapacity(c);
        for (List<String> row : u.data().rows()) {
            assertFalse(row.get(6).contains("…"));
        }
    }

    // A slide is 1920×1080, beside each chart of the report.
    @Test
    void slides_are1920By1080() throws Exception {
        Map<String, byte[]> files = HtmlReport.files(c, HtmlReportTest.provenance(List.of(crashed)));
        int slides = 0;
        for (Charts.Chart ch : Charts.of(c)) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(files.get("slides/" + ch.name() + ".png")));
            assertEquals(1920, img.getWidth());
            assertEquals(1080, img.getHeight());
            slides++;
        }
        assertEquals(Charts.of(c).size(), slides);
        String html = new String(files.get("report.html"), StandardCharsets.UTF_8);
        assertFalse(html.contains("source document"), "no internal phrase in the page");
    }

    // A stage with faults is drawn at its own load, from its survival run, the crashed host
    // outlined and named, and its caption says which load it is drawn at.
    @Test
    void topology_ofAFaultedStage_atItsOwnLoad_hostMarked() {
        Comparison.Row r = c.rows().get(0);
        String svg = Topology.svg(r);
        assertTrue(svg.contains("class=\"faulted\""));
        assertTrue(svg.contains("⚠ host crash 20–25 s"), svg);
        String caption = Topology.caption(r);
        assertTrue(caption.startsWith("drawn at the load its file offers, "
                + Charts.num3(r.asWritten().all().offeredPerS().mean()) + " page views/s"), caption);
        assertFalse(Topology.svg(c.rows().get(1)).contains("faulted"));
        assertTrue(Topology.caption(c.rows().get(1)).startsWith("drawn at its capacity, "
                + Charts.num3(c.rows().get(1).stress().capacity()) + " page views/s."));
    }
}
