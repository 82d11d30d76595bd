package io.stagesim.report;

import java.util.List;
import java.util.Locale;

/**
 * {@code diff.html}: a run against its baseline as one self-contained page: the warnings first
 * (what makes the two unlike), then every figure compared, with its change drawn as a bar and the
 * significant ones marked. A pure function of the comparison.
 */
public final class DiffReport {

    private DiffReport() {
    }

    /** The page for {@code r}, the baseline named {@code baselineName} and the run {@code runName}. */
    public static String html(String baselineName, String runName, BaselineReporter.Result r) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>stagesim: run against baseline</title>\n<style>\n"
                + "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1000px;margin:2em auto;"
                + "padding:0 1em;color:#222}\nh1{font-size:1.6em}\n"
                + "table{border-collapse:collapse;font-size:.85em;width:100%}th,td{border-bottom:1px solid #ddd;"
                + "padding:.35em .5em;text-align:left}th{background:#f4f4f4}td.n{text-align:right;white-space:nowrap}\n"
                + ".warn{background:#fff4e5;border-left:4px solid #e69f00;padding:.5em 1em}\n"
                + "tr.sig td{font-weight:bold}.bar{display:inline-block;height:.7em}\n</style>\n</head>\n<body>\n");
        sb.append("<h1>").append(HtmlReport.escape(runName)).append(" against its baseline ")
                .append(HtmlReport.escape(baselineName)).append("</h1>\n");
        if (!r.warnings().isEmpty()) {
            sb.append("<div class=\"warn\"><b>Before trusting the changes below:</b>\n<ul>\n");
            for (String w : r.warnings()) {
                sb.append("<li>").append(HtmlReport.escape(w)).append("</li>\n");
            }
            sb.append("</ul></div>\n");
        }
        List<BaselineReporter.Line> lines = r.lines();
        long significant = lines.stream().filter(BaselineReporter.Line::significant).count();
        sb.append(String.format(Locale.ROOT, "<p>Means over replications ± 95&nbsp;%% half-widths. A change in "
                + "bold is significant: the two intervals do not overlap. %d of %d figures changed significantly."
                + "</p>%n", significant, lines.size()));
        sb.append("<table>\n<tr><th>figure</th><th>baseline</th><th>run</th><th>change</th><th></th></tr>\n");
        for (BaselineReporter.Line l : lines) {
            int d = BaselineReporter.decimals(l);
            double change = l.baseline() == 0 ? Double.NaN : (l.run() - l.baseline()) / Math.abs(l.baseline());
            String bar = Double.isNaN(change) ? "" : String.format(Locale.ROOT,
                    "<span class=\"bar\" style=\"width:%.0fpx;background:%s\"></span>",
                    Math.min(200, Math.abs(change) * 200), change > 0 ? "#d55e00" : "#0072b2");
            sb.append(String.format(Locale.ROOT, "<tr%s><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td>"
                    + "<td class=\"n\">%s</td><td>%s</td></tr>%n", l.significant() ? " class=\"sig\"" : "",
                    HtmlReport.escape(l.figure()), Figures.estimate(new io.stagesim.run.Estimate(l.baseline(),
                            l.baselineCi()), d), Figures.estimate(new io.stagesim.run.Estimate(l.run(), l.runCi()), d),
                    Double.isNaN(change) ? (l.run() == 0 ? "0%" : "new") : String.format(Locale.ROOT, "%+.1f%%",
                            100 * change), bar));
        }
        sb.append("</table>\n<p>Bars: the change's size, up to 100&nbsp;% (longer changes are drawn at that length); "
                + "orange up, blue down.</p>\n</body>\n</html>\n");
        return sb.toString();
    }
}
