package io.stagesim.report;

import io.stagesim.run.Difference;
import io.stagesim.run.Estimate;
import io.stagesim.run.Replicates;
import io.stagesim.run.ScenarioResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A run against a baseline: two saved {@code results.json} side by side, figure by figure, with the
 * difference, its 95 % interval and whether it is significant (the interval leaves out 0). When both
 * ran with the same seed, replication i of each drew the same random numbers (common random
 * numbers) and a request class's throughput, error rate, p50, p95 and p99 are compared pair by pair
 * from their values replication by replication ({@link Difference#paired}), which cancels the noise
 * the two runs share; otherwise, and for the other figures, Welch's interval for independent
 * samples is taken from the two estimates ({@link Difference#welch}). What would
 * make the table mislead — results of two different scenarios, a partial result, figures in one
 * file only or of the wrong type — comes out as warnings rather than silently fewer rows. The files
 * come read leniently ({@link Json.Lenient}): a value of the wrong type is absent, and its path says so.
 */
public final class BaselineReporter {

    /**
     * One compared figure: both estimates, and the difference (run − baseline) with its interval
     * in the same unit; significant when that interval leaves out 0.
     */
    public record Line(String figure, double baseline, double baselineCi, double run, double runCi,
            Difference difference) {

        /** True when the difference's interval leaves out 0. */
        public boolean significant() {
            return difference.significant();
        }
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

    private final Json.Lenient<ResultsFile> baseline;
    private final Json.Lenient<ResultsFile> run;
    private final List<Line> lines = new ArrayList<>();
    private final List<String> onlyBaseline = new ArrayList<>();
    private final List<String> onlyRun = new ArrayList<>();
    private final List<String> wrongBaseline = new ArrayList<>();
    private final List<String> wrongRun = new ArrayList<>();

    private BaselineReporter(Json.Lenient<ResultsFile> baseline, Json.Lenient<ResultsFile> run) {
        this.baseline = baseline;
        this.run = run;
    }

    /**
     * Every figure present in both results, in the order of the baseline, with warnings that name
     * the files as {@code baselineName} and {@code runName}.
     */
    public static Result compare(String baselineName, Json.Lenient<ResultsFile> baseline, String runName,
            Json.Lenient<ResultsFile> run) {
        BaselineReporter c = new BaselineReporter(baseline, run);
        ResultsFile b = baseline.value();
        ResultsFile r = run.value();
        c.requests(b.requests(), r.requests());
        c.hosts(b.hosts(), r.hosts());
        c.resources(b.resources(), r.resources());
        List<String> warnings = new ArrayList<>();
        String bs = Objects.requireNonNullElse(b.scenario(), "");
        String rs = Objects.requireNonNullElse(r.scenario(), "");
        if (!bs.equals(rs)) {
            warnings.add(String.format("the two results are of different scenarios ('%s' in %s, '%s' in %s): figures "
                    + "with the same name are compared, but a change may be the scenario's", bs, baselineName, rs, runName));
        }
        warnings.addAll(BaselineGuard.warnings(baselineName, b, runName, r));
        if (b.seed() != r.seed()) {
            warnings.add("with different seeds the differences take Welch's interval for independent runs, wider "
                    + "than the paired one two runs with the same seed give");
        }
        partial(warnings, baselineName, b);
        partial(warnings, runName, r);
        listed(warnings, "in " + baselineName + " only, not compared", c.onlyBaseline);
        listed(warnings, "in " + runName + " only, not compared", c.onlyRun);
        listed(warnings, "in " + baselineName + ", not as 'stagesim run' writes it (wrong type), not compared",
                c.wrongBaseline);
        listed(warnings, "in " + runName + ", not as 'stagesim run' writes it (wrong type), not compared",
                c.wrongRun);
        return new Result(c.lines, warnings);
    }

    private static void partial(List<String> warnings, String name, ResultsFile result) {
        if (result.partial()) {
            List<String> why = result.stoppedEarly();
            String first = why == null || why.isEmpty() || why.get(0) == null ? "" : why.get(0);
            warnings.add(name + " is partial" + (first.isEmpty() ? "" : " (" + first + ")")
                    + ": its figures cover less than the whole run");
        }
    }

    private static void listed(List<String> warnings, String what, List<String> names) {
        if (!names.isEmpty()) {
            warnings.add(what + ": " + String.join(", ", names.subList(0, Math.min(LISTED, names.size())))
                    + (names.size() > LISTED ? " and " + (names.size() - LISTED) + " more" : ""));
        }
    }

    private void requests(Map<String, ResultsFile.RequestClass> b, Map<String, ResultsFile.RequestClass> r) {
        if (!both(b, "requests", r, "requests", "requests")) {
            return;
        }
        onlyIn(r, b, onlyRun, "requests.");
        for (Map.Entry<String, ResultsFile.RequestClass> e : b.entrySet()) {
            String c = e.getKey();
            String at = "requests." + c;
            if (!r.containsKey(c)) {
                onlyBaseline.add(at);
            } else if (both(e.getValue(), at, r.get(c), at, at)) {
                ResultsFile.RequestClass bc = e.getValue();
                ResultsFile.RequestClass rc = r.get(c);
                Replicates bp = bc.perReplication();
                Replicates rp = rc.perReplication();
                add(c + " throughput/s", at + ".throughput_per_s", bc.throughputPerS(), rc.throughputPerS(), 1,
                        pairs(bp, rp, "throughput_per_s"));
                add(c + " error rate %", at + ".error_rate", bc.errorRate(), rc.errorRate(), 100,
                        pairs(bp, rp, "error_rate"));
                String l = at + ".latency_ms";
                if (both(bc.latencyMs(), l, rc.latencyMs(), l, l)) {
                    ScenarioResult.Latency bl = bc.latencyMs();
                    ScenarioResult.Latency rl = rc.latencyMs();
                    add(c + " latency mean ms", l + ".mean", bl.mean(), rl.mean(), 1, null);
                    add(c + " latency p50 ms", l + ".p50", bl.p50(), rl.p50(), 1, pairs(bp, rp, "p50_ms"));
                    add(c + " latency p95 ms", l + ".p95", bl.p95(), rl.p95(), 1, pairs(bp, rp, "p95_ms"));
                    add(c + " latency p99 ms", l + ".p99", bl.p99(), rl.p99(), 1, pairs(bp, rp, "p99_ms"));
                    add(c + " latency p999 ms", l + ".p999", bl.p999(), rl.p999(), 1, null);
                }
            }
        }
    }

    private void hosts(Map<String, ResultsFile.Host> b, Map<String, ResultsFile.Host> r) {
        if (!both(b, "hosts", r, "hosts", "hosts")) {
            return;
        }
        onlyIn(r, b, onlyRun, "hosts.");
        for (Map.Entry<String, ResultsFile.Host> e : b.entrySet()) {
            String at = "hosts." + e.getKey();
            if (!r.containsKey(e.getKey())) {
                onlyBaseline.add(at);
            } else {
                add("host " + e.getKey() + " CPU %", at + ".cpu_utilization", cpu(e.getValue()),
                        cpu(r.get(e.getKey())), 100, null);
            }
        }
    }

    private static Estimate cpu(ResultsFile.Host h) {
        return h == null ? null : h.cpuUtilization();
    }

    private void resources(List<ScenarioResult.ResourceResult> b, List<ScenarioResult.ResourceResult> r) {
        if (!both(b, "resources", r, "resources", "resources")) {
            return;
        }
        for (int i = 0; i < b.size(); i++) {
            ScenarioResult.ResourceResult br = b.get(i);
            if (br == null || br.capacity() <= 0) {
                continue;
            }
            String name = br.service() + " " + br.resource();
            int j = find(r, br);
            if (j < 0) {
                onlyBaseline.add("resource " + name);
            } else if (both(br.utilization(), "resources." + i + ".utilization", r.get(j).utilization(),
                    "resources." + j + ".utilization", "resource " + name + " utilization")) {
                figure(name + " utilisation %", br.utilization(), r.get(j).utilization(), 100, null);
            }
        }
        for (ScenarioResult.ResourceResult rr : r) {
            if (rr != null && rr.capacity() > 0 && find(b, rr) < 0) {
                onlyRun.add("resource " + rr.service() + " " + rr.resource());
            }
        }
    }

    /** The index in {@code resources} of the one of the same service and name as {@code like}, or -1. */
    private static int find(List<ScenarioResult.ResourceResult> resources, ScenarioResult.ResourceResult like) {
        for (int i = 0; i < resources.size(); i++) {
            ScenarioResult.ResourceResult n = resources.get(i);
            if (n != null && Objects.equals(n.service(), like.service())
                    && Objects.equals(n.resource(), like.resource())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * True when both are there and of the type written (the baseline's value {@code b} at path
     * {@code bAt}, the run's {@code r} at {@code rAt}); otherwise what is missing or wrong is noted
     * as {@code at}, and false. A value of the wrong type is there, though read as absent.
     */
    private boolean both(Object b, String bAt, Object r, String rAt, String at) {
        boolean bWrong = baseline.wrongType().contains(bAt);
        boolean rWrong = run.wrongType().contains(rAt);
        boolean bThere = b != null || bWrong;
        boolean rThere = r != null || rWrong;
        if (!bThere || !rThere) {
            if (bThere) {
                onlyBaseline.add(at);
            } else if (rThere) {
                onlyRun.add(at);
            }
            return false;
        }
        if (bWrong) {
            wrongBaseline.add(at);
        }
        if (rWrong) {
            wrongRun.add(at);
        }
        return !bWrong && !rWrong;
    }

    private static void onlyIn(Map<String, ?> here, Map<String, ?> there, List<String> out, String prefix) {
        for (String k : here.keySet()) {
            if (!there.containsKey(k)) {
                out.add(prefix + k);
            }
        }
    }

    /**
     * The two files' values of {@code figure} replication by replication ({baseline, run}), or null
     * when either file has none (written before they were recorded, or edited).
     */
    private static double[][] pairs(Replicates b, Replicates r, String figure) {
        if (b == null || r == null) {
            return null;
        }
        double[] bv = b.values(figure);
        double[] rv = r.values(figure);
        return bv == null || rv == null ? null : new double[][] {bv, rv};
    }

    private void add(String figure, String at, Estimate b, Estimate r, double scale, double[][] pairs) {
        if (both(b, at, r, at, at)) {
            figure(figure, b, r, scale, pairs);
        }
    }

    /**
     * A line; the difference from the values replication by replication when there are some
     * ({@code pairs}: paired with the same seed, Welch's otherwise), else Welch's from the two estimates.
     */
    private void figure(String figure, Estimate b, Estimate r, double scale, double[][] pairs) {
        // a null mean is a figure with no value (no page view of that class completed): nothing to compare
        if (Double.isNaN(b.mean()) || Double.isNaN(r.mean())) {
            return;
        }
        ResultsFile bf = baseline.value();
        ResultsFile rf = run.value();
        Difference d = pairs != null
                ? Difference.of(pairs[0], bf.seed(), pairs[1], rf.seed())
                : Difference.welch(b, bf.replications(), r, rf.replications());
        Difference scaled = new Difference(d.mean() * scale, d.ci95() * scale, d.n(), d.paired());
        lines.add(new Line(figure, b.mean() * scale, b.ci95() * scale, r.mean() * scale, r.ci95() * scale, scaled));
    }

    /** The comparison as a table, {@link TextTable#DEFAULT_WIDTH} columns wide. */
    public static String summary(String baselineName, String runName, List<Line> lines) {
        return summary(baselineName, runName, lines, TextTable.DEFAULT_WIDTH);
    }

    /**
     * The comparison as a table within {@code width} columns; a figure's baseline and run are
     * printed to the same decimals, those its half-widths call for (two significant digits of the
     * wider), or three significant digits of the larger mean when there is no half-width.
     */
    public static String summary(String baselineName, String runName, List<Line> lines, int width) {
        StringBuilder sb = new StringBuilder(TextTable.wrap(String.format(Locale.ROOT,
                "Baseline %s against %s (means ± 95%% half-widths; difference run − baseline with its 95%% interval, "
                + "p = paired replication by replication (same seed), w = Welch's; * = the interval leaves out 0)",
                baselineName, runName), width, "")).append('\n');
        TextTable t = new TextTable(List.of(TextTable.Column.wrapping("figure", "figure", 0),
                TextTable.Column.figure("baseline", "baseline", 0), TextTable.Column.figure("run", "run", 0),
                TextTable.Column.figure("difference", "diff", 1), TextTable.Column.figure("change", "change", 0)));
        int significant = 0;
        int paired = 0;
        for (Line l : lines) {
            String change = l.baseline() == 0 ? (l.run() == 0 ? "0%" : "new")
                    : String.format(Locale.ROOT, "%+.1f%%", 100 * (l.run() - l.baseline()) / Math.abs(l.baseline()));
            int d = decimals(l);
            t.row(l.figure(), est(l.baseline(), l.baselineCi(), d), est(l.run(), l.runCi(), d),
                    l.difference().shown() + (l.difference().paired() ? " p" : " w"),
                    change + (l.significant() ? " *" : ""));
            significant += l.significant() ? 1 : 0;
            paired += l.difference().paired() ? 1 : 0;
        }
        sb.append(t.render(width));
        sb.append(lines.isEmpty() ? String.format("%nNo figure is in both files, so nothing was compared.%n")
                : String.format(Locale.ROOT, "%n%d of %d figures changed significantly; %d compared pair by pair "
                        + "(same seed), %d by Welch's interval.%n", significant, lines.size(), paired,
                        lines.size() - paired));
        return TextTable.fit(sb.toString(), width);
    }

    /** The decimals both sides of {@code l} are printed to. */
    static int decimals(Line l) {
        double ci = Math.max(nanToZero(l.baselineCi()), nanToZero(l.runCi()));
        double scale = ci > 0 ? ci : Math.max(Math.abs(l.baseline()), Math.abs(l.run()));
        int digits = ci > 0 ? 2 : 3;
        if (!(scale > 0) || Double.isInfinite(scale)) {
            return 1;
        }
        return Math.max(0, Math.min(6, digits - 1 - (int) Math.floor(Math.log10(scale))));
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static String est(double m, double ci, int decimals) {
        return Figures.estimate(new Estimate(m, ci), decimals);
    }
}
