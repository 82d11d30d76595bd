package io.stagesim.report;

import io.stagesim.run.Bill;
import io.stagesim.run.CapacitySearch;
import io.stagesim.run.Comparison;
import io.stagesim.run.ScenarioResult;
import io.stagesim.scenario.SloSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The side-by-side table of a stage comparison, the sentences that explain it, and its JSON. */
public final class CompareReporter {

    private CompareReporter() {
    }

    /** The terminal table and the sentences, {@link TextTable#DEFAULT_WIDTH} columns wide. */
    public static String summary(Comparison.Result c) {
        return summary(c, TextTable.DEFAULT_WIDTH);
    }

    /**
     * The terminal report within {@code width} columns: survival first when stages have faults (a
     * failure story is about them), then the capacities side by side, the bills, and the sentences.
     */
    public static String summary(Comparison.Result c, int width) {
        StringBuilder sb = new StringBuilder();
        sb.append(TextTable.wrap(String.format(Locale.ROOT, "Stages compared against: %s; reference load %.1f page "
                + "views/s", c.slo().describe(), c.referenceRate()), width, "")).append('\n');
        List<String> blocks = survivalBlocks(c, width);
        if (!blocks.isEmpty()) {
            sb.append("Survival: each stage with its faults, at the load its scenario offers\n\n");
            blocks.forEach(b -> sb.append(b).append('\n'));
        }
        TextTable t = new TextTable(List.of(TextTable.Column.text("stage", "stage", 0),
                TextTable.Column.figure("capacity/s", "cap/s", 0), TextTable.Column.figure("interval", "interval", 2),
                TextTable.Column.figure("p50 ms*", "p50*", 5), TextTable.Column.figure("p99 ms*", "p99*", 1),
                TextTable.Column.figure("errors*", "err*", 4), TextTable.Column.text("meets*", "ok*", 1),
                TextTable.Column.figure("headroom", "room", 3), TextTable.Column.figure("cost/h*", "$/h*", 3),
                TextTable.Column.figure("per 1M views", "$/1M", 2),
                TextTable.Column.wrapping("bottleneck at capacity", "bottleneck", 0)));
        for (Comparison.Row r : c.rows()) {
            ScenarioResult.ClassResult ref = r.atReference().all();
            t.row(r.scenario(), Figures.fixed(r.stress().capacity(), 1),
                    Figures.interval(r.stress().capacityLow(), r.stress().capacityHigh(), 1),
                    Figures.fixed(ref.latencyMs().p50().mean(), 1), Figures.fixed(ref.latencyMs().p99().mean(), 1),
                    Figures.fixed(100 * ref.errorRate().mean(), 2) + "%", r.meets() ? "yes" : "no",
                    Figures.fixed(r.headroom(), 2) + "x", Figures.fixed(r.costPerHour(), 3),
                    Double.isNaN(r.costPerMillion()) ? "-" : Figures.fixed(r.costPerMillion(), 3), bottleneck(r));
        }
        sb.append(t.render(width));
        sb.append(TextTable.wrap(String.format(Locale.ROOT, "(* at the reference load, %.1f/s; headroom: capacity / "
                + "that load)", c.referenceRate()), width, "")).append('\n');
        sb.append(costTable(c, width)).append('\n');
        sb.append(differences(c, width));
        for (String line : sentences(c)) {
            sb.append(TextTable.wrap(line, width, ""));
        }
        return TextTable.fit(sb.toString(), width);
    }

