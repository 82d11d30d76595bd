package io.stagesim.report;

import io.stagesim.run.Comparison;
import io.stagesim.run.ReplicationResult;
import io.stagesim.run.ScenarioResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The time-series charts of a comparison: p99 over time at capacity, errors by cause over time in overload. */
final class TimeCharts {

    private TimeCharts() {
    }

    /** The colour of the windows in which nothing completed (Okabe–Ito's vermillion, shaded). */
    static final Color DOWN = new Color(0xD55E00);

    /**
     * Chart 4: p99 window by window in one run of each stage at its capacity, a panel per stage on
     * shared scales; a window in which nothing completed has no p99 and leaves a gap (NaN in the
     * series, empty in the CSV); warm-up shaded.
     */
    static Charts.Chart latencyOverTime(Comparison.Result c) {
        List<XYPlot> panels = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (int stage = 0; stage < c.rows().size(); stage++) {
            Comparison.Row r = c.rows().get(stage);
            if (r.stress().atCapacity() == null) {
                continue;
            }
            ScenarioResult res = r.stress().atCapacity().result();
            ReplicationResult.Series sr = res.detail().series();
            XYSeries line = new XYSeries("p99", false, true);
            for (int i = 0; i < sr.start().length; i++) {
                line.add(sr.start()[i] + sr.windowSeconds() / 2, sr.p99()[i]); // NaN: a gap
                rows.add(List.of(r.scenario(), Charts.num(sr.start()[i]), String.valueOf(sr.offered()[i]),
                        String.valueOf(sr.completed()[i]), Charts.num(sr.p50()[i]), Charts.num(sr.p95()[i]),
                        Charts.num(sr.p99()[i])));
            }
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
            renderer.setSeriesPaint(0, Charts.colour(stage));
            renderer.setSeriesStroke(0, new BasicStroke(1.5f));
            XYPlot plot = Charts.panel(new XYSeriesCollection(line), new NumberAxis("simulated time (s)"),
                    Charts.logAxis("p99 per window (ms)"), renderer);
            if (res.warmupS() > 0) {
                IntervalMarker band = new IntervalMarker(0, res.warmupS(), new Color(0, 0, 0, 28));
                band.setLabel("warm-up");
                band.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                band.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                plot.addDomainMarker(band, Layer.BACKGROUND);
            }
            downBands(plot, sr);
            if (c.slo().p99() > 0) {
                plot.addRangeMarker(new ValueMarker(c.slo().p99() / 1e6, Color.RED, new BasicStroke(1.2f)));
            }
            panels.add(plot);
            titles.add(String.format(Locale.ROOT, "%s at %s/s", r.scenario(), Charts.num3(r.stress().capacity())));
        }
        if (panels.isEmpty()) {
            panels.add(Charts.panel(new XYSeriesCollection(), new NumberAxis("simulated time (s)"),
                    Charts.logAxis("p99 per window (ms)"), new XYLineAndShapeRenderer(true, false)));
            titles.add("no stage has a capacity");
        }
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(new LegendItem("p99 in the window", null, null, null, new Line2D.Double(-9, 0, 9, 0),
                new BasicStroke(1.5f), Color.DARK_GRAY));
        if (c.slo().p99() > 0) {
            legend.add(new LegendItem("objective", null, null, null, new Line2D.Double(-9, 0, 9, 0),
                    new BasicStroke(1.2f), Color.RED));
        }
        legend.add(new LegendItem("warm-up (not measured)", null, null, null, new Rectangle2D.Double(-6, -6, 12, 12),
                new Color(0, 0, 0, 28)));
        if (c.rows().stream().anyMatch(r -> r.stress().atCapacity() != null
                && !downWindows(r.stress().atCapacity().result().detail().series()).isEmpty())) {
            legend.add(new LegendItem("down: nothing completed", null, null, null,
                    new Rectangle2D.Double(-6, -6, 12, 12), downPaint()));
        }
        return new Charts.Chart("latency-over-time", "p99 over time",
                "One replication of each stage at its capacity, window by window, without its faults, a panel per "
                        + "stage on the same scales (the grey band is the warm-up, left out of every figure; the red "
                        + "line is the objective): a stage at its capacity runs close to the line, with bursts above "
                        + "it that the objective's percentile tolerates. A window in which nothing completed has no "
                        + "p99: the line stops there. The faults are in the survival charts.",
                Charts.grid("p99 over time, each stage at its capacity (same scales)", panels, titles, legend),
                new Charts.Table(List.of("stage", "window_start_s", "offered", "completed", "p50_ms", "p95_ms",
                        "p99_ms"), rows));
    }

    static Color downPaint() {
        return new Color(DOWN.getRed(), DOWN.getGreen(), DOWN.getBlue(), 70);
    }

    /**
     * The windows of {@code sr} in which nothing completed while page views came or failed: down,
     * whether they were refused (failures) or left waiting on a machine that does not answer. The
     * windows before the first page view completed are the start, not an outage.
     */
    static List<double[]> downWindows(ReplicationResult.Series sr) {
        List<double[]> out = new ArrayList<>();
        double from = Double.NaN;
        boolean started = false;
        for (int i = 0; i <= sr.start().length; i++) {
            started |= i < sr.start().length && sr.completed()[i] > 0;
            boolean down = started && i < sr.start().length && sr.completed()[i] == 0
                    && (sr.offered()[i] > 0 || failed(sr, i) > 0);
            if (down && Double.isNaN(from)) {
                from = sr.start()[i];
            } else if (!down && !Double.isNaN(from)) {
                out.add(new double[] {from, sr.start()[i - 1] + sr.windowSeconds()});
                from = Double.NaN;
            }
        }
        return out;
    }

