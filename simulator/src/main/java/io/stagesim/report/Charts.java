package io.stagesim.report;

import io.stagesim.run.Comparison;
import io.stagesim.run.OperationalAnalysis;
import io.stagesim.run.ScenarioResult;
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
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The charts of a comparison, built with JFreeChart from result data only (so they can be drawn
 * again without running anything). Each stage keeps one colour across every chart. Every chart
 * comes with its data as a {@link Table}, written beside it as CSV.
 */
public final class Charts {

    /** One colour per stage, in order; chosen to stay distinct for colour-blind readers. */
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
        new Color(0x7f7f7f), new Color(0xbcbd22)};

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

    static Color colour(int stage) {
        return PALETTE[stage % PALETTE.length];
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
        out.add(latencyVsLoad(c));
        out.add(throughputVsLoad(c));
        out.add(utilisationAtCapacity(c));
        out.addAll(CostCharts.of(c));
        out.add(TimeCharts.latencyOverTime(c));
        out.add(latencyDistribution(c));
        out.add(TimeCharts.errorsOverTime(c));
        out.addAll(FaultCharts.of(c));
        return out;
    }

    /** Chart 1: p50, p95 and p99 against offered load, per stage, with the objective and capacities. */
    static Chart latencyVsLoad(Comparison.Result c) {
        XYSeriesCollection ds = new XYSeriesCollection();
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.Row r : c.rows()) {
            XYSeries p50 = new XYSeries(r.scenario() + " p50");
            XYSeries p95 = new XYSeries(r.scenario() + " p95");
            XYSeries p99 = new XYSeries(r.scenario());
            for (CapacitySearch.Point p : r.stress().points()) {
                ScenarioResult.Latency l = p.result().all().latencyMs();
                p50.add(p.rate(), l.p50().mean());
                p95.add(p.rate(), l.p95().mean());
                p99.add(p.rate(), l.p99().mean());
                rows.add(List.of(r.scenario(), num(p.rate()), num(l.p50().mean()), num(l.p95().mean()),
                        num(l.p99().mean()), num(l.p99().ci95()), String.valueOf(p.verdict().met())));
            }
            ds.addSeries(p50);
            ds.addSeries(p95);
            ds.addSeries(p99);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Page-view latency against offered load",
                "offered load (page views/s, log scale)", "latency (ms, log scale)", ds, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(logAxis("offered load (page views/s, log scale)"));
        plot.setRangeAxis(logAxis("latency (ms, log scale)"));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        float[][] dashes = {{2f, 4f}, {8f, 4f}, null};
        for (int i = 0; i < ds.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, colour(i / 3));
            float[] dash = dashes[i % 3];
            renderer.setSeriesStroke(i, dash == null ? new BasicStroke(2.2f)
                    : new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
            // one legend entry per stage (its p99); the caption explains the dashes
            renderer.setSeriesVisibleInLegend(i, i % 3 == 2);
        }
        plot.setRenderer(renderer);
        if (c.slo().p99() > 0) {
            ValueMarker m = new ValueMarker(c.slo().p99() / 1e6, Color.RED, new BasicStroke(1.5f));
            m.setLabel("objective: p99 ≤ " + c.slo().p99() / 1_000_000 + " ms");
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(m);
        }
        for (int i = 0; i < c.rows().size(); i++) {
            double cap = c.rows().get(i).stress().capacity();
            if (cap > 0) {
                ValueMarker m = new ValueMarker(cap, colour(i), new BasicStroke(1f, BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f));
                plot.addDomainMarker(m);
            }
        }
        style(chart);
        return new Chart("latency-vs-load", "Latency against offered load",
                "p50 (dotted), p95 (dashed) and p99 (solid) of whole page views at every load the stress test tried;"
                        + " the red line is the objective, each stage's vertical dotted line its capacity.",
                chart, new Table(List.of("stage", "offered_per_s", "p50_ms", "p95_ms", "p99_ms", "p99_ci95_ms",
                        "objective_met"), rows));
    }

    /** Chart 2: completed against offered page views per second (the saturation curve). */
    static Chart throughputVsLoad(Comparison.Result c) {
        XYSeriesCollection ds = new XYSeriesCollection();
        List<List<String>> rows = new ArrayList<>();
        double max = 0;
        for (Comparison.Row r : c.rows()) {
            XYSeries s = new XYSeries(r.scenario());
            for (CapacitySearch.Point p : r.stress().points()) {
                double x = p.result().all().throughputPerS().mean();
                s.add(p.rate(), x);
                max = Math.max(max, p.rate());
                rows.add(List.of(r.scenario(), num(p.rate()), num(x), num(p.result().all().errorRate().mean())));
            }
            ds.addSeries(s);
        }
        XYSeries ideal = new XYSeries("completed = offered");
        ideal.add(0, 0);
        ideal.add(max, max);
        ds.addSeries(ideal);
        JFreeChart chart = ChartFactory.createXYLineChart("Completed against offered load",
                "offered load (page views/s)", "completed page views/s", ds, PlotOrientation.VERTICAL, true, false,
                false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < c.rows().size(); i++) {
            renderer.setSeriesPaint(i, colour(i));
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        int last = c.rows().size();
        renderer.setSeriesPaint(last, Color.GRAY);
        renderer.setSeriesShapesVisible(last, false);
        renderer.setSeriesStroke(last, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {4f, 4f}, 0f));
        chart.getXYPlot().setRenderer(renderer);
        style(chart);
        return new Chart("throughput-vs-load", "Saturation curve",
                "Page views completed per second against those offered: a stage follows the grey diagonal until it "
                        + "saturates, then flattens (or falls, when errors take over).",
                chart, new Table(List.of("stage", "offered_per_s", "completed_per_s", "error_rate"), rows));
    }

    /** Chart 3: utilisation of each stage's busiest resources at its capacity. */
    static Chart utilisationAtCapacity(Comparison.Result c) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        List<List<String>> rows = new ArrayList<>();
        List<Integer> stageOfColumn = new ArrayList<>();
        for (int stage = 0; stage < c.rows().size(); stage++) {
            Comparison.Row r = c.rows().get(stage);
            if (r.stress().atCapacity() == null) {
                continue;
            }
            List<OperationalAnalysis.Row> res = OperationalAnalysis.of(r.stress().atCapacity().result()).rows();
            for (int i = 0; i < Math.min(4, res.size()); i++) {
                OperationalAnalysis.Row x = res.get(i);
                String label = x.resource().startsWith("CPU of host") ? x.resource() : x.service() + " " + x.resource();
                if (label.length() > 40) {
                    label = label.substring(0, 39) + "…";
                }
                ds.addValue(100 * x.utilization(), "utilisation", r.scenario() + ": " + label);
                stageOfColumn.add(stage);
                rows.add(List.of(r.scenario(), x.service(), x.resource(), num(x.utilization()), num(x.demandMs()),
                        num(x.boundPerS())));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("Utilisation at capacity (the bottleneck chart)", "resource",
                "utilisation at the stage's capacity (%)", ds, PlotOrientation.HORIZONTAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.getRangeAxis().setRange(0, 100);
        BarRenderer renderer = new BarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public java.awt.Paint getItemPaint(int row, int column) {
                return colour(stageOfColumn.get(column));
            }
        };
        renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        renderer.setShadowVisible(false);
        plot.setRenderer(renderer);
        org.jfree.chart.LegendItemCollection legend = new org.jfree.chart.LegendItemCollection();
        for (int stage = 0; stage < c.rows().size(); stage++) {
            legend.add(new org.jfree.chart.LegendItem(c.rows().get(stage).scenario(), colour(stage)));
        }
        plot.setFixedLegendItems(legend);
        ((NumberAxis) plot.getRangeAxis()).setTickUnit(new org.jfree.chart.axis.NumberTickUnit(10));
        plot.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        style(chart);
        return new Chart("utilisation-at-capacity", "Utilisation at capacity",
                "For each stage, its four resources with the lowest throughput bound, and how busy they are at the "
                        + "stage's capacity: the longest bar is what limits it.",
                chart, new Table(List.of("stage", "service", "resource", "utilization", "demand_ms_per_view",
                        "bound_per_s"), rows));
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
        for (int i = 0; i < ds.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, colour(i));
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        style(chart);
        return new Chart("latency-distribution", "Latency distribution",
                "Every page view at the common reference load, from the median to p99.99, as HdrHistogram plots it: "
                        + "further right is rarer; a flat curve is a predictable stage.",
                chart, new Table(List.of("stage", "percentile", "latency_ms"), rows));
    }
}
