package io.stagesim.report;

import io.stagesim.run.CapacitySearch;
import io.stagesim.run.Comparison;
import io.stagesim.run.ReplicationResult;
import io.stagesim.run.ScenarioResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The time-series charts of a comparison: p99 over time at capacity, errors over time. */
final class TimeCharts {

    private TimeCharts() {
    }

    /** Chart 4: p99 window by window in one run of each stage at its capacity; warm-up shaded. */
    static Charts.Chart latencyOverTime(Comparison.Result c) {
        XYSeriesCollection ds = new XYSeriesCollection();
        List<List<String>> rows = new ArrayList<>();
        XYPlot plotRef;
        double warmup = 0;
        List<Integer> stages = new ArrayList<>();
        for (int stage = 0; stage < c.rows().size(); stage++) {
            Comparison.Row r = c.rows().get(stage);
            if (r.stress().atCapacity() == null) {
                continue;
            }
            ScenarioResult res = r.stress().atCapacity().result();
            warmup = Math.max(warmup, res.warmupS());
            ReplicationResult.Series sr = res.detail().series();
            XYSeries line = new XYSeries(String.format(Locale.ROOT, "%s at %.0f/s", r.scenario(),
                    r.stress().capacity()));
            for (int i = 0; i < sr.start().length; i++) {
                if (!Double.isNaN(sr.p99()[i])) {
                    line.add(sr.start()[i] + sr.windowSeconds() / 2, sr.p99()[i]);
                }
                rows.add(List.of(r.scenario(), Charts.num(sr.start()[i]), String.valueOf(sr.offered()[i]),
                        String.valueOf(sr.completed()[i]), Charts.num(sr.p50()[i]), Charts.num(sr.p95()[i]), Charts.num(sr.p99()[i])));
            }
            ds.addSeries(line);
            stages.add(stage);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("p99 over time, each stage at its capacity",
                "simulated time (s)", "p99 of page views completed in each window (ms, log scale)", ds,
                PlotOrientation.VERTICAL, true, false, false);
        plotRef = chart.getXYPlot();
        plotRef.setRangeAxis(Charts.logAxis("p99 per window (ms, log scale)"));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < stages.size(); i++) {
            renderer.setSeriesPaint(i, Charts.colour(stages.get(i)));
            renderer.setSeriesStroke(i, new BasicStroke(1.5f));
        }
        plotRef.setRenderer(renderer);
        if (warmup > 0) {
            org.jfree.chart.plot.IntervalMarker band = new org.jfree.chart.plot.IntervalMarker(0, warmup,
                    new Color(0, 0, 0, 28));
            band.setLabel("warm-up (not measured)");
            band.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            band.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plotRef.addDomainMarker(band, org.jfree.chart.ui.Layer.BACKGROUND);
        }
        if (c.slo().p99() > 0) {
            plotRef.addRangeMarker(new ValueMarker(c.slo().p99() / 1e6, Color.RED, new BasicStroke(1.5f)));
        }
        Charts.style(chart);
        return new Charts.Chart("latency-over-time", "p99 over time",
                "One replication of each stage at its capacity, window by window, without its faults (the grey band "
                        + "is the warm-up, left out of every figure; the red line is the objective): a stage at its "
                        + "capacity runs close to the line, with bursts above it that the objective's percentile "
                        + "tolerates. The faults are in the survival charts.",
                chart, new Charts.Table(List.of("stage", "window_start_s", "offered", "completed", "p50_ms", "p95_ms",
                        "p99_ms"), rows));
    }
    /** Chart 6: failed page views per second, window by window, at the heaviest load tried. */
    static Charts.Chart errorsOverTime(Comparison.Result c) {
        XYSeriesCollection ds = new XYSeriesCollection();
        List<List<String>> rows = new ArrayList<>();
        List<Integer> stages = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (int stage = 0; stage < c.rows().size(); stage++) {
            Comparison.Row r = c.rows().get(stage);
            CapacitySearch.Point past = null;
            for (CapacitySearch.Point p : r.stress().points()) {
                if (past == null || p.rate() > past.rate()) {
                    past = p;
                }
            }
            if (past == null) {
                continue;
            }
            ReplicationResult.Series sr = past.result().detail().series();
            if (kinds.isEmpty()) {
                kinds.addAll(sr.errors().keySet());
            }
            XYSeries line = new XYSeries(String.format(Locale.ROOT, "%s at %.0f/s", r.scenario(), past.rate()));
            for (int i = 0; i < sr.start().length; i++) {
                long total = 0;
                List<String> row = new ArrayList<>(List.of(r.scenario(), Charts.num(past.rate()), Charts.num(sr.start()[i])));
                for (long[] perKind : sr.errors().values()) {
                    total += perKind[i];
                    row.add(Charts.num(perKind[i] / sr.windowSeconds()));
                }
                line.add(sr.start()[i] + sr.windowSeconds() / 2, total / sr.windowSeconds());
                rows.add(row);
            }
            ds.addSeries(line);
            stages.add(stage);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Errors over time, at the heaviest load tried on each stage",
                "simulated time (s)", "failed page views per second", ds, PlotOrientation.VERTICAL, true, false,
                false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < stages.size(); i++) {
            renderer.setSeriesPaint(i, Charts.colour(stages.get(i)));
            renderer.setSeriesStroke(i, new BasicStroke(1.5f));
        }
        chart.getXYPlot().setRenderer(renderer);
        NumberAxis y = (NumberAxis) chart.getXYPlot().getRangeAxis();
        y.setAutoRangeIncludesZero(true);
        y.setLowerBound(0);
        y.setUpperBound(Math.max(1, ds.getRangeUpperBound(false) * 1.05));
        Charts.style(chart);
        List<String> header = new ArrayList<>(List.of("stage", "offered_per_s", "window_start_s"));
        kinds.forEach(k -> header.add(k + "_per_s"));
        return new Charts.Chart("errors-over-time", "Errors over time",
                "Each stage at the heaviest load the stress test tried, well past its capacity: failed page views per "
                        + "second, window by window (the CSV splits them by cause). Queues grow first; errors come once "
                        + "a backlog, a connection table or the browsers' patience (60 s) runs out.",
                chart, new Charts.Table(header, rows));
    }
}
