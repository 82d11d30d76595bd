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

    /** The terminal table and the sentences. */
    public static String summary(Comparison.Result c) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Stages compared against: %s; reference load %.1f page views/s%n%n",
                c.slo().describe(), c.referenceRate()));
        sb.append(String.format(Locale.ROOT, "%-26s %12s %21s %9s %9s %8s %6s %8s %9s %12s  %s%n", "stage",
                "capacity/s", "interval", "p50 ms*", "p99 ms*", "errors*", "meets*", "headroom", "cost/h*",
                "per 1M views", "bottleneck at capacity"));
        for (Comparison.Row r : c.rows()) {
            ScenarioResult.ClassResult ref = r.atReference().all();
            String interval = Double.isInfinite(r.stress().capacityHigh())
                    ? String.format(Locale.ROOT, "[%.0f, -]", r.stress().capacityLow())
                    : String.format(Locale.ROOT, "[%.0f, %.0f]", r.stress().capacityLow(), r.stress().capacityHigh());
            sb.append(String.format(Locale.ROOT, "%-26s %12.1f %21s %9.1f %9.1f %7.2f%% %6s %7.2fx %9.3f %12s  %s%n",
                    r.scenario(), r.stress().capacity(), interval, ref.latencyMs().p50().mean(),
                    ref.latencyMs().p99().mean(), 100 * ref.errorRate().mean(), r.meets() ? "yes" : "no",
                    r.headroom(), r.costPerHour(),
                    Double.isNaN(r.costPerMillion()) ? "-" : String.format(Locale.ROOT, "%.3f", r.costPerMillion()),
                    bottleneck(r)));
        }
        sb.append(String.format(Locale.ROOT, "(* at the reference load, %.1f/s; headroom: capacity / that load)%n%n",
                c.referenceRate()));
        sb.append(costTable(c)).append('\n');
        sb.append(differences(c));
        List<List<String>> survival = survival(c);
        if (!survival.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "Survival: each stage with its faults, at the load its scenario offers%n"));
            sb.append(String.format(Locale.ROOT, SURVIVAL_FORMAT, SURVIVAL_COLUMNS.toArray()));
            for (List<String> row : survival) {
                sb.append(String.format(Locale.ROOT, SURVIVAL_FORMAT, row.toArray()));
            }
            sb.append('\n');
            for (String line : survivalSentences(c)) {
                sb.append(line).append('\n');
            }
            sb.append('\n');
        }
        for (String line : sentences(c)) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /**
     * Each stage's figures at the reference load minus the first stage's, with their 95 % intervals:
     * paired replication by replication when the two ran with the same seed (common random
     * numbers), Welch's otherwise; empty with a single stage.
     */
    static String differences(Comparison.Result c) {
        if (c.rows().size() < 2) {
            return "";
        }
        ScenarioResult first = c.rows().get(0).atReference();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Differences from %s at the reference load "
                + "(each stage minus it, ± 95%%; p = paired: same seed, w = Welch's; * = the interval leaves out 0)%n"
                + "%-26s %22s %22s %22s %22s%n", first.scenario(), "stage", "views/s", "p50 ms", "p99 ms", "errors %"));
        for (Comparison.Row r : c.rows().subList(1, c.rows().size())) {
            java.util.Map<String, DifferenceFile> d = DifferenceFile.figures(first.all().perReplication(),
                    first.seed(), r.atReference().all().perReplication(), r.atReference().seed());
            sb.append(String.format(Locale.ROOT, "%-26s %22s %22s %22s %22s%n", r.scenario(),
                    shown(d.get("throughput_per_s"), 1), shown(d.get("p50_ms"), 1), shown(d.get("p99_ms"), 1),
                    shown(d.get("error_rate"), 100)));
        }
        return sb.append('\n').toString();
    }

    private static String shown(DifferenceFile d, double scale) {
        if (d == null || d.mean() == null) {
            return "-";
        }
        String m = String.format(Locale.ROOT, "%+.3g", d.mean() * scale);
        String w = d.ci95() == null ? "" : String.format(Locale.ROOT, " ±%.2g", d.ci95() * scale);
        return m + w + (d.paired() ? " p" : " w") + (d.significant() ? " *" : "  ");
    }

    /** Each stage's bill at the reference load by group of lines ($/h), and its total. */
    static String costTable(Comparison.Result c) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Cost at the reference load, $/h by group (see each run's results.json for"
                + " every line)%n%-26s", "stage"));
        for (String g : Bill.CATEGORIES) {
            sb.append(String.format(Locale.ROOT, " %18s", g));
        }
        sb.append(String.format(Locale.ROOT, " %10s  %s%n", "total", "prices"));
        for (Comparison.Row r : c.rows()) {
            ScenarioResult.Cost cost = r.atReference().cost();
            sb.append(String.format(Locale.ROOT, "%-26s", r.scenario()));
            for (double v : cost.byCategory().values()) {
                sb.append(String.format(Locale.ROOT, " %18.4f", v));
            }
            sb.append(String.format(Locale.ROOT, " %10.4f  %s%n", r.costPerHour(),
                    cost.prices() == null ? "hosts' own cost_per_hour" : cost.prices()));
        }
        return sb.toString();
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

    /** The survival table's line in the terminal. */
    private static final String SURVIVAL_FORMAT = "%-26s %-58s %10s %14s %8s %12s %9s %-28s %10s %11s %12s %14s%n";

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
        return f.availability().mean() < DOWN_BELOW ? p99 + " (down)" : p99;
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
                        Double.isNaN(f.availability().ci95()) // one replication: no interval
                                ? String.format(Locale.ROOT, "%.2f%%", 100 * f.availability().mean())
                                : String.format(Locale.ROOT, "%.2f ±%.2f%%", 100 * f.availability().mean(),
                                        100 * f.availability().ci95()),
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
