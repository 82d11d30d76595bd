package io.stagesim.report;

import io.stagesim.nodes.ErrorKind;
import io.stagesim.run.Comparison;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.FaultSpec;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The charts of the survival runs (each stage with faults at the load its scenario offers):
 * availability and p99 window by window, the fault windows shaded in the stage's colour.
 */
final class FaultCharts {

    private FaultCharts() {
    }

    /** The two charts, or none when no stage has faults. */
    static List<Charts.Chart> of(Comparison.Result c) {
        if (c.rows().stream().allMatch(r -> r.asWritten() == null)) {
            return List.of();
        }
        List<Charts.Chart> out = new ArrayList<>(List.of(chart(c, true), chart(c, false)));
        if (c.rows().stream().anyMatch(r -> r.asWritten() != null
                && r.asWritten().detail().series().levels().keySet().stream().anyMatch(k -> k.endsWith(" in_service")))) {
            out.add(instances(c));
        }
        return out;
    }

    /** The survival charts' columns: counts per window, failures by cause, availability, p99. */
    private static List<String> columns() {
        List<String> out = new ArrayList<>(List.of("stage", "window_start_s", "completed", "failed"));
        for (ErrorKind k : ErrorKind.values()) {
            out.add("failed_" + k.key());
        }
        out.add("availability_pct");
        out.add("p99_ms");
        return out;
    }

