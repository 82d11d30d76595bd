package io.stagesim.report;

import io.stagesim.run.CapacitySearch;
import io.stagesim.run.ReplicationResult;
import io.stagesim.run.ScenarioResult;
import io.stagesim.scenario.Scenario;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report of one run ({@code run --report}) and of one stress test ({@code stress --report}):
 * a self-contained {@code report.html} like compare's (charts embedded as PNG, no scripts), the
 * charts beside it as PNG with their data as CSV. A run's charts follow its first replication
 * window by window: latency percentiles, throughput, errors by cause, the levels it keeps
 * (instances, credits), each class's p50 and p99 and the busiest resources' utilisation
 * ({@link RunTimeCharts}); a stress test's draw each load tried. A pure function of the results.
 */
public final class RunReport {

    private static final String STYLE = "<style>\nbody{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;"
            + "max-width:1000px;margin:2em auto;padding:0 1em;color:#222}\nh1{font-size:1.6em}h2{font-size:1.25em;"
            + "margin-top:2em}\ntable{border-collapse:collapse;font-size:.85em;width:100%}th,td{border-bottom:1px solid "
            + "#ddd;padding:.35em .5em;vertical-align:top;text-align:left}th{background:#f4f4f4}\ntd.n{text-align:right;"
            + "white-space:nowrap}figure{margin:2em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}"
            + "figcaption{font-size:.9em;color:#444}\nfigure.topo svg{max-width:100%;height:auto}table.prov{margin-bottom:"
            + "1em}table.prov code{font-size:.85em;word-break:break-all}\n</style>\n";

    private RunReport() {
    }

    /** {@code report.html} of a run of {@code spec}, then its charts' files. */
    public static Map<String, byte[]> files(ScenarioResult r, Scenario spec, Provenance provenance) {
        List<Charts.Chart> charts = new ArrayList<>();
        ReplicationResult.Series s = r.detail() == null ? null : r.detail().series();
        if (s != null) {
            charts.add(latencyOverTime(s, r.warmupS(), spec.slo().p99() / 1e6));
            charts.add(throughputOverTime(s, r.warmupS()));
            charts.add(errorsOverTime(s, r.warmupS()));
            if (!s.levels().isEmpty()) {
                charts.add(levelsOverTime(s, r.warmupS()));
            }
        }
        charts.addAll(RunTimeCharts.of(r.series(), r.warmupS(), spec.slo().p99() / 1e6, s));
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(HtmlReport.escape(r.scenario())).append(": one run</h1>\n<p>")
                .append(HtmlReport.escape(r.description())).append("</p>\n<p>")
                .append(HtmlReport.escape(r.bottleneck().explanation())).append("</p>\n");
        body.append(classTable(r));
        body.append(resourceTable(r));
        Map<String, byte[]> drawn = new LinkedHashMap<>();
        body.append("<h2>Over time</h2>\n<p>The first replication, window by window; the grey band is the warm-up, "
                + "left out of every figure above.</p>\n");
        figures(charts, body, drawn);
        String topology = Topology.svg(spec, r);
        drawn.put("charts/topology.svg", topology.getBytes(StandardCharsets.UTF_8));
        body.append("<h2>The topology, with the load on it</h2>\n<figure class=\"topo\">\n").append(topology)
                .append(String.format(Locale.ROOT, "<figcaption>At %.1f page views/s offered: each host's CPU and "
                        + "each service's busiest resource coloured by how busy it was over the run, and each arrow "
                        + "labelled with the calls per second sent along it (means over replications).</figcaption>\n"
                        + "</figure>\n", r.all().offeredPerS().mean()));
        body.append(provenance.html());
        return page("stagesim: " + r.scenario(), body, drawn);
    }

