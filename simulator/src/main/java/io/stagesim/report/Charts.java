package io.stagesim.report;

import io.stagesim.run.Comparison;
import io.stagesim.run.OperationalAnalysis;
import io.stagesim.run.CapacitySearch;
import io.stagesim.stats.LogHistogram;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The charts of a comparison, built with JFreeChart from result data only (so they can be drawn
 * again without running anything). Each stage keeps one colour across every chart. Every chart
 * comes with its data as a {@link Table}, written beside it as CSV.
 */
public final class Charts {

    /** A chart and the data it draws. */
    public record Chart(String name, String title, String caption, JFreeChart chart, Table data) {
    }

    /** Rows of numbers with a header, for CSV. */
    public record Table(List<String> header, List<List<String>> rows) {

        /** The table as CSV text. */
        public String csv() {
            StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
            for (List<String> r : rows) {
                sb.append(String.join(",", r.stream().map(Table::quote).toList())).append('\n');
            }
            return sb.toString();
        }

        /**
         * The table as JSON, {"columns": [...], "rows": [[...], ...]}, a row to a line: a cell that
         * reads as a number is one (with the digits the CSV has), an empty cell is null, any other is
         * a string.
         */
        public String json() {
            List<List<Object>> cells = new ArrayList<>();
            for (List<String> r : rows) {
                List<Object> row = new ArrayList<>();
                for (String v : r) {
                    row.add(v.matches(NUMBER) ? Json.number(v) : v.isEmpty() ? null : v);
                }
                cells.add(row);
            }
            return Json.writeRows(new Data(header, cells));
        }

        /** A JSON number, as the cells' formats write them (%.6g, integers). */
        private static final String NUMBER = "-?[0-9]+(\\.[0-9]+)?(e[-+]?[0-9]+)?";

        /** What {@link #json()} writes. */
        private record Data(List<String> columns, List<List<Object>> rows) {
        }

        private static String quote(String v) {
            return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
        }
    }

    private Charts() {
    }

    /** Stage {@code stage}'s colour (0-based), the same in every chart: see {@link Palette}. */
    static Color colour(int stage) {
        return Palette.colour(stage);
    }

    /** Columns for {@code n} small multiples: up to four side by side. */
    static int columns(int n) {
        return n <= 4 ? n : n <= 6 ? 3 : 4;
    }

