package io.stagesim.report;

import io.stagesim.run.CapacitySearch;
import io.stagesim.run.Comparison;
import io.stagesim.run.ScenarioResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Latency against offered load: a panel per stage. */
final class LoadCharts {

    private LoadCharts() {
    }

    /** The dash of p50 (dotted), p95 (dashed) and p99 (solid) in the latency panels. */
    static final float[][] PERCENTILE_DASHES = {{2f, 3f}, {7f, 4f}, null};

    /**
     * Chart 1: p50, p95 and p99 against offered load, a panel per stage on shared scales, with the
     * objective (red) and the stage's capacity (dotted vertical line). The load is a multiple of the
     * stage's own capacity (of its lowest load tried when it has none): each stage's search tries
     * loads around its capacity, so on a shared scale of page views per second every panel but one
     * would be a thin vertical strip; the capacity itself is in the panel's title.
     */
    static Charts.Chart latencyVsLoad(Comparison.Result c) {
        List<XYPlot> panels = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        String[] names = {"p50", "p95", "p99"};
        for (int stage = 0; stage < c.rows().size(); stage++) {
            Comparison.Row r = c.rows().get(stage);
            XYSeriesCollection ds = new XYSeriesCollection();
            XYSeries[] lines = {new XYSeries("p50"), new XYSeries("p95"), new XYSeries("p99")};
            double cap = r.stress().capacity();
            double unit = cap > 0 ? cap : r.stress().points().isEmpty() ? 1 : r.stress().points().get(0).rate();
            for (CapacitySearch.Point p : r.stress().points()) {
                ScenarioResult.Latency l = p.result().all().latencyMs();
                lines[0].add(p.rate() / unit, l.p50().mean());
                lines[1].add(p.rate() / unit, l.p95().mean());
                lines[2].add(p.rate() / unit, l.p99().mean());
                rows.add(List.of(r.scenario(), Charts.num(p.rate()), Charts.num(l.p50().mean()), Charts.num(l.p95().mean()),
                        Charts.num(l.p99().mean()), Charts.num(l.p99().ci95()), String.valueOf(p.verdict().met()),
                        Charts.num(p.rate() / unit)));
            }
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
            for (int k = 0; k < 3; k++) {
                ds.addSeries(lines[k]);
                renderer.setSeriesPaint(k, Charts.colour(stage));
                renderer.setSeriesShape(k, Palette.shape(stage));
                renderer.setSeriesStroke(k, PERCENTILE_DASHES[k] == null ? new BasicStroke(2.2f)
                        : new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, PERCENTILE_DASHES[k],
                                0f));
            }
            NumberAxis x = new NumberAxis(cap > 0 ? "offered load (× capacity)" : "offered load (× lowest tried)");
            x.setAutoRangeIncludesZero(false);
            XYPlot plot = Charts.panel(ds, x, Charts.logAxis("latency (ms)"), renderer);
            if (c.slo().p99() > 0) {
                plot.addRangeMarker(new ValueMarker(c.slo().p99() / 1e6, Color.RED, new BasicStroke(1.2f)));
            }
            if (cap > 0) {
                plot.addDomainMarker(new ValueMarker(1, Color.DARK_GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f)));
            }
            panels.add(plot);
            titles.add(cap > 0 ? String.format(Locale.ROOT, "%s · capacity %s/s", r.scenario(), Charts.num3(cap))
                    : r.scenario() + " · no capacity");
        }
        LegendItemCollection legend = new LegendItemCollection();
        for (int k = 0; k < 3; k++) {
            LegendItem item = new LegendItem(names[k], null, null, null, new java.awt.geom.Line2D.Double(-9, 0, 9, 0),
                    PERCENTILE_DASHES[k] == null ? new BasicStroke(2.2f) : new BasicStroke(1.4f, BasicStroke.CAP_BUTT,
                            BasicStroke.JOIN_MITER, 10f, PERCENTILE_DASHES[k], 0f), Color.DARK_GRAY);
            legend.add(item);
        }
        if (c.slo().p99() > 0) {
            legend.add(new LegendItem("objective: p99 ≤ " + c.slo().p99() / 1_000_000 + " ms", null, null, null,
                    new java.awt.geom.Line2D.Double(-9, 0, 9, 0), new BasicStroke(1.2f), Color.RED));
        }
        JFreeChart chart = Charts.grid("Page-view latency against offered load, a panel per stage (same scales)", panels,
                titles, legend);
        return new Charts.Chart("latency-vs-load", "Latency against offered load",
                "p50 (dotted), p95 (dashed) and p99 (solid) of whole page views at every load the stress test tried,"
                        + " a panel per stage on the same scales: the load as a multiple of the stage's capacity "
                        + "(given in the panel's title, and marked by the dotted vertical line at 1), the latency on "
                        + "a log scale; the red line is the objective.",
                chart, new Charts.Table(List.of("stage", "offered_per_s", "p50_ms", "p95_ms", "p99_ms", "p99_ci95_ms",
                        "objective_met", "of_capacity"), rows));
    }
}