    /**
     * Each stage's figures at the reference load minus the first stage's, with their 95 % intervals:
     * paired replication by replication when the two ran with the same seed (common random
     * numbers), Welch's otherwise; empty with a single stage.
     */
    static String differences(Comparison.Result c, int width) {
        if (c.rows().size() < 2) {
            return "";
        }
        ScenarioResult first = c.rows().get(0).atReference();
        TextTable t = new TextTable(List.of(TextTable.Column.text("stage", "stage", 0),
                TextTable.Column.figure("views/s", "views/s", 0), TextTable.Column.figure("p50 ms", "p50", 2),
                TextTable.Column.figure("p99 ms", "p99", 0), TextTable.Column.figure("errors %", "err %", 1)));
        for (Comparison.Row r : c.rows().subList(1, c.rows().size())) {
            java.util.Map<String, DifferenceFile> d = DifferenceFile.figures(first.all().perReplication(),
                    first.seed(), r.atReference().all().perReplication(), r.atReference().seed());
            t.row(r.scenario(), shown(d.get("throughput_per_s"), 1), shown(d.get("p50_ms"), 1),
                    shown(d.get("p99_ms"), 1), shown(d.get("error_rate"), 100));
        }
        return TextTable.wrap(String.format(Locale.ROOT, "Differences from %s at the reference load (each stage "
                + "minus it, ± 95%%; p = paired: same seed, w = Welch's; * = the interval leaves out 0)",
                first.scenario()), width, "") + t.render(width) + "\n";
    }

    private static String shown(DifferenceFile d, double scale) {
        if (d == null || d.mean() == null) {
            return "-";
        }
        String m = String.format(Locale.ROOT, "%+.3g", d.mean() * scale);
        String w = d.ci95() == null ? "" : String.format(Locale.ROOT, " ±%.2g", d.ci95() * scale);
        return m + w + (d.paired() ? " p" : " w") + (d.significant() ? " *" : "");
    }

