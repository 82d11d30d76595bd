package io.stagesim.report;

import io.stagesim.run.Sweep;
import java.awt.BasicStroke;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A sweep's {@code report.html}, self-contained (its pictures embedded as PNG): for a grid, the
 * figure against each setting with its interval (capacity at the objective, or a run's p99), a
 * line per combination of the other settings; the heat map of a two-setting capacity grid; the
 * table of points with, for runs, the differences from the first point. For a sensitivity
 * analysis, the tornado and the table of swings.
 */
public final class SweepReport {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;

    private SweepReport() {
    }

    /** The charts of the figure against each setting, one per setting, named {@code against-<i>}. */
    static List<Charts.Chart> against(SweepReporter.SweepFile f) {
        boolean capacity = "capacity".equals(f.measure());
        List<Charts.Chart> out = new ArrayList<>();
        List<Sweep.Dimension> dims = f.dimensions();
        for (int k = 0; k < dims.size(); k++) {
            Sweep.Dimension x = dims.get(k);
            Map<String, YIntervalSeries> series = new LinkedHashMap<>();
            List<List<String>> rows = new ArrayList<>();
            List<String> ticks = x.values();
            for (SweepReporter.PointFile p : f.points()) {
                List<String> others = new ArrayList<>();
                for (Sweep.Dimension d : dims) {
                    if (d != x) {
                        others.add(d.key() + " = " + p.settings().get(d.key()));
                    }
                }
                String name = others.isEmpty() ? (capacity ? "capacity" : "p99") : String.join(", ", others);
                double v;
                double lo;
                double hi;
                if (capacity) {
                    v = p.capacity().value();
                    lo = p.capacity().low();
                    hi = Double.isFinite(p.capacity().high()) ? p.capacity().high() : v; // no upper end: no bar up
                } else {
                    v = p.p99Ms().mean();
                    double h = Double.isNaN(p.p99Ms().ci95()) ? 0 : p.p99Ms().ci95();
                    lo = v - h;
                    hi = v + h;
                }
                if (!Double.isFinite(v)) {
                    continue;
                }
                series.computeIfAbsent(name, YIntervalSeries::new).add(ticks.indexOf(p.settings().get(x.key())), v,
                        lo, hi);
                rows.add(List.of(name, p.settings().get(x.key()), Charts.num(v), Charts.num(lo), Charts.num(hi)));
            }
            YIntervalSeriesCollection data = new YIntervalSeriesCollection();
            series.values().forEach(data::addSeries);
            SymbolAxis xAxis = new SymbolAxis(x.key(), ticks.toArray(new String[0]));
            NumberAxis yAxis = new NumberAxis(capacity ? "capacity at the objective (page views/s)"
                    : "p99 latency (ms) at the scenario's load");
            yAxis.setAutoRangeIncludesZero(true);
            XYErrorRenderer r = new XYErrorRenderer();
            r.setDrawXError(false);
            r.setDefaultLinesVisible(true);
            r.setErrorStroke(new BasicStroke(1.5f));
            for (int i = 0; i < data.getSeriesCount(); i++) {
                r.setSeriesPaint(i, Charts.colour(i));
                r.setSeriesStroke(i, new BasicStroke(2f));
            }
            r.setErrorPaint(null); // each bar in its series' colour
            XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
            String title = (capacity ? "Capacity of " : "p99 latency of ") + f.scenario() + " against " + x.key();
            JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, data.getSeriesCount() > 1);
            Charts.style(chart);
            out.add(new Charts.Chart("against-" + k, title, capacity
                    ? "Bars: the capacity's interval (every load below its lower end met the objective clearly, "
                            + "every load above its upper end missed it clearly; no bar up: no upper end found)."
                    : "Bars: 95 % confidence intervals over replications.", chart,
                    new Charts.Table(List.of("line", x.key(), capacity ? "capacity_per_s" : "p99_ms", "low", "high"),
                            rows)));
        }
        return out;
    }

    /** report.html of a grid sweep (not of a shard's share: null then). */
    public static byte[] html(SweepReporter.SweepFile f) {
        if (f.shard() != null) {
            return null;
        }
        boolean capacity = "capacity".equals(f.measure());
        StringBuilder body = new StringBuilder();
        body.append("<h1>Sweep of ").append(HtmlReport.escape(f.scenario())).append("</h1>\n<p>")
                .append(f.points().size()).append(" points, every combination of ")
                .append(HtmlReport.escape(String.join(", ", f.dimensions().stream().map(d -> d.key() + " ∈ {"
                        + String.join(", ", d.values()) + "}").toList()))).append("; ")
                .append(capacity ? "at each, the capacity at the objective with its interval."
                        : "at each, a run at the scenario's load (means ± 95 % half-widths over replications).")
                .append(" Every point ran with the same seed (common random numbers), so the differences between "
                        + "points are the settings', not the draws'.</p>\n<h2>Against each setting</h2>\n");
        List<Charts.Chart> charts = against(f);
        for (int k = 0; k < charts.size(); k++) {
            Charts.Chart c = charts.get(k);
            body.append("<figure>\n").append(InteractivePage.picture(c.name(), c.title(), c.chart(), HtmlReport.png(c),
                    WIDTH, HEIGHT)).append("<figcaption><b>").append(HtmlReport.escape(c.title())).append(".</b> ")
                    .append(HtmlReport.escape(c.caption())).append("</figcaption>\n</figure>\n");
        }
        if (capacity && f.dimensions().size() == 2 && f.points().size() == f.gridSize()) {
            byte[] heat = SweepCharts.heatMap(f).get("heatmap.png");
            if (heat != null) {
                body.append("<h2>Heat map</h2>\n");
                figure(body, "Capacity over both settings", "Each cell the capacity (page views/s) at that pair of "
                        + "values, from dark (lowest) to light (highest).", heat);
            }
        }
        body.append("<h2>Every point</h2>\n").append(table(f));
        return page("stagesim: sweep of " + f.scenario(), body.toString());
    }

    /** report.html of a sensitivity analysis: the tornado and the swings. */
    public static byte[] html(SweepReporter.SensitivityFile f, byte[] tornado) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>What moves the capacity of ").append(HtmlReport.escape(f.scenario())).append("</h1>\n")
                .append(String.format(Locale.ROOT, "<p>Capacity as written: <b>%.1f</b> page views/s [%.1f, %s]. Each "
                        + "setting moved alone by −/+%.0f %%, the capacity found at each value; the settings ranked by "
                        + "how far it moves.</p>\n", f.base().value(), f.base().low(), high(f.base()),
                        100 * f.share()));
        figure(body, "The tornado", "A bar per setting from the capacity at its low value to that at its high "
                + "value, around the capacity as written.", tornado);
        body.append("<table>\n<tr><th>setting</th><th>as written</th><th>low</th><th>capacity at low</th>"
                + "<th>high</th><th>capacity at high</th><th>effect /s</th></tr>\n");
        for (SweepReporter.SwingFile s : f.swings()) {
            body.append("<tr><td>").append(HtmlReport.escape(s.key())).append("</td><td>")
                    .append(HtmlReport.escape(s.base())).append("</td><td>").append(HtmlReport.escape(s.low()))
                    .append("</td><td class=\"n\">").append(capacity(s.capacityLow())).append("</td><td>")
                    .append(HtmlReport.escape(s.high())).append("</td><td class=\"n\">")
                    .append(capacity(s.capacityHigh())).append("</td><td class=\"n\">")
                    .append(String.format(Locale.ROOT, "%.1f", s.effect())).append("</td></tr>\n");
        }
        body.append("</table>\n");
        return page("stagesim: sensitivity of " + f.scenario(), body.toString());
    }

    private static String table(SweepReporter.SweepFile f) {
        boolean capacity = "capacity".equals(f.measure());
        Map<Integer, SweepReporter.PointDifference> diffs = new LinkedHashMap<>();
        if (f.differencesFromFirst() != null) {
            f.differencesFromFirst().forEach(d -> diffs.put(d.index(), d));
        }
        StringBuilder t = new StringBuilder("<table>\n<tr>");
        f.dimensions().forEach(d -> t.append("<th>").append(HtmlReport.escape(d.key())).append("</th>"));
        t.append(capacity ? "<th>capacity /s [interval]</th><th>cost $/h at capacity</th>"
                : "<th>views/s</th><th>p99 ms</th><th>errors</th><th>cost $/h</th><th>p99 − first point, ms</th>");
        t.append("<th>bottleneck</th></tr>\n");
        for (SweepReporter.PointFile p : f.points()) {
            t.append("<tr>");
            f.dimensions().forEach(d -> t.append("<td>").append(HtmlReport.escape(p.settings().get(d.key())))
                    .append("</td>"));
            if (capacity) {
                t.append("<td class=\"n\">").append(capacity(p.capacity())).append("</td><td class=\"n\">")
                        .append(p.costPerHour() == null ? "-" : String.format(Locale.ROOT, "%.3f",
                                p.costPerHour().mean())).append("</td>");
            } else {
                SweepReporter.PointDifference d = diffs.get(p.index());
                DifferenceFile p99 = d == null ? null : d.figures().get("p99_ms");
                t.append("<td class=\"n\">").append(pm(p.throughputPerS())).append("</td><td class=\"n\">")
                        .append(pm(p.p99Ms())).append("</td><td class=\"n\">")
                        .append(String.format(Locale.ROOT, "%.2f %%", 100 * p.errorRate().mean()))
                        .append("</td><td class=\"n\">").append(String.format(Locale.ROOT, "%.3f",
                                p.costPerHour().mean())).append("</td><td class=\"n\">")
                        .append(p99 == null || p99.mean() == null ? "-" : String.format(Locale.ROOT, "%+.1f", p99.mean())
                                + (p99.ci95() == null ? "" : String.format(Locale.ROOT, " ±%.1f", p99.ci95()))
                                + (p99.paired() ? " (paired)" : " (Welch)") + (p99.significant() ? " *" : ""))
                        .append("</td>");
            }
            t.append("<td>").append(HtmlReport.escape(p.bottleneck() == null ? "" : p.bottleneck())).append("</td></tr>\n");
        }
        t.append("</table>\n");
        if (!capacity) {
            t.append("<p class=\"d\">* the difference's 95 % interval leaves out 0. Paired: the two points ran with "
                    + "the same seed and are compared replication by replication.</p>\n");
        }
        return t.toString();
    }

    private static String capacity(SweepReporter.Capacity c) {
        return String.format(Locale.ROOT, "%.1f [%.1f, %s]", c.value(), c.low(), high(c));
    }

    private static String high(SweepReporter.Capacity c) {
        return Double.isFinite(c.high()) ? String.format(Locale.ROOT, "%.1f", c.high()) : "-";
    }

    private static String pm(io.stagesim.run.Estimate e) {
        return Double.isNaN(e.ci95()) ? String.format(Locale.ROOT, "%.1f", e.mean())
                : String.format(Locale.ROOT, "%.1f ±%.1f", e.mean(), e.ci95());
    }

    private static void figure(StringBuilder sb, String title, String caption, byte[] png) {
        sb.append("<figure>\n<img alt=\"").append(HtmlReport.escape(title)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\">\n<figcaption><b>").append(HtmlReport.escape(title))
                .append(".</b> ").append(HtmlReport.escape(caption)).append("</figcaption>\n</figure>\n");
    }

    private static byte[] page(String title, String body) {
        return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
                + HtmlReport.escape(title) + "</title>\n<style>\n"
                + "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1000px;margin:2em auto;"
                + "padding:0 1em;color:#222}\nh1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em}\n"
                + "table{border-collapse:collapse;font-size:.85em;width:100%}th,td{border-bottom:1px solid #ddd;"
                + "padding:.35em .5em;vertical-align:top;text-align:left}th{background:#f4f4f4}\n"
                + "td.n{text-align:right;white-space:nowrap}.d{color:#666;font-size:.85em}\n"
                + "figure{margin:2em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}"
                + "figcaption{font-size:.9em;color:#444}\n</style>\n</head>\n<body>\n" + body
                + "<p class=\"d\">Written by stagesim from simulation results; every figure above is in the JSON "
                + "beside this page.</p>\n" + InteractivePage.script(body) + "</body>\n</html>\n").getBytes(StandardCharsets.UTF_8);
    }
}
