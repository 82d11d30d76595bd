package io.stagesim.report;

import io.stagesim.run.Comparison;
import io.stagesim.run.ScenarioResult;
import io.stagesim.scenario.ScenarioName;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.svg.SVGGraphics2D;

/**
 * The comparison report as files: one self-contained {@code report.html} (charts embedded as PNG,
 * made interactive by Apache ECharts inlined in the page, see {@link InteractiveChart}; nothing
 * loaded from elsewhere, opens offline, reads as pictures with scripts off), and beside it every chart as PNG and SVG with
 * its data as CSV, and {@code compare.json}. A pure function of the results: nothing is run here.
 */
public final class HtmlReport {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;

    private HtmlReport() {
    }

    /**
     * File name (relative to the report folder) to content, most precious first: {@code compare.json}
     * (every figure), then {@code report.html} (which embeds the charts and ends with
     * {@code provenance}), then the charts' files.
     */
    public static Map<String, byte[]> files(Comparison.Result c, Provenance provenance) {
        Map<String, byte[]> drawn = new LinkedHashMap<>();
        List<Charts.Chart> charts = new java.util.ArrayList<>();
        charts.add(SummaryChart.of(c));
        charts.addAll(Charts.of(c));
        StringBuilder summary = new StringBuilder();
        StringBuilder figures = new StringBuilder();
        for (Charts.Chart ch : charts) {
            StringBuilder into = ch.name().equals("summary") ? summary : figures;
            byte[] png = png(ch);
            drawn.put("charts/" + ch.name() + ".png", png);
            drawn.put("charts/" + ch.name() + ".svg", svg(ch).getBytes(StandardCharsets.UTF_8));
            drawn.put("charts/" + ch.name() + ".csv", ch.data().csv().getBytes(StandardCharsets.UTF_8));
            drawn.put("charts/" + ch.name() + ".json", ch.data().json().getBytes(StandardCharsets.UTF_8));
            drawn.put("slides/" + ch.name() + ".png", Charts.slide(ch));
            into.append("<figure id=\"").append(ch.name()).append("\">\n")
                    .append(InteractivePage.picture(ch.name(), ch.title(), ch.chart(), png, WIDTH, HEIGHT))
                    .append("<figcaption><b>").append(escape(ch.title())).append(".</b> ").append(escape(ch.caption()))
                    .append(" Data: <a href=\"charts/").append(ch.name()).append(".csv\">CSV</a>, <a href=\"charts/")
                    .append(ch.name()).append(".json\">JSON</a>; vector: <a href=\"charts/")
                    .append(ch.name()).append(".svg\">SVG</a>; for a slide (1920×1080): <a href=\"slides/")
                    .append(ch.name()).append(".png\">PNG</a>.</figcaption>\n</figure>\n");
        }
        StringBuilder topologies = new StringBuilder();
        for (Comparison.Row r : c.rows()) {
            String svg = Topology.svg(r);
            drawn.put("charts/topology-" + ScenarioName.slug(r.scenario()) + ".svg", svg.getBytes(StandardCharsets.UTF_8));
            topologies.append("<figure class=\"topo\">\n").append(svg).append("<figcaption><b>").append(escape(r.scenario()))
                    .append("</b> ").append(escape(Topology.caption(r))).append("</figcaption>\n</figure>\n");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("compare.json", CompareReporter.toJson(c).getBytes(StandardCharsets.UTF_8));
        files.put("report.html", html(c, summary.toString(), figures.toString(), topologies.toString(), provenance)
                .getBytes(StandardCharsets.UTF_8));
        files.putAll(drawn);
        return files;
    }

    static byte[] png(Charts.Chart ch) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, ch.chart(), WIDTH, HEIGHT);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot draw " + ch.name(), e);
        }
    }

    private static String svg(Charts.Chart ch) {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        ch.chart().draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        return g.getSVGDocument();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String html(Comparison.Result c, String summary, String figures, String topologies,
            Provenance provenance) {
        StringBuilder t = new StringBuilder();
        t.append("<table>\n<tr><th>stage</th><th>capacity (page views/s)</th><th>interval</th><th>p50 ms*</th>"
                + "<th>p99 ms*</th><th>errors*</th><th>meets objective*</th><th>headroom</th><th>cost/h*</th>"
                + "<th>cost per 1M views</th>"
                + "<th>bottleneck at capacity</th></tr>\n");
        for (int i = 0; i < c.rows().size(); i++) {
            Comparison.Row r = c.rows().get(i);
            ScenarioResult.ClassResult ref = r.atReference().all();
            java.awt.Color col = Charts.colour(i);
            t.append(String.format(Locale.ROOT, "<tr><td><span class=\"sw\" style=\"background:#%06x\"></span>%s"
                    + "<div class=\"d\">%s</div></td><td class=\"n\">%.1f</td><td class=\"n\">%s</td>"
                    + "<td class=\"n\">%.1f</td><td class=\"n\">%.1f</td><td class=\"n\">%.2f%%</td>"
                    + "<td>%s</td><td class=\"n\">%.2f×</td>"
                    + "<td class=\"n\">%.3f</td><td class=\"n\">%s</td><td>%s</td></tr>%n",
                    col.getRGB() & 0xFFFFFF, escape(r.scenario()), escape(r.description()), r.stress().capacity(),
                    Figures.interval(r.stress().capacityLow(), r.stress().capacityHigh(), 1),
                    ref.latencyMs().p50().mean(), ref.latencyMs().p99().mean(),
                    100 * ref.errorRate().mean(), r.meets() ? "yes" : "no", r.headroom(), r.costPerHour(),
                    Double.isNaN(r.costPerMillion()) ? "–" : String.format(Locale.ROOT, "%.3f", r.costPerMillion()),
                    r.stress().atCapacity() == null ? "–"
                            : escape(r.stress().atCapacity().result().bottleneck().explanation())));
        }
        t.append("</table>\n");
        StringBuilder sv = new StringBuilder();
        List<List<String>> survival = CompareReporter.survival(c);
        if (!survival.isEmpty()) {
            sv.append("<h2>Survival: what each fault did</h2>\n<p>Each stage with faults, run at the load its scenario "
                    + "offers: the page views that met a fault, arriving or ending while it lasted (availability = "
                    + "completed / all of them, the unfinished included, ± the 95&nbsp;% half-width over "
                    + "replications), goodput (the share completed within the objective's latency), p99 of the completed ones (marked \"down\" when under 1&nbsp;% of them completed), the failed ones and their main cause, the "
                    + "CPU spent on requests whose client had left, the database writes a host crash lost, how long "
                    + "until a load balancer took a failed host's service out, and how long after the fault p99 and "
                    + "errors were back to what they were before it. The survival charts below show the same runs "
                    + "window by window, the fault windows shaded.</p>\n"
                    + "<table>\n<tr>");
            for (String col : CompareReporter.SURVIVAL_COLUMNS) {
                sv.append("<th>").append(escape(col)).append("</th>");
            }
            sv.append("</tr>\n");
            for (List<String> row : survival) {
                sv.append("<tr><td>").append(escape(row.get(0))).append("</td><td>").append(escape(row.get(1)))
                        .append("</td>");
                for (String cell : row.subList(2, row.size())) {
                    sv.append("<td class=\"n\">").append(escape(cell)).append("</td>");
                }
                sv.append("</tr>\n");
            }
            sv.append("</table>\n<ul>\n");
            for (String line : CompareReporter.survivalSentences(c)) {
                sv.append("<li>").append(escape(line)).append("</li>\n");
            }
            sv.append("</ul>\n");
        }
        StringBuilder story = new StringBuilder("<ul>\n");
        for (String s : CompareReporter.sentences(c)) {
            story.append("<li>").append(escape(s)).append("</li>\n");
        }
        story.append("</ul>\n");
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>stagesim: " + (survival.isEmpty() ? "stages compared" : "failure stories compared")
                + "</title>\n<style>\n"
                + "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1000px;margin:2em auto;"
                + "padding:0 1em;color:#222}\nh1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em}\n"
                + "table{border-collapse:collapse;font-size:.85em;width:100%}th,td{border-bottom:1px solid #ddd;"
                + "padding:.35em .5em;vertical-align:top;text-align:left}th{background:#f4f4f4}\n"
                + "td.n{text-align:right;white-space:nowrap}.d{color:#666;font-size:.85em}\n"
                + ".sw{display:inline-block;width:.8em;height:.8em;margin-right:.4em;border-radius:2px}\n"
                + "figure{margin:2em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}"
                + "figcaption{font-size:.9em;color:#444}table.prov{margin-bottom:1em}"
                + "table.prov code{font-size:.85em;word-break:break-all}\nfigure.topo svg{max-width:100%;height:auto}\n"
                + "</style>\n</head>\n<body>\n"
                + (survival.isEmpty() ? "<h1>Deployment stages compared</h1>\n"
                        : "<h1>Failure stories compared: what each fault did, then capacity</h1>\n")
                + "<p>Each stage was stress-tested under the same objective (<b>" + escape(c.slo().describe())
                + "</b>, on whole page views: HTML and its assets) by stepping the offered load up or down by ×1.5 "
                + "and then bisecting. Its <b>capacity</b> is the highest load that met the objective; the interval "
                + "runs from the highest load below which every tried load met it beyond doubt to the lowest above "
                + "which every one missed it beyond doubt (95&nbsp;% confidence intervals over replications). "
                + String.format(Locale.ROOT, "Columns marked * are measured at a common reference load, "
                        + "%.1f page views/s (the lowest capacity, so every stage carries it).", c.referenceRate())
                + "</p>\n" + sv + "<h2>What each stage carries, and what limits it</h2>\n" + story + summary
                + "<h2>Side by side</h2>\n" + t + classes(c) + "<h2>Charts</h2>\n" + figures
                + "<h2>The stages, with the load on them</h2>\n<p>Each stage: hosts as "
                + "boxes, the services inside them, calls as arrows in the order a request flows. Colours show how busy "
                + "each host's CPU (or the Python GIL on it, when busier) and each service's busiest resource, named "
                + "under it, is at the load its caption gives: green idle, yellow busy, red saturated.</p>\n" + topologies
                + "<p class=\"d\">Written by stagesim from simulation results; every figure above is in "
                + "<a href=\"compare.json\">compare.json</a> and every chart's data in its CSV.</p>\n"
                + provenance.html() + InteractivePage.script(figures.toString() + summary) + "</body>\n</html>\n";
    }

    /** Per stage, each request class's page views at the reference load: offered, errors, p50, p95, p99. */
    static String classes(Comparison.Result c) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "<h2>By request class</h2>\n<p>Each stage's "
                + "request classes at the reference load, %.1f page views/s: a class's percentiles can differ far "
                + "from the whole's (an API call is not a page view with its assets). Means over replications; "
                + "the JSON has their intervals.</p>\n<table>\n<tr><th>stage</th><th>class</th><th>offered/s</th>"
                + "<th>completed/s</th><th>errors</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th></tr>\n",
                c.referenceRate()));
        for (Comparison.Row r : c.rows()) {
            List<ScenarioResult.ClassResult> classes = new java.util.ArrayList<>(r.atReference().requests());
            if (classes.size() > 1) {
                classes.add(r.atReference().all());
            }
            for (ScenarioResult.ClassResult k : classes) {
                sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td class=\"n\">%.1f</td>"
                        + "<td class=\"n\">%.1f</td><td class=\"n\">%.2f%%</td><td class=\"n\">%s</td>"
                        + "<td class=\"n\">%s</td><td class=\"n\">%s</td></tr>%n", escape(r.scenario()),
                        escape(k.name()), k.offeredPerS().mean(), k.throughputPerS().mean(), 100 * k.errorRate().mean(),
                        Figures.fixed(k.latencyMs().p50().mean(), 1), Figures.fixed(k.latencyMs().p95().mean(), 1),
                        Figures.fixed(k.latencyMs().p99().mean(), 1)));
            }
        }
        return sb.append("</table>\n").toString();
    }
}