    /** {@code report.html} of a stress test of {@code spec}, then its charts' files. */
    public static Map<String, byte[]> files(CapacitySearch.Result r, Scenario spec, Provenance provenance) {
        List<Charts.Chart> charts = List.of(latencyVsLoad(r), throughputVsLoad(r));
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(HtmlReport.escape(r.scenario())).append(": stress test</h1>\n<p><b>")
                .append(HtmlReport.escape(StressReporter.sentence(r))).append("</b></p>\n<p>Objective: ")
                .append(HtmlReport.escape(r.slo().describe())).append(".</p>\n");
        Map<String, byte[]> drawn = new LinkedHashMap<>();
        figures(charts, body, drawn);
        body.append("<h2>Every load tried</h2>\n<table>\n<tr><th>offered/s</th><th>arrived/s</th><th>completed/s</th>"
                + "<th>errors</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>objective</th></tr>\n");
        for (CapacitySearch.Point p : sorted(r)) {
            ScenarioResult.ClassResult a = p.result().all();
            body.append(String.format(Locale.ROOT, "<tr><td class=\"n\">%.1f</td><td class=\"n\">%.1f</td>"
                    + "<td class=\"n\">%.1f</td><td class=\"n\">%.2f%%</td><td class=\"n\">%.1f</td><td class=\"n\">%.1f"
                    + "</td><td class=\"n\">%.1f</td><td>%s</td></tr>%n", p.rate(), a.offeredPerS().mean(),
                    a.throughputPerS().mean(), 100 * a.errorRate().mean(), a.latencyMs().p50().mean(),
                    a.latencyMs().p95().mean(), a.latencyMs().p99().mean(), p.verdict().met() ? "met" : "missed"));
        }
        body.append("</table>\n<p>Offered/s is the load asked for; arrived/s the page views that came at random in "
                + "the measured time, so completed/s can stand a little above offered/s.</p>\n");
        if (r.atCapacity() != null) {
            String topology = Topology.svg(spec, r.atCapacity().result());
            drawn.put("charts/topology.svg", topology.getBytes(StandardCharsets.UTF_8));
            body.append("<h2>The topology at its capacity</h2>\n<figure class=\"topo\">\n").append(topology)
                    .append(String.format(Locale.ROOT, "<figcaption>At %.1f page views/s, its capacity; each arrow labelled "
                            + "with the calls per second sent along it there.</figcaption>\n"
                            + "</figure>\n", r.capacity()));
        }
        body.append(provenance.html());
        return page("stagesim: stress test of " + r.scenario(), body, drawn);
    }