    /** A chart of small multiples, its legend the items given. */
    static JFreeChart grid(String title, List<? extends org.jfree.chart.plot.Plot> panels, List<String> titles, LegendItemCollection legend) {
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16),
                new PanelGrid(panels, titles, columns(panels.size()), legend), legend != null && legend.getItemCount() > 0);
        style(chart);
        return chart;
    }

    /** A plain XY panel for a grid: the axes given, a renderer of lines with or without markers. */
    static XYPlot panel(org.jfree.data.xy.XYDataset ds, org.jfree.chart.axis.ValueAxis x,
            org.jfree.chart.axis.ValueAxis y, org.jfree.chart.renderer.xy.XYItemRenderer renderer) {
        XYPlot p = new XYPlot(ds, x, y, renderer);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(0xdddddd));
        p.setRangeGridlinePaint(new Color(0xdddddd));
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
        x.setTickLabelFont(small);
        y.setTickLabelFont(small);
        x.setLabelFont(small);
        y.setLabelFont(small);
        return p;
    }

    static String num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        org.jfree.chart.plot.Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(new Color(0xdddddd));
            xy.setRangeGridlinePaint(new Color(0xdddddd));
        } else if (plot instanceof CategoryPlot cat) {
            cat.setRangeGridlinePaint(new Color(0xdddddd));
        }
    }

    /** A slide's size in pixels, and how much larger than the report's its lettering is. */
    static final int SLIDE_WIDTH = 1920;
    static final int SLIDE_HEIGHT = 1080;
    static final double SLIDE_SCALE = 1.5;

    /**
     * {@code ch} as a 1920×1080 PNG for a slide: laid out on 1280×720 and drawn 1.5 times as large,
     * so every letter is 1.5 times the size it would have on a 1920×1080 chart laid out as such.
     */
    static byte[] slide(Chart ch) {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(SLIDE_WIDTH, SLIDE_HEIGHT,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING,
                    java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(SLIDE_SCALE, SLIDE_SCALE);
            ch.chart().draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, SLIDE_WIDTH / SLIDE_SCALE,
                    SLIDE_HEIGHT / SLIDE_SCALE));
        } finally {
            g.dispose();
        }
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot draw " + ch.name(), e);
        }
    }

    /** A logarithmic axis with ticks at 1, 2 and 5 times the powers of ten, labelled as plain numbers. */
    static LogAxis logAxis(String label) {
        return new TickLogAxis(label, null);
    }

    /**
     * A logarithmic axis of percentiles as 1/(1 − q), ticks at the percentiles a reader looks for and
     * labelled with their names: 2 is p50, 10 p90, 100 p99, 1000 p99.9.
     */
    static LogAxis percentileAxis(String label) {
        return new TickLogAxis(label, TickLogAxis.PERCENTILES);
    }

    /** All the charts of a comparison. */
    public static List<Chart> of(Comparison.Result c) {
        List<Chart> out = new ArrayList<>();
        out.add(LoadCharts.latencyVsLoad(c));
        out.add(throughputVsLoad(c));
        out.add(utilisationAtCapacity(c));
        out.addAll(CostCharts.of(c));
        out.add(TimeCharts.latencyOverTime(c));
        out.add(latencyDistribution(c));
        out.add(TimeCharts.errorsOverTime(c));
        out.addAll(FaultCharts.of(c));
        return out;
    }

    /** A figure to three significant digits or a whole number: 537, 41.3, 1,250. */
    static String num3(double v) {
        return v >= 1000 ? String.format(Locale.ROOT, "%,.0f", v)
                : new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** Chart 2: completed against offered page views per second (the saturation curve). */
    static Chart throughputVsLoad(Comparison.Result c) {
        XYSeriesCollection ds = new XYSeriesCollection();
        List<List<String>> rows = new ArrayList<>();
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (Comparison.Row r : c.rows()) {
            XYSeries s = new XYSeries(r.scenario());
            for (CapacitySearch.Point p : r.stress().points()) {
                double x = p.result().all().throughputPerS().mean();
                s.add(p.rate(), x);
                max = Math.max(max, p.rate());
                min = Math.min(min, p.rate());
                rows.add(List.of(r.scenario(), num(p.rate()), num(x), num(p.result().all().errorRate().mean())));
            }
            ds.addSeries(s);
        }
        XYSeries ideal = new XYSeries("completed = offered");
        if (max > 0) {
            ideal.add(min, min);
            ideal.add(max, max);
        }
        ds.addSeries(ideal);
        JFreeChart chart = ChartFactory.createXYLineChart("Completed against offered load",
                "offered load (page views/s, log scale)", "completed page views/s (log scale)", ds,
                PlotOrientation.VERTICAL, true, false, false);
        chart.getXYPlot().setDomainAxis(logAxis("offered load (page views/s, log scale)"));
        chart.getXYPlot().setRangeAxis(logAxis("completed page views/s (log scale)"));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < c.rows().size(); i++) {
            Palette.apply(renderer, i, i, 2f);
        }
        int last = c.rows().size();
        renderer.setSeriesPaint(last, Color.GRAY);
        renderer.setSeriesShapesVisible(last, false);
        renderer.setSeriesStroke(last, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {4f, 4f}, 0f));
        chart.getXYPlot().setRenderer(renderer);
        style(chart);
        return new Chart("throughput-vs-load", "Saturation curve",
                "Page views completed per second against those offered, both on log scales so that the small "
                        + "stages are read as well as the large: a stage follows the grey diagonal until it "
                        + "saturates, then flattens (or falls, when errors take over).",
                chart, new Table(List.of("stage", "offered_per_s", "completed_per_s", "error_rate"), rows));
    }

    /**
     * Chart 3: utilisation of each stage's busiest resources at its capacity, a panel per stage on the
     * same 0–100 % scale, each resource by its short name ({@link ResourceNames}), never cut.
     */
    static Chart utilisationAtCapacity(Comparison.Result c) {
        List<CategoryPlot> panels = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (int stage = 0; stage < c.rows().size(); stage++) {
            Comparison.Row r = c.rows().get(stage);
            if (r.stress().atCapacity() == null) {
                continue;
            }
            DefaultCategoryDataset ds = new DefaultCategoryDataset();
            List<OperationalAnalysis.Row> res = OperationalAnalysis.of(r.stress().atCapacity().result()).rows();
            for (int i = 0; i < Math.min(4, res.size()); i++) {
                OperationalAnalysis.Row x = res.get(i);
                String label = ResourceNames.of(x.service(), x.resource(), x.capacity());
                ds.addValue(100 * x.utilization(), "utilisation", label);
                rows.add(List.of(r.scenario(), x.service(), x.resource(), num(x.utilization()), num(x.demandMs()),
                        num(x.boundPerS()), label));
            }
            BarRenderer renderer = new BarRenderer();
            renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
            renderer.setShadowVisible(false);
            renderer.setSeriesPaint(0, colour(stage));
            renderer.setMaximumBarWidth(0.18);
            org.jfree.chart.axis.CategoryAxis axis = new org.jfree.chart.axis.CategoryAxis();
            axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            axis.setMaximumCategoryLabelLines(3);
            axis.setCategoryLabelPositions(new org.jfree.chart.axis.CategoryLabelPositions(
                    org.jfree.chart.axis.CategoryLabelPositions.STANDARD.getLabelPosition(
                            org.jfree.chart.ui.RectangleEdge.TOP),
                    org.jfree.chart.axis.CategoryLabelPositions.STANDARD.getLabelPosition(
                            org.jfree.chart.ui.RectangleEdge.BOTTOM),
                    new org.jfree.chart.axis.CategoryLabelPosition(RectangleAnchor.RIGHT,
                            org.jfree.chart.text.TextBlockAnchor.CENTER_RIGHT,
                            org.jfree.chart.axis.CategoryLabelWidthType.RANGE, 0.5f),
                    org.jfree.chart.axis.CategoryLabelPositions.STANDARD.getLabelPosition(
                            org.jfree.chart.ui.RectangleEdge.RIGHT)));
            NumberAxis y = new NumberAxis("utilisation (%)");
            y.setRange(0, 100);
            y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(25));
            y.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            y.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            CategoryPlot plot = new CategoryPlot(ds, axis, y, renderer);
            plot.setOrientation(PlotOrientation.HORIZONTAL);
            plot.setBackgroundPaint(Color.WHITE);
            plot.setRangeGridlinePaint(new Color(0xdddddd));
            panels.add(plot);
            titles.add(String.format(Locale.ROOT, "%s at %s/s", r.scenario(), num3(r.stress().capacity())));
        }
        JFreeChart chart;
        if (panels.isEmpty()) {
            chart = ChartFactory.createBarChart("Utilisation at capacity: no stage has a capacity", "resource",
                    "utilisation (%)", new DefaultCategoryDataset(), PlotOrientation.HORIZONTAL, false, false, false);
            style(chart);
        } else {
            chart = grid("Utilisation at capacity (the bottleneck chart), a panel per stage", panels, titles, null);
        }
        return new Chart("utilisation-at-capacity", "Utilisation at capacity",
                "For each stage, its four resources with the lowest throughput bound, and how busy they are at the "
                        + "stage's capacity: the longest bar is what limits it. Resources by their short names (the "
                        + "CSV has the full descriptions).",
                chart, new Table(List.of("stage", "service", "resource", "utilization", "demand_ms_per_view",
                        "bound_per_s", "short_name"), rows));
    }

    /** Chart 5: the latency distribution at the reference load, as a percentile plot. */
    static Chart latencyDistribution(Comparison.Result c) {
        XYSeriesCollection ds = new XYSeriesCollection();
        List<List<String>> rows = new ArrayList<>();
        double[] qs = {0.5, 0.75, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 0.9995, 0.9999};
        for (Comparison.Row r : c.rows()) {
            XYSeries s = new XYSeries(r.scenario());
            LogHistogram h = r.atReference().detail().allLatency();
            if (h.count() == 0) {
                continue;
            }
            for (double q : qs) {
                double ms = h.quantile(q) / 1e6;
                s.add(1 / (1 - q), ms);
                rows.add(List.of(r.scenario(), num(q * 100), num(ms)));
            }
            ds.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                String.format(Locale.ROOT, "Latency distribution at %.1f page views/s", c.referenceRate()),
                "percentile (log scale)", "latency (ms, log scale)", ds,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(percentileAxis("percentile (log scale)"));
        plot.setRangeAxis(logAxis("latency (ms, log scale)"));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int series = 0;
        for (int stage = 0; stage < c.rows().size(); stage++) {
            if (c.rows().get(stage).atReference().detail().allLatency().count() > 0) {
                Palette.apply(renderer, series++, stage, 2f);
            }
        }
        plot.setRenderer(renderer);
        style(chart);
        return new Chart("latency-distribution", "Latency distribution",
                "Every page view at the common reference load, from the median to p99.99, as HdrHistogram plots it: "
                        + "further right is rarer; a flat curve is a predictable stage.",
                chart, new Table(List.of("stage", "percentile", "latency_ms"), rows));
    }
}
