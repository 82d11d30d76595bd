package io.stagesim.report;

import io.stagesim.run.ReplicationResult;
import io.stagesim.run.ScenarioResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The charts of one run drawn from what results.json keeps window by window
 * ({@link ScenarioResult.TimeSeries}): each request class's p50 and p99 over time, a panel per
 * class on shared scales, and the utilisation over time of the busiest resources.
 */
final class RunTimeCharts {

    private static final Color WARMUP = new Color(0, 0, 0, 28);

    private RunTimeCharts() {
    }

    /** The middle of window {@code i} (s). */
    private static double mid(ScenarioResult.TimeSeries t, int i) {
        return t.windowStartS().get(i) + t.windowS() / 2;
    }

    private static void warmup(XYPlot plot, double warmupS) {
        if (warmupS > 0) {
            IntervalMarker band = new IntervalMarker(0, warmupS, WARMUP);
            band.setLabel("warm-up");
            band.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            band.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(band, Layer.BACKGROUND);
        }
    }

    /** The request classes a panel each: every class, {@code all} only when it is the one class. */
    static List<String> panelClasses(ScenarioResult.TimeSeries t) {
        List<String> out = new ArrayList<>(t.latencyMs().keySet());
        if (out.size() > 1) {
            out.remove(ResultsFile.ALL);
        }
        return out;
    }

    /**
     * p50 and p99 of each request class window by window, a panel per class on the same scales; a
     * window in which none of the class completed leaves a gap; warm-up shaded, windows in which no
     * page view at all completed shaded as down (from {@code series}, when there is one), the
     * objective's p99 ({@code objectiveMs}, 0 for none) a red line.
     */
    static Charts.Chart latencyByClass(ScenarioResult.TimeSeries t, double warmupS, double objectiveMs,
            ReplicationResult.Series series) {
        List<XYPlot> panels = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (String name : panelClasses(t)) {
            ScenarioResult.ClassLatency c = t.latencyMs().get(name);
            XYSeries p50 = new XYSeries("p50", false, true);
            XYSeries p99 = new XYSeries("p99", false, true);
            int completedIn = 0;
            for (int i = 0; i < t.windowStartS().size(); i++) {
                p50.add(mid(t, i), c.p50().get(i)); // null: a gap, none of the class completed
                p99.add(mid(t, i), c.p99().get(i));
                completedIn += c.p50().get(i) == null ? 0 : 1;
                rows.add(List.of(name, Charts.num(t.windowStartS().get(i)), cell(c.p50().get(i)),
                        cell(c.p99().get(i))));
            }
            XYSeriesCollection ds = new XYSeriesCollection();
            ds.addSeries(p50);
            ds.addSeries(p99);
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
            Palette.apply(renderer, 0, 0, 1.5f);
            Palette.apply(renderer, 1, 3, 1.5f);
            XYPlot plot = Charts.panel(ds, new NumberAxis("simulated time (s)"), Charts.logAxis("latency (ms)"),
                    renderer);
            warmup(plot, warmupS);
            if (series != null) {
                TimeCharts.downBands(plot, series);
            }
            if (objectiveMs > 0) {
                plot.addRangeMarker(new ValueMarker(objectiveMs, Color.RED, new BasicStroke(1.2f)));
            }
            panels.add(plot);
            titles.add(completedIn == 0 ? name + ": none completed" : name);
        }
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(new LegendItem("p50", null, null, null, new Line2D.Double(-9, 0, 9, 0), Palette.stroke(0, 1.5f),
                Palette.colour(0)));
        legend.add(new LegendItem("p99", null, null, null, new Line2D.Double(-9, 0, 9, 0), Palette.stroke(3, 1.5f),
                Palette.colour(3)));
        if (objectiveMs > 0) {
            legend.add(new LegendItem("objective (p99)", null, null, null, new Line2D.Double(-9, 0, 9, 0),
                    new BasicStroke(1.2f), Color.RED));
        }
        if (warmupS > 0) {
            legend.add(new LegendItem("warm-up (not measured)", null, null, null,
                    new Rectangle2D.Double(-6, -6, 12, 12), WARMUP));
        }
        if (series != null && !TimeCharts.downWindows(series).isEmpty()) {
            legend.add(new LegendItem("down: nothing completed", null, null, null,
                    new Rectangle2D.Double(-6, -6, 12, 12), TimeCharts.downPaint()));
        }
        JFreeChart grid = Charts.grid("p50 and p99 over time, a panel per request class (same scales)", panels, titles,
                legend);
        for (XYPlot p : panels) { // the shared range out to ticks at both ends, the objective inside
            org.jfree.data.Range y = p.getRangeAxis().getRange();
            double hi = Math.max(y.getUpperBound(), objectiveMs * 1.1);
            p.getRangeAxis().setRange(oneTwoFive(y.getLowerBound(), false), oneTwoFive(hi, true));
        }
        return new Charts.Chart("run-latency-by-class-over-time", "Latency over time, by request class",
                "The p50 and p99 of each request class's page views completed in each window of the first "
                        + "replication, a panel per class on the same scales; a gap is a window in which none of the "
                        + "class completed.", grid,
                new Charts.Table(List.of("class", "window_start_s", "p50_ms", "p99_ms"), rows));
    }

