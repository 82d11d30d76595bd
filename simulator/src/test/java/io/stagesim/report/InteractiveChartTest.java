package io.stagesim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.run.ReplicationResult;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

/**
 * The data behind an interactive chart is what its picture draws: for a hand-built run of three
 * windows, the model holds each series' name, colour and points (a gap where nothing completed),
 * the log axis's 1-2-5 ticks, the warm-up band and the objective; and in the PNG each point has
 * its series' colour where the picture's own axes put it.
 */
final class InteractiveChartTest {

    // Five 10 s windows; nothing completed in the third. Points sit at the windows' middles (5, 15,
    // 25, 35, 45 s), the third a gap: two segments of two points each (a lone point between gaps has
    // no line to draw, in the picture as in the browser). The warm-up is the first 4 s, the
    // objective 250 ms.
    private static final double[] P50 = {10, 11, Double.NaN, 12, 13};
    private static final double[] P95 = {40, 45, Double.NaN, 50, 55};
    private static final double[] P99 = {200, 220, Double.NaN, 300, 330};

    private static ReplicationResult.Series series() {
        return new ReplicationResult.Series(10, new double[] {0, 10, 20, 30, 40}, new long[] {50, 50, 50, 50, 50},
                new long[] {50, 50, 0, 50, 50}, P50, P95, P99, Map.of(), Map.of(), List.of(), List.of());
    }

    @Test
    void latencyOverTime_modelHoldsTheSeriesDrawn_withGapsTicksBandAndObjective() {
        Charts.Chart ch = RunReport.latencyOverTime(series(), 4, 250);
        InteractiveChart.Model m = InteractiveChart.of(ch.chart());
        assertEquals("Latency over time", m.title());
        assertEquals(1, m.panels().size());
        InteractiveChart.Panel p = m.panels().get(0);
        assertEquals(List.of("p50", "p95", "p99"), p.series().stream().map(InteractiveChart.Series::name).toList());
        double[][] hand = {P50, P95, P99};
        for (int k = 0; k < 3; k++) {
            InteractiveChart.Series s = p.series().get(k);
            assertEquals(Arrays.asList(Arrays.asList(5.0, hand[k][0]), Arrays.asList(15.0, hand[k][1]),
                    Arrays.asList(25.0, null), Arrays.asList(35.0, hand[k][3]), Arrays.asList(45.0, hand[k][4])),
                    s.data(), s.name());
            assertEquals(InteractiveChart.css(Palette.colour(k)), s.colour());
            assertEquals("line", s.kind());
        }
        assertEquals("log", p.y().kind());
        // the axis runs over 10–330 ms with JFreeChart's margins: its ticks are the 1-2-5 values inside
        List<Double> ticks = p.y().ticks().stream().map(InteractiveChart.Tick::at).toList();
        List<Double> expected = new ArrayList<>();
        for (double v : new double[] {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}) {
            if (v >= p.y().min() && v <= p.y().max()) {
                expected.add(v);
            }
        }
        assertEquals(expected, ticks);
        assertTrue(ticks.containsAll(List.of(10.0, 20.0, 50.0, 100.0, 200.0)), ticks.toString());
        assertEquals(1, p.bands().size());
        assertEquals(0.0, p.bands().get(0).from());
        assertEquals(4.0, p.bands().get(0).to());
        assertEquals("warm-up", p.bands().get(0).label());
        assertEquals("top-left", p.bands().get(0).place());
        assertEquals(1, p.rules().size());
        assertEquals(250.0, p.rules().get(0).at());
        assertEquals("#ff0000", p.rules().get(0).colour());
        assertEquals(List.of("p50", "p95", "p99", "warm-up"), m.legend());
    }

    @Test
    void latencyOverTime_eachPointHasItsSeriesColourInThePng() throws Exception {
        Charts.Chart ch = RunReport.latencyOverTime(series(), 4, 250);
        ChartRenderingInfo info = new ChartRenderingInfo();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(out, ch.chart(), 960, 540, info);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        Rectangle2D area = info.getPlotInfo().getDataArea();
        XYPlot plot = ch.chart().getXYPlot();
        InteractiveChart.Model m = InteractiveChart.of(ch.chart());
        int checked = 0;
        List<Color> all = new ArrayList<>(List.of(Color.RED));
        m.panels().get(0).series().forEach(s -> all.add(Color.decode(s.colour())));
        for (InteractiveChart.Series s : m.panels().get(0).series()) {
            Color colour = Color.decode(s.colour());
            for (Object o : s.data()) {
                List<?> point = (List<?>) o;
                if (point.get(1) == null) {
                    continue;
                }
                double px = plot.getDomainAxis().valueToJava2D((Double) point.get(0), area, RectangleEdge.BOTTOM);
                double py = plot.getRangeAxis().valueToJava2D((Double) point.get(1), area, RectangleEdge.LEFT);
                assertTrue(near(png, (int) Math.round(px), (int) Math.round(py), colour, all),
                        s.name() + " at " + point + ": no " + s.colour() + " pixel near (" + px + ", " + py + ")");
                checked++;
            }
        }
        assertEquals(12, checked);
    }

