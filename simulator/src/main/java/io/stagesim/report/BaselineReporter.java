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
 * conservative test: a difference it calls significant is one at well beyond 95 %). What would
 * make the table mislead — results of two different scenarios, a partial result, figures in one
 * file only or of the wrong type — comes out as warnings rather than silently fewer rows.
 */
public final class BaselineReporter {

    /** One compared figure. */
    public record Line(String figure, double baseline, double baselineCi, double run, double runCi,
            boolean significant) {
    }

    /** The figures compared, and what to know before trusting them. */
    public record Result(List<Line> lines, List<String> warnings) {
        /** Copies the lists. */
        public Result {
            lines = List.copyOf(lines);
            warnings = List.copyOf(warnings);
        }
    }

    /** Most names listed in one warning. */
    private static final int LISTED = 5;

    private final List<Line> lines = new ArrayList<>();
    private final List<String> onlyBaseline = new ArrayList<>();
    private final List<String> onlyRun = new ArrayList<>();
    private final List<String> wrongBaseline = new ArrayList<>();
    private final List<String> wrongRun = new ArrayList<>();

    private BaselineReporter() {
    }

    /**
     * Every figure present in both results, in the order of the baseline, with warnings that name
     * the files as {@code baselineName} and {@code runName}.
     */
    public static Result compare(String baselineName, JsonNode baseline, String runName, JsonNode run) {
        BaselineReporter c = new BaselineReporter();
        c.requests(baseline.path("requests"), run.path("requests"));
        c.hosts(baseline.path("hosts"), run.path("hosts"));
        c.resources(baseline.path("resources"), run.path("resources"));
        List<String> warnings = new ArrayList<>();
        String bs = baseline.path("scenario").asText("");
        String rs = run.path("scenario").asText("");
        if (!bs.equals(rs)) {
            warnings.add(String.format("the two results are of different scenarios ('%s' in %s, '%s' in %s): figures "
                    + "with the same name are compared, but a change may be the scenario's", bs, baselineName, rs, runName));
        }
        partial(warnings, baselineName, baseline);
        partial(warnings, runName, run);
        listed(warnings, "in " + baselineName + " only, not compared", c.onlyBaseline);
        listed(warnings, "in " + runName + " only, not compared", c.onlyRun);
        listed(warnings, "in " + baselineName + ", not as 'stagesim run' writes it (wrong type), not compared",
                c.wrongBaseline);
        listed(warnings, "in " + runName + ", not as 'stagesim run' writes it (wrong type), not compared",
                c.wrongRun);
        return new Result(c.lines, warnings);
    }

    private static void partial(List<String> warnings, String name, JsonNode result) {
        if (result.path("partial").asBoolean(false)) {
            String why = result.path("stopped_early").path(0).asText("");
            warnings.add(name + " is partial" + (why.isEmpty() ? "" : " (" + why + ")")
                    + ": its figures cover less than the whole run");
        }
    }

    private static void listed(List<String> warnings, String what, List<String> names) {
        if (!names.isEmpty()) {
            warnings.add(what + ": " + String.join(", ", names.subList(0, Math.min(LISTED, names.size())))
                    + (names.size() > LISTED ? " and " + (names.size() - LISTED) + " more" : ""));
        }
    }