    /** The nearest 1, 2 or 5 times a power of ten at or below (or, {@code up}, at or above) {@code v} > 0. */
    static double oneTwoFive(double v, boolean up) {
        double decade = Math.pow(10, Math.floor(Math.log10(v)));
        double[] steps = up ? new double[] {1, 2, 5, 10} : new double[] {10, 5, 2, 1};
        for (double k : steps) {
            if (up ? k * decade >= v * (1 - 1e-12) : k * decade <= v * (1 + 1e-12)) {
                return k * decade;
            }
        }
        return up ? 10 * decade : decade;
    }

    /** A figure for the CSV: empty for none. */
    private static String cell(Double v) {
        return v == null ? "" : Charts.num(v);
    }

    /**
     * The utilisation (%) of the busiest resources window by window, one line each, named short
     * ("gunicorn workers (5)", "web CPU (2 cores)"); the bottleneck, the busiest, first.
     */
    static Charts.Chart utilisation(ScenarioResult.TimeSeries t, double warmupS) {
        XYSeriesCollection ds = new XYSeriesCollection();
        List<String> header = new ArrayList<>(List.of("window_start_s"));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < t.windowStartS().size(); i++) {
            rows.add(new ArrayList<>(List.of(Charts.num(t.windowStartS().get(i)))));
        }
        for (ScenarioResult.Utilization u : t.utilization()) {
            String name = name(u);
            header.add(name.replace(' ', '_') + "_percent");
            XYSeries line = new XYSeries(name, false, true);
            for (int i = 0; i < t.windowStartS().size(); i++) {
                Double v = u.values().get(i);
                line.add(mid(t, i), v == null ? null : 100 * v);
                rows.get(i).add(v == null ? "" : Charts.num(100 * v));
            }
            ds.addSeries(line);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Utilisation over time, the busiest resources",
                "simulated time (s)", "utilisation (%)", ds, PlotOrientation.VERTICAL, true, false, false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < ds.getSeriesCount(); i++) {
            Palette.apply(renderer, i, i, 1.5f);
        }
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 105);
        warmup(plot, warmupS);
        Charts.style(chart);
        String busiest = t.utilization().isEmpty() ? "" : " The busiest over the run, " + name(t.utilization().get(0))
                + ", is drawn first.";
        return new Charts.Chart("run-utilisation-over-time", "Utilisation over time", String.format(Locale.ROOT,
                "The share of each resource's capacity in use, window by window in the first replication, for the %d "
                        + "busiest over the run (hosts' CPUs among them).%s", t.utilization().size(), busiest),
                chart, new Charts.Table(header, rows));
    }

    /** A resource's short name: "gunicorn workers (5)", "web CPU (2 cores)". */
    static String name(ScenarioResult.Utilization u) {
        return ResourceNames.of(u.service(), u.resource(), u.capacity()); // the capacity is named for a host's CPU only
    }

    /**
     * The charts of {@code t} (none without it): the classes' latencies when there are several (one
     * class's are the chart of every page view), and the utilisation when a resource was busy.
     */
    static List<Charts.Chart> of(ScenarioResult.TimeSeries t, double warmupS, double objectiveMs,
            ReplicationResult.Series series) {
        if (t == null) {
            return List.of();
        }
        List<Charts.Chart> out = new ArrayList<>();
        if (t.latencyMs().size() > 2) { // the classes and all
            out.add(latencyByClass(t, warmupS, objectiveMs, series));
        }
        if (!t.utilization().isEmpty()) {
            out.add(utilisation(t, warmupS));
        }
        return out;
    }

}
