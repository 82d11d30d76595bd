package io.stagesim.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run against a baseline: two saved {@code results.json} side by side, figure by figure, with the
 * change and whether it is significant — the two 95 % confidence intervals do not overlap (a
 * conservative test: a difference it calls significant is one at well beyond 95 %).
 */
public final class BaselineReporter {

    /** One compared figure. */
    public record Line(String figure, double baseline, double baselineCi, double run, double runCi,
            boolean significant) {
    }

    private BaselineReporter() {
    }

    /** Every figure present in both results, in the order of the baseline. */
    public static List<Line> compare(JsonNode baseline, JsonNode run) {
        List<Line> out = new ArrayList<>();
        JsonNode classes = baseline.path("requests");
        for (Iterator<Map.Entry<String, JsonNode>> it = classes.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String c = e.getKey();
            JsonNode b = e.getValue();
            JsonNode r = run.path("requests").path(c);
            if (r.isMissingNode()) {
                continue;
            }
            add(out, c + " throughput/s", b.path("throughput_per_s"), r.path("throughput_per_s"), 1);
            add(out, c + " error rate %", b.path("error_rate"), r.path("error_rate"), 100);
            for (String q : List.of("mean", "p50", "p95", "p99", "p999")) {
                add(out, c + " latency " + q + " ms", b.path("latency_ms").path(q), r.path("latency_ms").path(q), 1);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = baseline.path("hosts").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode r = run.path("hosts").path(e.getKey());
            if (!r.isMissingNode()) {
                add(out, "host " + e.getKey() + " CPU %", e.getValue().path("cpu_utilization"),
                        r.path("cpu_utilization"), 100);
            }
        }
        for (JsonNode b : baseline.path("resources")) {
            for (JsonNode r : run.path("resources")) {
                if (r.path("service").equals(b.path("service")) && r.path("resource").equals(b.path("resource"))
                        && b.path("capacity").asInt() > 0) {
                    add(out, b.path("service").asText() + " " + b.path("resource").asText() + " utilisation %",
                            b.path("utilization"), r.path("utilization"), 100);
                }
            }
        }
        return out;
    }

    private static void add(List<Line> out, String figure, JsonNode b, JsonNode r, double scale) {
        if (!b.path("mean").isNumber() || !r.path("mean").isNumber()) {
            return;
        }
        double bm = b.path("mean").asDouble() * scale;
        double rm = r.path("mean").asDouble() * scale;
        double bc = b.path("ci95").isNumber() ? b.path("ci95").asDouble() * scale : Double.NaN;
        double rc = r.path("ci95").isNumber() ? r.path("ci95").asDouble() * scale : Double.NaN;
        boolean sig = !Double.isNaN(bc) && !Double.isNaN(rc) && Math.abs(rm - bm) > bc + rc;
        out.add(new Line(figure, bm, bc, rm, rc, sig));
    }

    /** The comparison as a table. */
    public static String summary(String baselineName, String runName, List<Line> lines) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Baseline %s against %s (means ± 95%% half-widths; * = the intervals do not overlap)%n%n",
                baselineName, runName));
        sb.append(String.format(Locale.ROOT, "%-58s %20s %20s %10s%n", "figure", "baseline", "run", "change"));
        int significant = 0;
        for (Line l : lines) {
            String change = l.baseline() == 0 ? (l.run() == 0 ? "0%" : "new")
                    : String.format(Locale.ROOT, "%+.1f%%", 100 * (l.run() - l.baseline()) / Math.abs(l.baseline()));
            sb.append(String.format(Locale.ROOT, "%-58s %20s %20s %10s%s%n", trim(l.figure()), est(l.baseline(),
                    l.baselineCi()), est(l.run(), l.runCi()), change, l.significant() ? " *" : ""));
            if (l.significant()) {
                significant++;
            }
        }
        sb.append(String.format(Locale.ROOT, "%n%d of %d figures changed significantly.%n", significant, lines.size()));
        return sb.toString();
    }

    private static String trim(String s) {
        return s.length() > 58 ? s.substring(0, 57) + "…" : s;
    }

    private static String est(double m, double ci) {
        return Double.isNaN(ci) ? String.format(Locale.ROOT, "%.3g", m) : String.format(Locale.ROOT, "%.3g ±%.2g", m, ci);
    }
}
