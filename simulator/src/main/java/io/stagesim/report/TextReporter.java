package io.stagesim.report;

import io.stagesim.run.Estimate;
import io.stagesim.run.OperationalAnalysis;
import io.stagesim.run.ScenarioResult;
import io.stagesim.scenario.FaultKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The terminal summary of a run: page views per class, resources, hosts, task queues, bottleneck. */
public final class TextReporter {

    private TextReporter() {
    }

    private static String est(Estimate e, String fmt) {
        if (fmt.endsWith("f")) {
            return Figures.estimate(e, Integer.parseInt(fmt.substring(2, fmt.length() - 1)));
        }
        if (Double.isNaN(e.mean())) {
            return "-";
        }
        String m = String.format(Locale.ROOT, fmt, e.mean());
        return Double.isNaN(e.ci95()) ? m : m + " ±" + String.format(Locale.ROOT, fmt, e.ci95());
    }

    /** The summary text of {@code r}, {@link TextTable#DEFAULT_WIDTH} columns wide. */
    public static String summary(ScenarioResult r) {
        return summary(r, TextTable.DEFAULT_WIDTH);
    }

    /** The summary text of {@code r} within {@code width} columns. */
    public static String summary(ScenarioResult r, int width) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s — %d replication(s) of %.0f s (first %.1f s discarded%s), seed %d%n",
                r.scenario(), r.replications(), r.durationS(), r.warmupS(),
                "mser-5".equals(r.warmupMode()) ? " on average, chosen by MSER-5" : "", r.seed()));
        if (!r.overrides().isEmpty()) {
            sb.append("with --set ").append(String.join(", --set ", r.overrides())).append('\n');
        }
        sb.append(r.replications() == 1 ? "(one replication: figures are its own, with no interval)\n\n"
                : "(figures are means over replications ± 95% confidence half-widths; one without ± was the same "
                + "in every replication)\n\n");
        if (r.isPartial()) {
            sb.append("PARTIAL RESULTS — replications ended early:\n");
            r.partial().forEach(l -> sb.append("  ").append(l).append('\n'));
            OperationalAnalysis.Row b = OperationalAnalysis.of(r).bottleneck();
            if (b != null) {
                sb.append(String.format(Locale.ROOT, "  %.1f page views/s were offered; by the utilisation law the %s "
                        + "can serve at most %.1f/s (%d × 1/%.3f ms).%n", r.all().offeredPerS().mean(),
                        b.resource().startsWith("CPU of host") ? b.resource() : b.resource() + " of " + b.service(),
                        b.boundPerS(), b.capacity(), b.demandMs()));
            }
            sb.append('\n');
        }
        TextTable views = new TextTable(List.of(TextTable.Column.text("page views", "class", 0),
                TextTable.Column.figure("offered/s", "offered/s", 3), TextTable.Column.figure("completed/s", "done/s", 0),
                TextTable.Column.figure("errors", "errors", 1), TextTable.Column.figure("p50 ms", "p50", 2),
                TextTable.Column.figure("p95 ms", "p95", 4), TextTable.Column.figure("p99 ms", "p99", 0),
                TextTable.Column.figure("max ms", "max", 5)));
        List<ScenarioResult.ClassResult> rows = new ArrayList<>(r.requests());
        if (r.requests().size() > 1) {
            rows.add(r.all());
        }
        StringBuilder notes = new StringBuilder();
        for (ScenarioResult.ClassResult c : rows) {
            views.row(c.name(), est(c.offeredPerS(), "%.1f"), est(c.throughputPerS(), "%.1f"),
                    String.format(Locale.ROOT, "%.2f%%", c.errorRate().mean() * 100), est(c.latencyMs().p50(), "%.1f"),
                    est(c.latencyMs().p95(), "%.1f"), est(c.latencyMs().p99(), "%.1f"), est(c.latencyMs().max(), "%.0f"));
            for (Map.Entry<String, Estimate> e : c.errors().entrySet()) {
                if (e.getValue().mean() > 0) {
                    notes.append(TextTable.wrap(c.name() + ", " + e.getKey() + ": " + est(e.getValue(), "%.1f")
                            + " page views", width, "  "));
                }
            }
            if (c.backlogGrew()) {
                notes.append(TextTable.wrap(String.format(Locale.ROOT, "%s, unfinished: %s page views at the end (%.0f "
                        + "at the start; the oldest had waited %.1f s): not served", c.name(), est(c.unfinished(), "%.0f"),
                        c.openAtStart().mean(), c.oldestUnfinishedS()), width, "  "));
            }
        }
        sb.append(views.render(width)).append(notes);
        if (r.all().backlogGrew()) {
            sb.append(String.format(Locale.ROOT, "Latency is of completed page views only: the %.0f unfinished ones "
                    + "(per replication) would only add to it.%n", r.all().unfinished().mean()));
        }
        TextTable res = new TextTable(List.of(TextTable.Column.wrapping("resource", "resource", 0),
                TextTable.Column.figure("utilisation %", "busy %", 0), TextTable.Column.figure("mean queue", "queue", 2),
                TextTable.Column.figure("mean wait ms", "wait ms", 1), TextTable.Column.figure("rejected", "rejected", 3)));
        for (ScenarioResult.HostResult h : r.hosts()) {
            res.row("host " + h.name() + " CPU (" + h.cores() + (h.cores() == 1 ? " core)" : " cores)"),
                    est(scale(h.cpuUtilization()), "%.1f"), "", "", "");
        }
        for (ScenarioResult.ResourceResult x : r.resources()) {
            if (x.capacity() == 0) {
                continue; // delays (network, disks, transfers) have nothing to saturate
            }
            res.row(x.service() + ": " + x.resource(), est(scale(x.utilization()), "%.1f"),
                    est(x.meanQueueLength(), "%.2f"), est(x.meanWaitMs(), "%.2f"), est(x.rejected(), "%.0f"));
        }
        sb.append('\n').append(res.render(width));
        for (ScenarioResult.TaskResult t : r.tasks()) {
            sb.append(String.format(Locale.ROOT, "%ntask queue %s: %s enqueued, %s done, p99 latency %s ms%n",
                    t.service(), est(t.enqueued(), "%.0f"), est(t.completed(), "%.0f"),
                    est(t.latencyMs().p99(), "%.1f")));
        }
        for (ScenarioResult.CounterResult c : r.counters()) {
            if (c.count().mean() > 0 && c.what().endsWith("_us")) { // CPU in microseconds: shown in seconds
                sb.append(String.format(Locale.ROOT, "%s: %s %s s%n", c.service(),
                        c.what().substring(0, c.what().length() - 3).replace('_', ' '),
                        est(new Estimate(c.count().mean() / 1e6, c.count().ci95() / 1e6), "%.2f")));
            } else if (c.count().mean() > 0) {
                sb.append(String.format(Locale.ROOT, "%s: %s %s%n", c.service(), c.what().replace('_', ' '),
                        est(c.count(), "%.1f")));
            }
        }
        for (int i = 0; i + 1 < r.levels().size(); i++) { // an autoscaling group: instances, then in service
            ScenarioResult.LevelResult run = r.levels().get(i);
            if (!run.what().equals("instances")) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%s: %s instances running on average (at most %s), %s in service; "
                    + "hosts cost %s per hour on average%n", run.service(), est(run.mean(), "%.2f"),
                    est(run.max(), "%.0f"), est(r.levels().get(i + 1).mean(), "%.2f"), est(r.costPerHour(), "%.3f")));
        }
        for (ScenarioResult.HostResult h : r.hosts()) {
            ScenarioResult.Credits c = h.credits();
            if (c != null) {
                sb.append(String.format(Locale.ROOT, "host %s CPU credits: %s; throttled to the baseline %s s, "
                        + "surplus owed at the end %s vCPU-hours (costing %s), balance at the end %s credits%n", h.name(),
                        c.ranOut().mean() > 0 ? "ran out at " + est(c.ranOutAtS(), "%.0f") + " s (in "
                                + String.format(Locale.ROOT, "%.0f", 100 * c.ranOut().mean()) + "% of replications)"
                                : "never ran out", est(c.throttledS(), "%.0f"), est(c.surplusVcpuHours(), "%.3f"),
                        est(c.surplusCost(), "%.3f"), est(c.endCredits(), "%.1f")));
            }
        }
        if (!r.faults().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nduring faults (all page views; whole run: availability %.2f%%, "
                    + "p99 %.1f ms):%n", 100 * (1 - r.all().notServedRate().mean()), r.all().latencyMs().p99().mean()));
            for (ScenarioResult.FaultResult f : r.faults()) {
                if (f.fault().startsWith(FaultKind.DEPLOY.type()) && !Double.isNaN(f.lastedS().mean())) {
                    sb.append(String.format(Locale.ROOT, "  %s took %s s%n", f.fault().substring(0,
                            f.fault().indexOf(" from ")), est(f.lastedS(), "%.1f")));
                }
                sb.append(String.format(Locale.ROOT, "  %s:%n    availability %s%%, goodput %s%%, p99 %s ms%s%n", f.fault(),
                        est(new Estimate(100 * f.availability().mean(), 100 * f.availability().ci95()), "%.2f"),
                        est(new Estimate(100 * f.goodput().mean(), 100 * f.goodput().ci95()), "%.2f"),
                        est(f.p99Ms(), "%.1f"), fewCompleted(f) + (f.failed().mean() > 0 ? ", " + est(f.failed(), "%.0f") + " failed (mostly "
                                + f.mainCause() + ")" : "")
                                + (f.unfinished().mean() > 0 ? ", " + est(f.unfinished(), "%.0f")
                                + " still waiting at the end" : "")
                                + (f.wastedCpuS().mean() > 0 ? ", " + est(f.wastedCpuS(), "%.2f") + " s of CPU wasted" : "")
                                + (f.dataLost().mean() > 0
                                ? ", database writes lost " + est(f.dataLost(), "%.0f") : "")
                                + (Double.isNaN(f.detectS().mean()) ? "" : ", taken out after " + est(f.detectS(), "%.3g") + " s")
                                + recovery(f.recoverS())
                                + (f.happened().mean() < 1 ? String.format(Locale.ROOT, "; it happened in %.0f of %d "
                                        + "replications", f.happened().mean() * r.replications(), r.replications()) : "")));
            }
        }
        sb.append('\n').append(r.bottleneck().explanation()).append('\n');
        sb.append(cost(r, width));
        return TextTable.fit(sb.toString(), width);
    }

    /** The bill at this load line by line, its total and per million page views; "" when nothing is priced. */
    static String cost(ScenarioResult r, int width) {
        ScenarioResult.Cost c = r.cost();
        if (c == null || c.lines().isEmpty()) {
            return "";
        }
        TextTable t = new TextTable(List.of(TextTable.Column.wrapping("cost at this load" + (c.prices() == null ? ""
                : " (" + c.prices() + " prices)"), "cost at this load", 0),
                TextTable.Column.figure("per hour", "per hour", 1), TextTable.Column.figure("$/h", "$/h", 0)));
        for (ScenarioResult.CostLine l : c.lines()) {
            String binds = "";
            double most = -1;
            for (Map.Entry<String, Estimate> d : l.detail().entrySet()) {
                if (d.getValue().mean() > most) {
                    most = d.getValue().mean();
                    binds = ": " + d.getKey().replace('_', ' ') + " binds";
                }
            }
            String quantity = l.usage() ? est(l.quantity(), quantityFormat(l.quantity().mean()))
                    : String.format(Locale.ROOT, "%.0f", l.quantity().mean()); // a fixed line: 1 instance
            t.row(l.item() + binds, quantity + " " + l.unit(),
                    l.usage() ? est(l.perHour(), "%.4f") : String.format(Locale.ROOT, "%.4f", l.perHour().mean()));
        }
        t.row("total", "", est(r.costPerHour(), "%.4f"));
        return "\n" + t.render(width) + String.format(Locale.ROOT, "that is %s per million page views at this load%n",
                est(c.perMillionViews(), "%.2f"));
    }

    /**
     * " (of the 0.08% completed)" when most of the page views that met the fault did not complete:
     * their p99 is of the few that did, and would read as normal latency during an outage.
     */
    static String fewCompleted(ScenarioResult.FaultResult f) {
        double a = f.availability().mean();
        return a < 0.5 && !Double.isNaN(f.p99Ms().mean())
                ? String.format(Locale.ROOT, " (of the %.2f%% completed)", 100 * a) : "";
    }

    private static String quantityFormat(double v) {
        return v >= 1000 ? "%.0f" : v >= 10 ? "%.1f" : "%.3g";
    }

    private static Estimate scale(Estimate e) {
        return new Estimate(e.mean() * 100, e.ci95() * 100);
    }

    /** ", recovered 6.0 ±5.0 s after it ended", or that it did not in every replication, or nothing. */
    private static String recovery(Estimate e) {
        if (Double.isNaN(e.mean())) {
            return "";
        }
        if (Double.isInfinite(e.mean())) {
            return ", not back to normal by the end of the run (in at least one replication)";
        }
        return ", back to normal " + est(e, "%.1f") + " s after it ended";
    }
}