    private void requests(JsonNode b, JsonNode r) {
        if (!container(b, r, "requests", JsonNode::isObject)) {
            return;
        }
        onlyIn(r, b, onlyRun, "requests.");
        for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String c = e.getKey();
            String at = "requests." + c;
            if (!r.has(c)) {
                onlyBaseline.add(at);
            } else if (container(e.getValue(), r.path(c), at, JsonNode::isObject)) {
                JsonNode bc = e.getValue();
                JsonNode rc = r.path(c);
                add(c + " throughput/s", at + ".throughput_per_s", bc.path("throughput_per_s"), rc.path("throughput_per_s"), 1);
                add(c + " error rate %", at + ".error_rate", bc.path("error_rate"), rc.path("error_rate"), 100);
                if (container(bc.path("latency_ms"), rc.path("latency_ms"), at + ".latency_ms", JsonNode::isObject)) {
                    for (String q : List.of("mean", "p50", "p95", "p99", "p999")) {
                        add(c + " latency " + q + " ms", at + ".latency_ms." + q, bc.path("latency_ms").path(q),
                                rc.path("latency_ms").path(q), 1);
                    }
                }
            }
        }
    }

    private void hosts(JsonNode b, JsonNode r) {
        if (!container(b, r, "hosts", JsonNode::isObject)) {
            return;
        }
        onlyIn(r, b, onlyRun, "hosts.");
        for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = "hosts." + e.getKey();
            if (!r.has(e.getKey())) {
                onlyBaseline.add(at);
            } else {
                add("host " + e.getKey() + " CPU %", at + ".cpu_utilization", e.getValue().path("cpu_utilization"),
                        r.path(e.getKey()).path("cpu_utilization"), 100);
            }
        }
    }

    private void resources(JsonNode b, JsonNode r) {
        if (!container(b, r, "resources", JsonNode::isArray)) {
            return;
        }
        for (JsonNode br : b) {
            if (br.path("capacity").asInt() <= 0) {
                continue;
            }
            String name = br.path("service").asText() + " " + br.path("resource").asText();
            JsonNode match = find(r, br);
            if (match == null) {
                onlyBaseline.add("resource " + name);
            } else {
                add(name + " utilisation %", "resource " + name + " utilization", br.path("utilization"),
                        match.path("utilization"), 100);
            }
        }
        for (JsonNode rr : r) {
            if (rr.path("capacity").asInt() > 0 && find(b, rr) == null) {
                onlyRun.add("resource " + rr.path("service").asText() + " " + rr.path("resource").asText());
            }
        }
    }

    private static JsonNode find(JsonNode resources, JsonNode like) {
        for (JsonNode n : resources) {
            if (n.path("service").equals(like.path("service")) && n.path("resource").equals(like.path("resource"))) {
                return n;
            }
        }
        return null;
    }

    /** True when both are there and of the right kind; otherwise what is missing or wrong is noted, and false. */
    private boolean container(JsonNode b, JsonNode r, String at, java.util.function.Predicate<JsonNode> kind) {
        if (b.isMissingNode() || r.isMissingNode()) {
            if (!b.isMissingNode()) {
                onlyBaseline.add(at);
            } else if (!r.isMissingNode()) {
                onlyRun.add(at);
            }
            return false;
        }
        if (!kind.test(b)) {
            wrongBaseline.add(at);
        }
        if (!kind.test(r)) {
            wrongRun.add(at);
        }
        return kind.test(b) && kind.test(r);
    }

    private static void onlyIn(JsonNode here, JsonNode there, List<String> out, String prefix) {
        for (Iterator<String> it = here.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!there.has(k)) {
                out.add(prefix + k);
            }
        }
    }

    private void add(String figure, String at, JsonNode b, JsonNode r, double scale) {
        // a null mean is a figure with no value (no page view of that class completed): nothing to compare
        if (!container(b, r, at, BaselineReporter::isFigure) || !b.path("mean").isNumber()
                || !r.path("mean").isNumber()) {
            return;
        }
        double bm = b.path("mean").asDouble() * scale;
        double rm = r.path("mean").asDouble() * scale;
        double bc = b.path("ci95").isNumber() ? b.path("ci95").asDouble() * scale : Double.NaN;
        double rc = r.path("ci95").isNumber() ? r.path("ci95").asDouble() * scale : Double.NaN;
        boolean sig = !Double.isNaN(bc) && !Double.isNaN(rc) && Math.abs(rm - bm) > bc + rc;
        lines.add(new Line(figure, bm, bc, rm, rc, sig));
    }

    /** {"mean": number or null, "ci95": number, null or absent}, as {@code results.json} writes them. */
    private static boolean isFigure(JsonNode n) {
        JsonNode mean = n.path("mean");
        JsonNode ci = n.path("ci95");
        return n.isObject() && (mean.isNumber() || mean.isNull())
                && (ci.isMissingNode() || ci.isNumber() || ci.isNull());
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
        sb.append(lines.isEmpty() ? String.format("%nNo figure is in both files, so nothing was compared.%n")
                : String.format(Locale.ROOT, "%n%d of %d figures changed significantly.%n", significant, lines.size()));
        return sb.toString();
    }

    private static String trim(String s) {
        return s.length() > 58 ? s.substring(0, 57) + "…" : s;
    }

    private static String est(double m, double ci) {
        return Double.isNaN(ci) ? String.format(Locale.ROOT, "%.3g", m) : String.format(Locale.ROOT, "%.3g ±%.2g", m, ci);
    }
}