    /** Indexes of the stages that have faults, so survival runs. */
    private static List<Integer> withFaults(Comparison.Result c) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < c.rows().size(); i++) {
            if (c.rows().get(i).asWritten() != null) {
                out.add(i);
            }
        }
        return out;
    }

    /** App servers in service (booted) over time, for the stages whose balancers autoscale. */
    private static Charts.Chart instances(Comparison.Result c) {
        XYSeriesCollection ds = new XYSeriesCollection();
        List<List<String>> rows = new ArrayList<>();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        List<Integer> stages = withFaults(c);
        for (int stage : stages) {
            Comparison.Row r = c.rows().get(stage);
            ReplicationResult.Series s = r.asWritten().detail().series();
            for (var e : s.levels().entrySet()) {
                if (!e.getKey().endsWith(" in_service")) {
                    continue;
                }
                XYSeries line = new XYSeries(r.scenario() + ": " + e.getKey().replace(" in_service", ""));
                for (int i = 0; i < s.start().length; i++) {
                    if (!Double.isNaN(e.getValue()[i])) {
                        line.add(s.start()[i] + s.windowSeconds() / 2, e.getValue()[i]);
                    }
                    rows.add(List.of(r.scenario(), e.getKey().replace(" in_service", ""), Charts.num(s.start()[i]),
                            Charts.num(e.getValue()[i])));
                }
                Palette.apply(renderer, ds.getSeriesCount(), ds.getSeriesCount(), 1.5f);
                ds.addSeries(line);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart("App servers in service, autoscaled stages",
                "simulated time (s)", "app servers in service (window average)", ds,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        for (int stage : stages) {
            shade(plot, c.rows().get(stage), stage);
        }
        Charts.style(chart);
        return new Charts.Chart("instances-in-service", "App servers in service",
                "The survival runs of the stages whose balancer autoscales: app servers in service in each window "
                        + "(booted, as EC2 Auto Scaling's InService; a managed balancer sends to a new one only after its "
                        + "health checks pass, up to 2.5 minutes later). The steps come a few looks after the load "
                        + "changes, plus the boot: the lag that decides how much of a spike is lost before the new servers "
                        + "help. Scaling in waits for 15 looks below the target.",
                chart, new Charts.Table(List.of("stage", "balancer", "window_start_s", "in_service"), rows));
    }

    /**
     * Availability or p99 window by window in the survival runs, a panel per stage with faults on the
     * same scales, its faults shaded grey and the windows in which page views came or failed and none
     * completed shaded as "down". A window without a completed page view has no p99 (NaN in the series, so the
     * line stops rather than joining across the outage; empty in the CSV), and one in which no page
     * view ended has no availability.
     */
    static Charts.Chart chart(Comparison.Result c, boolean availability) {
        List<XYPlot> panels = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<Integer> stages = withFaults(c);
        for (int stage : stages) {
            Comparison.Row r = c.rows().get(stage);
            ReplicationResult.Series s = r.asWritten().detail().series();
            XYSeries line = new XYSeries(r.scenario(), false, true);
            for (int i = 0; i < s.start().length; i++) {
                long failed = TimeCharts.failed(s, i);
                long ended = failed + s.completed()[i];
                double share = ended == 0 ? Double.NaN : 100.0 * s.completed()[i] / ended;
                double p99 = s.completed()[i] == 0 ? Double.NaN : s.p99()[i];
                line.add(s.start()[i] + s.windowSeconds() / 2, availability ? share : p99); // NaN: a gap
                List<String> row = new ArrayList<>(List.of(r.scenario(), Charts.num(s.start()[i]),
                        String.valueOf(s.completed()[i]), String.valueOf(failed)));
                for (ErrorKind k : ErrorKind.values()) {
                    long[] e = s.errors().get(k.key());
                    row.add(String.valueOf(e == null ? 0 : e[i]));
                }
                row.add(Charts.num(share));
                row.add(Charts.num(p99));
                rows.add(row);
            }
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
            renderer.setSeriesPaint(0, Charts.colour(stage));
            renderer.setSeriesStroke(0, new BasicStroke(1.6f));
            NumberAxis time = new NumberAxis("simulated time (s)");
            org.jfree.chart.axis.ValueAxis y;
            if (availability) {
                NumberAxis a = new NumberAxis("completed (% of ended)");
                a.setRange(0, 105);
                y = a;
            } else {
                y = Charts.logAxis("p99 per window (ms)");
            }
            XYPlot plot = Charts.panel(new XYSeriesCollection(line), time, y, renderer);
            shade(plot, r, stage);
            TimeCharts.downBands(plot, s);
            panels.add(plot);
            titles.add(String.format(java.util.Locale.ROOT, "%s at %s/s", r.scenario(),
                    Charts.num3(r.asWritten().all().offeredPerS().mean())));
        }
        org.jfree.chart.LegendItemCollection legend = new org.jfree.chart.LegendItemCollection();
        legend.add(new org.jfree.chart.LegendItem(availability ? "availability in the window" : "p99 in the window",
                null, null, null, new java.awt.geom.Line2D.Double(-9, 0, 9, 0), new BasicStroke(1.6f),
                Color.DARK_GRAY));
        legend.add(new org.jfree.chart.LegendItem("fault", null, null, null,
                new java.awt.geom.Rectangle2D.Double(-6, -6, 12, 12), FAULT));
        if (stages.stream().anyMatch(i -> !TimeCharts.downWindows(c.rows().get(i).asWritten().detail().series())
                .isEmpty())) {
            legend.add(new org.jfree.chart.LegendItem("down: nothing completed", null, null, null,
                    new java.awt.geom.Rectangle2D.Double(-6, -6, 12, 12), TimeCharts.downPaint()));
        }
        String title = availability ? "Availability during the faults, each stage at its own load"
                : "p99 during the faults, each stage at its own load";
        JFreeChart chart = Charts.grid(title, panels, titles, legend);
        String caption = availability
                ? "One replication of each stage that has faults, at the load its scenario offers, a panel per "
                        + "stage: the share of page views ending in each window that completed (the rest failed; the "
                        + "CSV has both counts, and the failures by cause). Grey bands are the faults, orange ones "
                        + "the windows in which nothing completed (down); how far the line falls inside a band, and "
                        + "how long it takes to come back after it, is what the stage survives."
                : "The same runs: p99 of the page views completed in each window (log scale). Where nothing "
                        + "completed there is no p99: the line stops and the window is shaded as down. A fault "
                        + "that slows rather than breaks shows here rather than in availability.";
        return new Charts.Chart(availability ? "availability-during-faults" : "p99-during-faults",
                availability ? "Availability during the faults" : "p99 during the faults", caption, chart,
                new Charts.Table(columns(), rows));
    }

    /** The shade of a fault window. */
    static final Color FAULT = new Color(0, 0, 0, 30);

    /**
     * Shades each fault window of stage {@code stage} (row {@code r}) on {@code plot}, in grey: to the end of the run for a permanent fault, to when it ended in the survival runs (on
     * average) for a deploy, else as planned.
     */
    static void shade(XYPlot plot, Comparison.Row r, int stage) {
        List<FaultSpec> faults = r.scenarioSpec().faults();
        for (int k = 0; k < faults.size(); k++) {
            FaultSpec f = faults.get(k);
            double lasted = r.asWritten() == null ? Double.NaN : r.asWritten().faults().get(k).lastedS().mean();
            double end = f.duration() == FaultSpec.PERMANENT ? r.scenarioSpec().run().duration() / 1e9
                    : f instanceof FaultSpec.Deploy && Double.isFinite(lasted) ? f.at() / 1e9 + lasted : f.end() / 1e9;
            IntervalMarker band = new IntervalMarker(f.at() / 1e9, end, FAULT);
            band.setLabel(f.kind().type().replace('_', ' '));
            band.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
            band.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addDomainMarker(band, Layer.BACKGROUND);
        }
    }
}