    private static Map<String, byte[]> page(String title, StringBuilder body, Map<String, byte[]> drawn) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("report.html", ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
                + HtmlReport.escape(title) + "</title>\n" + STYLE + "</head>\n<body>\n" + body
                + "</body>\n</html>\n").getBytes(StandardCharsets.UTF_8));
        files.putAll(drawn);
        return files;
    }

    private static void figures(List<Charts.Chart> charts, StringBuilder body, Map<String, byte[]> drawn) {
        for (Charts.Chart ch : charts) {
            byte[] png = HtmlReport.png(ch);
            drawn.put("charts/" + ch.name() + ".png", png);
            drawn.put("charts/" + ch.name() + ".csv", ch.data().csv().getBytes(StandardCharsets.UTF_8));
            body.append("<figure id=\"").append(ch.name()).append("\">\n<img alt=\"").append(HtmlReport.escape(ch.title()))
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
                    .append("\" width=\"960\" height=\"540\">\n<figcaption><b>").append(HtmlReport.escape(ch.title()))
                    .append(".</b> ").append(HtmlReport.escape(ch.caption())).append(" Data: <a href=\"charts/")
                    .append(ch.name()).append(".csv\">CSV</a>.</figcaption>\n</figure>\n");
        }
    }

    /** Each request class's figures over the whole run, with their 95 % half-widths. */
    static String classTable(ScenarioResult r) {
        StringBuilder sb = new StringBuilder("<h2>By request class</h2>\n<table>\n<tr><th>class</th><th>offered/s</th>"
                + "<th>completed/s</th><th>errors</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>max ms</th>"
                + "</tr>\n");
        List<ScenarioResult.ClassResult> rows = new ArrayList<>(r.requests());
        if (rows.size() > 1) {
            rows.add(r.all());
        }
        for (ScenarioResult.ClassResult c : rows) {
            sb.append("<tr><td>").append(HtmlReport.escape(c.name())).append("</td>");
            for (String v : List.of(Figures.estimate(c.offeredPerS(), 1), Figures.estimate(c.throughputPerS(), 1),
                    Figures.fixed(100 * c.errorRate().mean(), 2) + "%", Figures.estimate(c.latencyMs().p50(), 1),
                    Figures.estimate(c.latencyMs().p95(), 1), Figures.estimate(c.latencyMs().p99(), 1),
                    Figures.estimate(c.latencyMs().max(), 0))) {
                sb.append("<td class=\"n\">").append(HtmlReport.escape(v)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    /** Every host's CPU and every resource that can saturate, over the whole run. */
    static String resourceTable(ScenarioResult r) {
        StringBuilder sb = new StringBuilder("<h2>Utilisation</h2>\n<table>\n<tr><th>resource</th><th>utilisation %</th>"
                + "<th>mean queue</th><th>mean wait ms</th></tr>\n");
        for (ScenarioResult.HostResult h : r.hosts()) {
            sb.append("<tr><td>host ").append(HtmlReport.escape(h.name())).append(" CPU</td><td class=\"n\">")
                    .append(Figures.estimate(new io.stagesim.run.Estimate(100 * h.cpuUtilization().mean(),
                            100 * h.cpuUtilization().ci95()), 1)).append("</td><td></td><td></td></tr>\n");
        }
        for (ScenarioResult.ResourceResult x : r.resources()) {
            if (x.capacity() > 0) {
                sb.append("<tr><td>").append(HtmlReport.escape(x.service() + ": " + x.resource()))
                        .append("</td><td class=\"n\">").append(Figures.estimate(new io.stagesim.run.Estimate(
                                100 * x.utilization().mean(), 100 * x.utilization().ci95()), 1))
                        .append("</td><td class=\"n\">").append(Figures.estimate(x.meanQueueLength(), 2))
                        .append("</td><td class=\"n\">").append(Figures.estimate(x.meanWaitMs(), 2)).append("</td></tr>\n");
            }
        }
        return sb.append("</table>\n").toString();
    }

    private static double mid(ReplicationResult.Series s, int i) {
        return s.start()[i] + s.windowSeconds() / 2;
    }

    private static void warmup(XYPlot plot, double warmupS) {
        if (warmupS > 0) {
            IntervalMarker band = new IntervalMarker(0, warmupS, new Color(0, 0, 0, 28));
            band.setLabel("warm-up");
            plot.addDomainMarker(band, Layer.BACKGROUND);
        }
    }

    private static Charts.Chart lines(String name, String title, String caption, String y, XYSeriesCollection ds,
            double warmupS, List<String> header, List<List<String>> rows) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, "simulated time (s)", y, ds, PlotOrientation.VERTICAL,
                true, false, false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < ds.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, Charts.colour(i));
            renderer.setSeriesStroke(i, new BasicStroke(1.5f));
        }
        chart.getXYPlot().setRenderer(renderer);
        warmup(chart.getXYPlot(), warmupS);
        Charts.style(chart);
        return new Charts.Chart(name, title, caption, chart, new Charts.Table(header, rows));
    }

    /** p50, p95 and p99 of the page views completed in each window; a gap where none completed. */
    static Charts.Chart latencyOverTime(ReplicationResult.Series s, double warmupS, double objectiveMs) {
        XYSeriesCollection ds = new XYSeriesCollection();
        XYSeries p50 = new XYSeries("p50");
        XYSeries p95 = new XYSeries("p95");
        XYSeries p99 = new XYSeries("p99");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < s.start().length; i++) {
            p50.add(mid(s, i), Double.isNaN(s.p50()[i]) ? null : s.p50()[i]); // null: a gap, nothing completed
            p95.add(mid(s, i), Double.isNaN(s.p95()[i]) ? null : s.p95()[i]);
            p99.add(mid(s, i), Double.isNaN(s.p99()[i]) ? null : s.p99()[i]);
            rows.add(List.of(Charts.num(s.start()[i]), Charts.num(s.p50()[i]), Charts.num(s.p95()[i]),
                    Charts.num(s.p99()[i])));
        }
        ds.addSeries(p50);
        ds.addSeries(p95);
        ds.addSeries(p99);
        Charts.Chart c = lines("run-latency-over-time", "Latency over time", "Percentiles of the page views completed "
                + "in each window, every class together (each class's p50 and p99 are in the panels below when there "
                + "are several); a gap is a window in which none completed; the red line is the objective's p99.",
                "latency (ms, log scale)", ds, warmupS, List.of("window_start_s", "p50_ms", "p95_ms", "p99_ms"), rows);
        XYPlot plot = c.chart().getXYPlot();
        plot.setRangeAxis(Charts.logAxis("latency (ms, log scale)"));
        if (objectiveMs > 0) {
            plot.addRangeMarker(new ValueMarker(objectiveMs, Color.RED, new BasicStroke(1.5f)));
        }
        return c;
    }

    /** Page views offered and completed per second, window by window. */
    static Charts.Chart throughputOverTime(ReplicationResult.Series s, double warmupS) {
        XYSeriesCollection ds = new XYSeriesCollection();
        XYSeries offered = new XYSeries("offered");
        XYSeries completed = new XYSeries("completed");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < s.start().length; i++) {
            offered.add(mid(s, i), s.offered()[i] / s.windowSeconds());
            completed.add(mid(s, i), s.completed()[i] / s.windowSeconds());
            rows.add(List.of(Charts.num(s.start()[i]), Charts.num(s.offered()[i] / s.windowSeconds()),
                    Charts.num(s.completed()[i] / s.windowSeconds())));
        }
        ds.addSeries(offered);
        ds.addSeries(completed);
        return lines("run-throughput-over-time", "Throughput over time", "Page views arriving and completing per "
                + "second, window by window: completions fall behind arrivals while a queue grows.",
                "page views per second", ds, warmupS, List.of("window_start_s", "offered_per_s", "completed_per_s"),
                rows);
    }

    /** Failed page views per second by cause, stacked, window by window. */
    static Charts.Chart errorsOverTime(ReplicationResult.Series s, double warmupS) {
        DefaultTableXYDataset ds = new DefaultTableXYDataset();
        List<String> header = new ArrayList<>(List.of("window_start_s"));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < s.start().length; i++) {
            rows.add(new ArrayList<>(List.of(Charts.num(s.start()[i]))));
        }
        for (Map.Entry<String, long[]> e : s.errors().entrySet()) {
            if (java.util.Arrays.stream(e.getValue()).sum() == 0 && !(ds.getSeriesCount() == 0
                    && e.getKey().equals(s.errors().keySet().iterator().next()) && noErrors(s))) {
                continue; // a cause that never struck is left out of the legend
            }
            header.add(e.getKey() + "_per_s");
            XYSeries cause = new XYSeries(e.getKey().replace('_', ' '), true, false);
            for (int i = 0; i < s.start().length; i++) {
                cause.add(mid(s, i), e.getValue()[i] / s.windowSeconds());
                rows.get(i).add(Charts.num(e.getValue()[i] / s.windowSeconds()));
            }
            ds.addSeries(cause);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Errors over time, by cause", "simulated time (s)",
                "failed page views per second", ds, PlotOrientation.VERTICAL, true, false, false);
        StackedXYAreaRenderer2 renderer = new StackedXYAreaRenderer2();
        for (int i = 0; i < ds.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, Charts.colour(i));
        }
        chart.getXYPlot().setRenderer(renderer);
        warmup(chart.getXYPlot(), warmupS);
        Charts.style(chart);
        return new Charts.Chart("run-errors-over-time", "Errors over time", "Failed page views per second, stacked "
                + "by cause, window by window; only the causes that struck are drawn (the first cause alone, at zero, "
                + "when nothing failed).", chart,
                new Charts.Table(header, rows));
    }

    private static boolean noErrors(ReplicationResult.Series s) {
        return s.errors().values().stream().allMatch(v -> java.util.Arrays.stream(v).sum() == 0);
    }

    /** The levels the run keeps (instances running, CPU credits, ...), window by window. */
    static Charts.Chart levelsOverTime(ReplicationResult.Series s, double warmupS) {
        XYSeriesCollection ds = new XYSeriesCollection();
        List<String> header = new ArrayList<>(List.of("window_start_s"));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < s.start().length; i++) {
            rows.add(new ArrayList<>(List.of(Charts.num(s.start()[i]))));
        }
        for (Map.Entry<String, double[]> e : s.levels().entrySet()) {
            header.add(e.getKey().replace(' ', '_'));
            XYSeries line = new XYSeries(e.getKey());
            for (int i = 0; i < s.start().length; i++) {
                line.add(mid(s, i), Double.isNaN(e.getValue()[i]) ? null : e.getValue()[i]);
                rows.get(i).add(Charts.num(e.getValue()[i]));
            }
            ds.addSeries(line);
        }
        return lines("run-levels-over-time", "Levels over time", "The time-average of each level the run keeps "
                + "(instances running and in service, CPU credits, ...) window by window.", "level", ds, warmupS,
                header, rows);
    }

    private static List<CapacitySearch.Point> sorted(CapacitySearch.Result r) {
        List<CapacitySearch.Point> points = new ArrayList<>(r.points());
        points.sort(java.util.Comparator.comparingDouble(CapacitySearch.Point::rate));
        return points;
    }

    /** p50, p95 and p99 at each load tried, the objective's p99 as a line. */
    static Charts.Chart latencyVsLoad(CapacitySearch.Result r) {
        XYSeriesCollection ds = new XYSeriesCollection();
        XYSeries p50 = new XYSeries("p50");
        XYSeries p95 = new XYSeries("p95");
        XYSeries p99 = new XYSeries("p99");
        List<List<String>> rows = new ArrayList<>();
        for (CapacitySearch.Point p : sorted(r)) {
            ScenarioResult.Latency l = p.result().all().latencyMs();
            p50.add(p.rate(), l.p50().mean());
            p95.add(p.rate(), l.p95().mean());
            p99.add(p.rate(), l.p99().mean());
            rows.add(List.of(Charts.num(p.rate()), Charts.num(l.p50().mean()), Charts.num(l.p95().mean()),
                    Charts.num(l.p99().mean()), String.valueOf(p.verdict().met())));
        }
        ds.addSeries(p50);
        ds.addSeries(p95);
        ds.addSeries(p99);
        JFreeChart chart = ChartFactory.createXYLineChart("Latency against load", "offered load (page views/s)",
                "latency (ms, log scale)", ds, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRangeAxis(Charts.logAxis("latency (ms, log scale)"));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < 3; i++) {
            renderer.setSeriesPaint(i, Charts.colour(i));
        }
        plot.setRenderer(renderer);
        if (r.slo().p99() > 0) {
            plot.addRangeMarker(new ValueMarker(r.slo().p99() / 1e6, Color.RED, new BasicStroke(1.5f)));
        }
        if (r.atCapacity() != null) {
            plot.addDomainMarker(new ValueMarker(r.capacity(), Color.GRAY, new BasicStroke(1f)));
        }
        Charts.style(chart);
        return new Charts.Chart("stress-latency-vs-load", "Latency against load", "The percentiles of every page view "
                + "at each load the search tried (means over replications); the red line is the objective's p99, the "
                + "grey one the capacity found.", chart, new Charts.Table(List.of("offered_per_s", "p50_ms", "p95_ms",
                "p99_ms", "meets_objective"), rows));
    }

    /** Completed against offered page views per second at each load tried. */
    static Charts.Chart throughputVsLoad(CapacitySearch.Result r) {
        XYSeriesCollection ds = new XYSeriesCollection();
        XYSeries done = new XYSeries("completed");
        XYSeries ideal = new XYSeries("all of it");
        List<List<String>> rows = new ArrayList<>();
        for (CapacitySearch.Point p : sorted(r)) {
            double t = p.result().all().throughputPerS().mean();
            done.add(p.rate(), t);
            ideal.add(p.rate(), p.rate());
            rows.add(List.of(Charts.num(p.rate()), Charts.num(p.result().all().offeredPerS().mean()), Charts.num(t),
                    Charts.num(p.result().all().errorRate().mean())));
        }
        ds.addSeries(done);
        ds.addSeries(ideal);
        JFreeChart chart = ChartFactory.createXYLineChart("Throughput against load", "offered load (page views/s)",
                "completed page views per second", ds, PlotOrientation.VERTICAL, true, false, false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, Charts.colour(0));
        renderer.setSeriesPaint(1, Color.GRAY);
        renderer.setSeriesShapesVisible(1, false);
        chart.getXYPlot().setRenderer(renderer);
        Charts.style(chart);
        return new Charts.Chart("stress-throughput-vs-load", "Throughput against load", "Page views completed per "
                + "second at each load tried, beside the load itself (grey): where they part, the stage is saturated.",
                chart, new Charts.Table(List.of("offered_per_s", "arrived_per_s", "completed_per_s", "error_rate"),
                        rows));
    }
}
