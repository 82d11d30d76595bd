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
                renderer.setSeriesPaint(ds.getSeriesCount(), Charts.colour(stage));
                renderer.setSeriesStroke(ds.getSeriesCount(), new BasicStroke(1.5f));
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

    private static Charts.Chart chart(Comparison.Result c, boolean availability) {
        XYSeriesCollection ds = new XYSeriesCollection();
        List<List<String>> rows = new ArrayList<>();
        List<Integer> stages = withFaults(c);
        for (int stage : stages) {
            Comparison.Row r = c.rows().get(stage);
            ReplicationResult.Series s = r.asWritten().detail().series();
            XYSeries line = new XYSeries(r.scenario());
            for (int i = 0; i < s.start().length; i++) {
                long failed = 0;
                for (long[] e : s.errors().values()) {
                    failed += e[i];
                }
                long ended = failed + s.completed()[i];
                double share = ended == 0 ? Double.NaN : 100.0 * s.completed()[i] / ended;
                double y = availability ? share : s.p99()[i];
                if (!Double.isNaN(y)) {
                    line.add(s.start()[i] + s.windowSeconds() / 2, y);
                }
                List<String> row = new ArrayList<>(List.of(r.scenario(), Charts.num(s.start()[i]),
                        String.valueOf(s.completed()[i]), String.valueOf(failed)));
                for (long[] e : s.errors().values()) {
                    row.add(String.valueOf(e[i]));
                }
                row.add(Charts.num(share));
                row.add(Charts.num(s.p99()[i]));
                rows.add(row);
            }
            ds.addSeries(line);
        }
        String title = availability ? "Availability during the faults, each stage at its own load"
                : "p99 during the faults, each stage at its own load";
        JFreeChart chart = ChartFactory.createXYLineChart(title, "simulated time (s)",
                availability ? "page views completed, % of those ended in the window" : "p99 per window (ms)", ds,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        if (!availability) {
            plot.setRangeAxis(Charts.logAxis("p99 per window (ms, log scale)"));
        } else {
            NumberAxis y = (NumberAxis) plot.getRangeAxis();
            y.setRange(0, 105);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < stages.size(); i++) {
            renderer.setSeriesPaint(i, Charts.colour(stages.get(i)));
            renderer.setSeriesStroke(i, new BasicStroke(1.5f));
        }
        plot.setRenderer(renderer);
        for (int stage : stages) {
            shade(plot, c.rows().get(stage), stage);
        }
        Charts.style(chart);
        String caption = availability
                ? "One replication of each stage that has faults, at the load its scenario offers: the share of page "
                        + "views ending in each window that completed (the rest failed; the CSV has both counts, and the "
                        + "failures by cause). "
                        + "Bands in a stage's colour are its faults; how far the line falls inside a band, and how long "
                        + "it takes to come back after it, is what the stage survives."
                : "The same runs: p99 of the page views completed in each window (log scale). A fault that slows "
                        + "rather than breaks shows here rather than in availability.";
        return new Charts.Chart(availability ? "availability-during-faults" : "p99-during-faults",
                availability ? "Availability during the faults" : "p99 during the faults", caption, chart,
                new Charts.Table(columns(), rows));
    }

    /**
     * Shades each fault window of stage {@code stage} (row {@code r}) on {@code plot}, in the stage's
     * colour: to the end of the run for a permanent fault, to when it ended in the survival runs (on
     * average) for a deploy, else as planned.
     */
    static void shade(XYPlot plot, Comparison.Row r, int stage) {
        List<FaultSpec> faults = r.scenarioSpec().faults();
        for (int k = 0; k < faults.size(); k++) {
            FaultSpec f = faults.get(k);
            double lasted = r.asWritten() == null ? Double.NaN : r.asWritten().faults().get(k).lastedS().mean();
            double end = f.duration() == FaultSpec.PERMANENT ? r.scenarioSpec().run().duration() / 1e9
                    : f instanceof FaultSpec.Deploy && Double.isFinite(lasted) ? f.at() / 1e9 + lasted : f.end() / 1e9;
            Color col = Charts.colour(stage);
            IntervalMarker band = new IntervalMarker(f.at() / 1e9, end,
                    new Color(col.getRed(), col.getGreen(), col.getBlue(), 40));
            band.setLabel(f.kind().type().replace('_', ' '));
            band.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
            band.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addDomainMarker(band, Layer.BACKGROUND);
        }
    }
}
