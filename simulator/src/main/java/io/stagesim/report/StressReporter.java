package io.stagesim.report;

import io.stagesim.run.ScenarioResult;
import io.stagesim.run.CapacitySearch;
import java.util.List;
import java.util.Locale;

/** The terminal summary and the JSON ({@code stress.json}) of a stress test. */
public final class StressReporter {

    private StressReporter() {
    }

    /** The terminal summary, {@link TextTable#DEFAULT_WIDTH} columns wide. */
    public static String summary(CapacitySearch.Result r) {
        return summary(r, TextTable.DEFAULT_WIDTH);
    }

    /**
     * The terminal summary within {@code width} columns: every load point, then the capacity and its
     * bottleneck. Where a load point completed more page views a second than were offered, a note
     * says why (the offered load is the rate asked for; the arrivals drawn at random in a finite run
     * come out a little above or below it, and page views that arrived in the warm-up finish in the
     * measured time).
     */
    public static String summary(CapacitySearch.Result r, int width) {
        StringBuilder sb = new StringBuilder();
        sb.append(TextTable.wrap(String.format(Locale.ROOT, "%s — stress test against: %s", r.scenario(),
                r.slo().describe()), width, "")).append('\n');
        TextTable t = new TextTable(List.of(TextTable.Column.figure("offered/s", "offered/s", 0),
                TextTable.Column.figure("arrived/s", "arrived/s", 3),
                TextTable.Column.figure("completed/s", "done/s", 0), TextTable.Column.figure("errors", "errors", 1),
                TextTable.Column.figure("p50 ms", "p50", 2), TextTable.Column.figure("p95 ms", "p95", 2),
                TextTable.Column.figure("p99 ms", "p99", 0), TextTable.Column.text("objective", "objective", 0)));
        double above = 0;
        for (CapacitySearch.Point p : r.points()) {
            ScenarioResult.ClassResult a = p.result().all();
            above = Math.max(above, a.throughputPerS().mean() - p.rate());
            t.row(Figures.fixed(p.rate(), 1), Figures.fixed(a.offeredPerS().mean(), 1),
                    Figures.fixed(a.throughputPerS().mean(), 1), Figures.fixed(100 * a.errorRate().mean(), 2) + "%",
                    Figures.fixed(a.latencyMs().p50().mean(), 1), Figures.fixed(a.latencyMs().p95().mean(), 1),
                    Figures.fixed(a.latencyMs().p99().mean(), 1), p.verdict().met()
                            ? (p.verdict().clearlyMet() ? "met" : "met (within the noise)")
                            : (p.verdict().clearlyMissed() ? "MISSED" : "missed (within the noise)"));
        }
        sb.append(t.render(width));
        if (above >= 0.05) {
            sb.append(TextTable.wrap(String.format(Locale.ROOT, "(completed/s is above offered/s by up to %.1f: "
                    + "offered/s is the load asked for, arrived/s the page views that came at random in the measured "
                    + "time, and page views that arrived in the warm-up finish in the measured time too)", above),
                    width, ""));
        }
        sb.append('\n').append(TextTable.wrap(sentence(r), width, ""));
        return TextTable.fit(sb.toString(), width);
    }

    /**
     * The capacity in a sentence, with its interval and bottleneck. The sentence follows the rows:
     * it says "met at every load tried" only when every row says met, and says which verdicts were
     * within the noise when an end of the interval is missing.
     */
    public static String sentence(CapacitySearch.Result r) {
        List<CapacitySearch.Point> points = r.points();
        long missed = points.stream().filter(p -> !p.verdict().met()).count();
        if (r.atCapacity() == null) {
            return missed == points.size()
                    ? String.format(Locale.ROOT, "The objective was missed at every load tried, down to %.3g page views/s.",
                            points.get(0).rate())
                    : String.format(Locale.ROOT, "No capacity: the objective was missed at the lowest load tried, %.3g "
                            + "page views/s, though met at %d higher one(s).", points.get(0).rate(), points.size() - missed);
        }
        String why = r.atCapacity().result().bottleneck().explanation();
        String lowered = why.isEmpty() || why.length() > 1 && Character.isUpperCase(why.charAt(1)) ? why
                : Character.toLowerCase(why.charAt(0)) + why.substring(1); // "At that load: the busiest …"
        return String.format(Locale.ROOT, "Capacity: %.1f page views/s (%s). At that load: %s", r.capacity(),
                interval(r, missed), lowered);
    }

    private static String interval(CapacitySearch.Result r, long missed) {
        boolean low = r.capacityLow() > 0;
        boolean high = !Double.isInfinite(r.capacityHigh());
        if (low && high) {
            return String.format(Locale.ROOT, "between %.1f and %.1f/s at 95%% confidence", r.capacityLow(),
                    r.capacityHigh());
        }
        if (!low && !high && missed == 0) {
            return "the objective was met at every load tried, but at none clearly; more replications would narrow "
                    + "the interval";
        }
        CapacitySearch.Point top = r.points().get(r.points().size() - 1);
        String lower = low ? String.format(Locale.ROOT, "at least %.1f/s", r.capacityLow())
                : "no load tried met the objective clearly";
        String upper = high ? String.format(Locale.ROOT, "at most %.1f/s", r.capacityHigh())
                : missed == 0 ? "the objective was met at every load tried"
                : top.verdict().met() ? String.format(Locale.ROOT, "the highest load tried, %.1f/s, met the objective, "
                        + "though %d lower one(s) missed it", top.rate(), missed)
                : String.format(Locale.ROOT, "the highest load tried, %.1f/s, missed the objective only within the noise",
                        top.rate());
        boolean noisy = !low || missed > 0;
        return (high ? upper + "; " + lower : lower + "; " + upper)
                + (noisy ? "; more replications would narrow the interval" : "");
    }

    /** The JSON text of the stress test ({@link StressFile}); {@code partial} when the search was stopped early. */
    public static String toJson(CapacitySearch.Result r, boolean partial) {
        return Json.write(StressFile.of(r, partial));
    }
}