    @Test
    void smallMultiples_onePanelEach_legendNamesFromTheKey() {
        // errors by cause over time in two panels: the stacked causes and the black total are named as
        // the picture's legend names them ("all causes"), each panel titled as the picture titles it
        Map<String, long[]> errorsA = new TreeMap<>(Map.of("timeout", new long[] {0, 20, 0}));
        ReplicationResult.Series a = new ReplicationResult.Series(10, new double[] {0, 10, 20},
                new long[] {50, 50, 50}, new long[] {50, 30, 50}, new double[3], new double[3], new double[3], errorsA,
                Map.of(), List.of(), List.of());
        List<org.jfree.chart.plot.XYPlot> panels = new ArrayList<>();
        org.jfree.data.xy.DefaultTableXYDataset stacked = new org.jfree.data.xy.DefaultTableXYDataset();
        org.jfree.data.xy.XYSeries timeout = new org.jfree.data.xy.XYSeries("timeout", false, false);
        for (int i = 0; i < 3; i++) {
            timeout.add(a.start()[i] + 5, a.errors().get("timeout")[i] / 10.0);
        }
        stacked.addSeries(timeout);
        StackedXYAreaRenderer2 area = new StackedXYAreaRenderer2();
        area.setSeriesPaint(0, Palette.colour(0));
        panels.add(Charts.panel(stacked, new org.jfree.chart.axis.NumberAxis("s"),
                new org.jfree.chart.axis.NumberAxis("failed/s"), area));
        panels.add(Charts.panel(new org.jfree.data.xy.XYSeriesCollection(), new org.jfree.chart.axis.NumberAxis("s"),
                new org.jfree.chart.axis.NumberAxis("failed/s"), new XYLineAndShapeRenderer()));
        org.jfree.chart.LegendItemCollection legend = new org.jfree.chart.LegendItemCollection();
        legend.add(new org.jfree.chart.LegendItem("time out", Palette.colour(0)));
        InteractiveChart.Model m = InteractiveChart.of(Charts.grid("errors", panels, List.of("one", "two"), legend));
        assertEquals(2, m.panels().size());
        assertEquals(List.of("one", "two"), m.panels().stream().map(InteractiveChart.Panel::title).toList());
        InteractiveChart.Series s = m.panels().get(0).series().get(0);
        assertEquals("time out", s.name());
        assertEquals("area", s.kind());
        assertEquals(List.of(List.of(5.0, 0.0), List.of(15.0, 2.0), List.of(25.0, 0.0)), s.data());
        // both panels on the same scale, as PanelGrid sets them
        assertEquals(m.panels().get(0).y().max(), m.panels().get(1).y().max());
        assertEquals(List.of("time out"), m.legend());
    }

    @Test
    void percentileAxis_ticksNamed_andJsonHasNoAngleBracket() {
        InteractiveChart.Model m = InteractiveChart.of(new org.jfree.chart.JFreeChart(new XYPlot(
                new org.jfree.data.xy.XYSeriesCollection(point("a</script>", 100, 5)),
                Charts.percentileAxis("percentile"), Charts.logAxis("ms"),
                new XYLineAndShapeRenderer())));
        InteractiveChart.Axis x = m.panels().get(0).x();
        assertEquals("percentile", x.kind());
        assertTrue(x.ticks().contains(new InteractiveChart.Tick(100, "p99")), x.ticks().toString());
        String json = InteractiveChart.json(m);
        assertFalse(json.contains("<"), json);
        assertTrue(json.contains("a\\u003c/script>"), json);
    }

    @Test
    void unknownPlot_hasNoModel_staysAPicture() {
        org.jfree.chart.JFreeChart pie = org.jfree.chart.ChartFactory.createPieChart("pie",
                new org.jfree.data.general.DefaultPieDataset<String>());
        assertNull(InteractiveChart.of(pie));
        String html = InteractivePage.picture("pie", "a pie", pie, new byte[] {1}, 960, 540);
        assertFalse(html.contains("data-chart"), html);
        assertEquals("", InteractivePage.script(html));
    }

    // the sizes docs/guide.md gives: ECharts 5.3.1's echarts.min.js, 1,016,420 bytes, and the page's
    // own script, 12 KB, inlined once per page (and only in a page with a chart's data)
    @Test
    void script_inlinesEChartsOnce_withThePagesScript() throws Exception {
        byte[] echarts;
        byte[] own;
        try (java.io.InputStream in = InteractivePage.class.getResourceAsStream(InteractivePage.ECHARTS);
                java.io.InputStream js = InteractivePage.class.getResourceAsStream("/io/stagesim/report/charts.js")) {
            echarts = in.readAllBytes();
            own = js.readAllBytes();
        }
        assertEquals(1_016_420, echarts.length);
        assertEquals(12, Math.round(own.length / 1000.0), own.length + " bytes");
        String script = InteractivePage.script("<img data-chart=\"chart-data-a\">");
        assertEquals(echarts.length + own.length + "<script>\n\n</script>\n<script>\n</script>\n".length(),
                script.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void markers_fromTheirOutlines() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Palette.SHAPES; i++) {
            names.add(InteractiveChart.marker(Palette.shape(i)));
        }
        assertEquals(List.of("circle", "square", "triangle", "diamond", "triangle-down", "cross"), names);
    }

    private static org.jfree.data.xy.XYSeries point(String name, double x, double y) {
        org.jfree.data.xy.XYSeries s = new org.jfree.data.xy.XYSeries(name);
        s.add(x, y);
        return s;
    }

    /**
     * Whether a pixel within 2 of (x, y) is coloured (not white or grey: the lines are anti-aliased,
     * so lighter than their colour) and nearer to {@code c} than to the other series' colours.
     */
    private static boolean near(BufferedImage img, int x, int y, Color c, List<Color> all) {
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                int rgb = img.getRGB(x + dx, y + dy);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) < 60) {
                    continue;
                }
                Color best = null;
                int bestD = Integer.MAX_VALUE;
                for (Color k : all) {
                    int d = (r - k.getRed()) * (r - k.getRed()) + (g - k.getGreen()) * (g - k.getGreen())
                            + (b - k.getBlue()) * (b - k.getBlue());
                    if (d < bestD) {
                        bestD = d;
                        best = k;
                    }
                }
                if (c.equals(best)) {
                    return true;
                }
            }
        }
        return false;
    }
}