    static long failed(ReplicationResult.Series sr, int i) {
        long n = 0;
        for (long[] e : sr.errors().values()) {
            n += e[i];
        }
        return n;
    }

    /** Shades the down windows of {@code sr} on {@code plot}, labelled "down". */
    static void downBands(XYPlot plot, ReplicationResult.Series sr) {
        for (double[] w : downWindows(sr)) {
            IntervalMarker band = new IntervalMarker(w[0], w[1], downPaint());
            band.setLabel("down");
            band.setLabelAnchor(RectangleAnchor.TOP);
            band.setLabelTextAnchor(TextAnchor.TOP_CENTER);
            plot.addDomainMarker(band, Layer.BACKGROUND);
        }
    }

    /**
     * Chart 6: failed page views per second, window by window and stacked by cause, each stage in
     * its own panel at {@link Comparison#OVERLOAD} times its own capacity, so that the stages are
     * compared at the same strain; a thin black line is the total, so a stage without errors shows
     * a line on zero rather than nothing.
     */
    static Charts.Chart errorsOverTime(Comparison.Result c) {
        Set<String> causes = new LinkedHashSet<>();
        for (Comparison.Row r : c.rows()) {
            if (r.overload() != null) {
                ReplicationResult.Series sr = r.overload().detail().series();
                sr.errors().forEach((k, v) -> {
                    if (java.util.Arrays.stream(v).sum() > 0) {
                        causes.add(k);
                    }
                });
            }
        }
        List<String> order = new ArrayList<>(causes);
        List<XYPlot> panels = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (int stage = 0; stage < c.rows().size(); stage++) {
            Comparison.Row r = c.rows().get(stage);
            if (r.overload() == null) {
                continue;
            }
            ReplicationResult.Series sr = r.overload().detail().series();
            double rate = Comparison.OVERLOAD * r.stress().capacity();
            DefaultTableXYDataset stacked = new DefaultTableXYDataset();
            XYSeries total = new XYSeries("total", false, false);
            List<XYSeries> byCause = new ArrayList<>();
            for (String k : order) {
                byCause.add(new XYSeries(k, false, false));
            }
            for (int i = 0; i < sr.start().length; i++) {
                double x = sr.start()[i] + sr.windowSeconds() / 2;
                List<String> row = new ArrayList<>(List.of(r.scenario(), Charts.num(rate), Charts.num(sr.start()[i])));
                for (int k = 0; k < order.size(); k++) {
                    long[] v = sr.errors().get(order.get(k));
                    double perS = v == null ? 0 : v[i] / sr.windowSeconds();
                    byCause.get(k).add(x, perS);
                    row.add(Charts.num(perS));
                }
                total.add(x, failed(sr, i) / sr.windowSeconds());
                row.add(Charts.num(failed(sr, i) / sr.windowSeconds()));
                rows.add(row);
            }
            byCause.forEach(stacked::addSeries);
            StackedXYAreaRenderer2 area = new StackedXYAreaRenderer2();
            for (int k = 0; k < order.size(); k++) {
                area.setSeriesPaint(k, Palette.colour(k));
            }
            NumberAxis y = new NumberAxis("failed page views/s");
            y.setAutoRangeIncludesZero(true);
            XYPlot plot = Charts.panel(stacked, new NumberAxis("simulated time (s)"), y, area);
            XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
            line.setSeriesPaint(0, Color.BLACK);
            line.setSeriesStroke(0, new BasicStroke(1.2f));
            plot.setRenderer(1, line); // before its data: a dataset without its renderer is drawn by the first
            plot.setDataset(1, new XYSeriesCollection(total));
            plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
            panels.add(plot);
            double sum = java.util.Arrays.stream(total.toArray()[1]).sum();
            titles.add(String.format(Locale.ROOT, "%s at %s/s%s", r.scenario(), Charts.num3(rate),
                    sum == 0 ? ": no errors" : ""));
        }
        if (panels.isEmpty()) {
            panels.add(Charts.panel(new XYSeriesCollection(), new NumberAxis("simulated time (s)"),
                    new NumberAxis("failed page views/s"), new XYLineAndShapeRenderer(true, false)));
            titles.add("no stage has a capacity");
        }
        LegendItemCollection legend = new LegendItemCollection();
        for (int k = 0; k < order.size(); k++) {
            legend.add(new LegendItem(order.get(k).replace('_', ' '), Palette.colour(k)));
        }
        legend.add(new LegendItem("all causes", null, null, null, new Line2D.Double(-9, 0, 9, 0),
                new BasicStroke(1.2f), Color.BLACK));
        List<String> header = new ArrayList<>(List.of("stage", "offered_per_s", "window_start_s"));
        order.forEach(k -> header.add(k + "_per_s"));
        header.add("failed_per_s");
        return new Charts.Chart("errors-over-time", "Errors over time",
                String.format(Locale.ROOT, "Each stage run at %.1f times its own capacity (the same strain for every "
                        + "stage), without its faults: failed page views per second, window by window, stacked by "
                        + "cause, a panel per stage on the same scales; the black line is the total, on zero when "
                        + "nothing failed. Queues grow first; errors come once a backlog, a connection table or the "
                        + "browsers' patience (60 s) runs out.", Comparison.OVERLOAD),
                Charts.grid(String.format(Locale.ROOT, "Errors by cause over time, each stage at %.1f× its capacity",
                        Comparison.OVERLOAD), panels, titles, legend),
                new Charts.Table(header, rows));
    }
}
