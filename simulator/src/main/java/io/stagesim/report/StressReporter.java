package io.stagesim.report;

import io.stagesim.run.ScenarioResult;
import io.stagesim.run.CapacitySearch;
import java.util.List;
import java.util.Locale;

/** The terminal summary and the JSON ({@code stress.json}) of a stress test. */
public final class StressReporter {

    private StressReporter() {
    }

    /** The terminal summary: every load point, then the capacity and its bottleneck. */
    public static String summary(CapacitySearch.Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s — stress test against: %s%n%n", r.scenario(), r.slo().describe()));
        sb.append(String.format(Locale.ROOT, "%12s %14s %12s %10s %12s %12s   %s%n", "offered/s", "completed/s",
                "errors", "p50 ms", "p95 ms", "p99 ms", "objective"));
        for (CapacitySearch.Point p : r.points()) {
            ScenarioResult.ClassResult a = p.result().all();
            sb.append(String.format(Locale.ROOT, "%12.1f %14.1f %11.2f%% %10.1f %12.1f %12.1f   %s%n", p.rate(),
                    a.throughputPerS().mean(), 100 * a.errorRate().mean(), a.latencyMs().p50().mean(),
                    a.latencyMs().p95().mean(), a.latencyMs().p99().mean(), p.verdict().met()
                            ? (p.verdict().clearlyMet() ? "met" : "met (within the noise)")
                            : (p.verdict().clearlyMissed() ? "MISSED" : "missed (within the noise)")));
        }
        sb.append('\n').append(sentence(r)).append('\n');
        return sb.toString();
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
        return String.format(Locale.ROOT, "Capacity: %.1f page views/s (%s). At that load: %s", r.capacity(),
                interval(r, missed), r.atCapacity().result().bottleneck().explanation());
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