    /**
     * One block per fault of every stage that has faults: its stage and fault as a heading, then its
     * figures as "name value" pairs wrapped to {@code width}, then the sentence that explains it.
     */
    static List<String> survivalBlocks(Comparison.Result c, int width) {
        List<List<String>> rows = survival(c);
        List<String> sentences = survivalSentences(c);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            StringBuilder b = new StringBuilder(TextTable.wrap(row.get(0) + ": " + row.get(1), width, ""));
            List<String> pairs = new ArrayList<>();
            for (int k = 2; k < row.size(); k++) {
                if (!row.get(k).equals("-")) {
                    pairs.add(SURVIVAL_COLUMNS.get(k) + " " + row.get(k));
                }
            }
            b.append(TextTable.wrap(String.join("; ", pairs), width, "  "));
            b.append(TextTable.wrap(sentences.get(i), width, "  "));
            out.add(b.toString());
        }
        return out;
    }

    /** Each stage's bill at the reference load by group of lines ($/h), and its total, within {@code width}. */
    static String costTable(Comparison.Result c, int width) {
        List<TextTable.Column> cols = new ArrayList<>();
        cols.add(TextTable.Column.text("stage", "stage", 0));
        int rank = 2;
        for (String g : Bill.CATEGORIES) {
            cols.add(TextTable.Column.figure(g, g.split(" ")[0], rank++));
        }
        cols.add(TextTable.Column.figure("total", "total", 0));
        cols.add(TextTable.Column.text("prices", "prices", 10));
        TextTable t = new TextTable(cols);
        for (Comparison.Row r : c.rows()) {
            ScenarioResult.Cost cost = r.atReference().cost();
            List<String> cells = new ArrayList<>();
            cells.add(r.scenario());
            for (double v : cost.byCategory().values()) {
                cells.add(Figures.fixed(v, 4));
            }
            cells.add(Figures.fixed(r.costPerHour(), 4));
            cells.add(cost.prices() == null ? "hosts' own cost_per_hour" : cost.prices());
            t.row(cells);
        }
        return TextTable.wrap("Cost at the reference load, $/h by group (see each run's results.json for every line)",
                width, "") + t.render(width);
    }

    /** The sentence naming the cheapest stage that meets the objective at the reference load, with its headroom. */
    public static String cheapest(Comparison.Result c) {
        String load = String.format(Locale.ROOT, "At %.1f page views/s (%s),", c.referenceRate(),
                c.asked() ? "the load asked for" : "the reference load");
        if (c.cheapest() == null) {
            return load + " no stage meets the objective (" + c.slo().describe() + ").";
        }
        Comparison.Row r = c.rows().stream().filter(x -> x.scenario().equals(c.cheapest())).findFirst().orElseThrow();
        return String.format(Locale.ROOT, "%s the cheapest stage that meets the objective is %s: $%.3f/h, $%.2f per "
                + "million page views there, headroom %.2fx (capacity %.1f/s).", load, r.scenario(), r.costPerHour(),
                r.atReference().cost().perMillionViews().mean(), r.headroom(), r.stress().capacity());
    }

    /** The survival table's columns. */
    public static final List<String> SURVIVAL_COLUMNS = List.of("stage", "fault", "offered/s", "availability", "goodput",
            "p99 ms", "failed", "mostly", "wasted s", "writes lost", "taken out s", "recovered s");

    /**
     * The survival table: a row per fault of every stage that has faults, from its run at its own
     * load: what page views met while the fault lasted (availability ± 95 % half-width when there are
     * several replications, goodput, p99, page views failed, CPU spent for clients that had given up)
     * and the database writes lost.
     */
    /** Below this availability a fault's p99 is of too few page views to stand alone: marked "(down)". */
    static final double DOWN_BELOW = 0.01;

    /** The survival table's p99: "-" when nothing completed, marked "(down)" when almost nothing did. */
    static String p99Cell(ScenarioResult.FaultResult f) {
        if (Double.isNaN(f.p99Ms().mean())) {
            return "-";
        }
        String p99 = String.format(Locale.ROOT, "%.1f", f.p99Ms().mean());
        return f.availability().mean() < DOWN_BELOW ? p99 + " (down)" : p99 + TextReporter.fewCompleted(f);
    }

    public static List<List<String>> survival(Comparison.Result c) {
        List<List<String>> out = new ArrayList<>();
        for (Comparison.Row r : c.rows()) {
            if (r.asWritten() == null) {
                continue;
            }
            for (ScenarioResult.FaultResult f : r.asWritten().faults()) {
                out.add(List.of(r.scenario(), f.fault(),
                        String.format(Locale.ROOT, "%.1f", r.asWritten().all().offeredPerS().mean()),
                        Figures.estimate(new io.stagesim.run.Estimate(100 * f.availability().mean(),
                                100 * f.availability().ci95()), 2) + "%",
                        String.format(Locale.ROOT, "%.2f%%", 100 * f.goodput().mean()),
                        p99Cell(f),
                        String.format(Locale.ROOT, "%.0f", f.failed().mean()),
                        f.mainCause() == null ? "-" : f.mainCause(),
                        String.format(Locale.ROOT, "%.1f", f.wastedCpuS().mean()),
                        String.format(Locale.ROOT, "%.0f", f.dataLost().mean()),
                        Double.isNaN(f.detectS().mean()) ? "-" : String.format(Locale.ROOT, "%.3g", f.detectS().mean()),
                        Double.isNaN(f.recoverS().mean()) ? "-" : Double.isInfinite(f.recoverS().mean()) ? "not by the end"
                                : String.format(Locale.ROOT, "%.1f", f.recoverS().mean())));
            }
        }
        return out;
    }

    /**
     * One sentence per fault of every stage that has faults, saying what the survival table's row
     * means: the share of page views kept, what the others died of, how long detection and recovery
     * took, what was lost and wasted.
     */
    public static List<String> survivalSentences(Comparison.Result c) {
        List<String> out = new ArrayList<>();
        for (Comparison.Row r : c.rows()) {
            if (r.asWritten() == null) {
                continue;
            }
            for (ScenarioResult.FaultResult f : r.asWritten().faults()) {
                StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s, %s: %.2f%% of the page views "
                        + "that met it completed", r.scenario(), f.fault(), 100 * f.availability().mean()));
                if (f.failed().mean() > 0) {
                    s.append(String.format(Locale.ROOT, "; %.0f failed, mostly %s", f.failed().mean(),
                            f.mainCause().replace('_', ' ')));
                }
                if (!Double.isNaN(f.detectS().mean())) {
                    s.append(String.format(Locale.ROOT, "; a balancer (or a database router) took it out after %.3g s", f.detectS().mean()));
                }
                if (f.dataLost().mean() > 0) {
                    s.append(String.format(Locale.ROOT, "; %.0f database writes were lost", f.dataLost().mean()));
                }
                if (f.wastedCpuS().mean() >= 0.05) {
                    s.append(String.format(Locale.ROOT, "; %.1f s of CPU went to requests whose client had left",
                            f.wastedCpuS().mean()));
                }
                double back = f.recoverS().mean();
                s.append(Double.isNaN(back) ? "." : Double.isInfinite(back) ? "; it was not back to normal by the end of "
                        + "the run." : String.format(Locale.ROOT, "; back to normal %.1f s after it ended.", back));
                out.add(s.toString());
            }
        }
        return out;
    }

    /** The stage's bottleneck at capacity as the table shows it: resource (utilisation), or "-". */
    static String bottleneck(Comparison.Row r) {
        return r.stress().atCapacity() == null ? "-"
                : String.format(Locale.ROOT, "%s (%.0f%%)", r.stress().atCapacity().result().bottleneck().resource(),
                        100 * r.stress().atCapacity().result().bottleneck().utilization());
    }

    /** One sentence per stage, and one per step from a stage to the next. */
    public static List<String> sentences(Comparison.Result c) {
        List<String> out = new ArrayList<>();
        Comparison.Row previous = null;
        for (Comparison.Row r : c.rows()) {
            String capacity = String.format(Locale.ROOT, "%s carries %.1f page views/s within the objective",
                    r.scenario(), r.stress().capacity());
            String limit = r.stress().atCapacity() == null ? "" : "; " + lowerFirst(
                    r.stress().atCapacity().result().bottleneck().explanation())
                    + creditsRanOut(r.stress().atCapacity().result());
            if (previous == null || previous.stress().capacity() <= 0) {
                out.add(capacity + limit); // no ratio over a stage that carries nothing
            } else {
                double ratio = r.stress().capacity() / previous.stress().capacity();
                out.add(String.format(Locale.ROOT, "%s (×%.2f over %s)%s", capacity, ratio, previous.scenario(), limit));
            }
            previous = r;
        }
        out.add(cheapest(c));
        return out;
    }

    /** What the burstable hosts' credits did in {@code r}, as a clause ("" when none ran out). */
    public static String creditsRanOut(ScenarioResult r) {
        StringBuilder sb = new StringBuilder();
        for (ScenarioResult.HostResult h : r.hosts()) {
            ScenarioResult.Credits c = h.credits();
            if (c != null && c.ranOut().mean() > 0) {
                sb.append(String.format(Locale.ROOT, "; host %s ran out of CPU credits %s%s", h.name(),
                        Double.isNaN(c.ranOutAtS().mean())
                                ? String.format(Locale.ROOT, "in %.0f%% of the replications", 100 * c.ranOut().mean())
                                : String.format(Locale.ROOT, "%.0f s into the run", c.ranOutAtS().mean()),
                        c.throttledS().mean() > 0 ? String.format(Locale.ROOT, " and was throttled for %.0f s",
                                c.throttledS().mean()) : String.format(Locale.ROOT, " and owed %.3f vCPU-hours of surplus",
                                c.surplusVcpuHours().mean())));
            }
        }
        return sb.toString();
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** JSON of the stages whose stress test finished before an interruption ({@link CompareFile.Partial}). */
    public static String partialJson(SloSpec slo, List<CapacitySearch.Result> done) {
        return Json.write(CompareFile.partial(slo, done));
    }

    /** The JSON text of the comparison ({@link CompareFile}). */
    public static String toJson(Comparison.Result c) {
        return Json.write(CompareFile.of(c));
    }
}
