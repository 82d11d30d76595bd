package io.stagesim.run;

import io.stagesim.scenario.SloSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a run met its objective, judged on all page views together. Each bound is compared with
 * the mean over replications; the confidence interval says whether the verdict is clear: a
 * "clear" pass has even the interval's upper end within the bound, a "clear" miss has even its
 * lower end beyond it.
 */
public record SloVerdict(boolean met, boolean clearlyMet, boolean clearlyMissed, List<String> lines) {

    /** The verdict of {@code result}, as a run returns it (with its detail), against {@code slo}. */
    public static SloVerdict of(ScenarioResult result, SloSpec slo) {
        List<String> lines = new ArrayList<>();
        boolean met = true;
        boolean clearlyMet = true;
        boolean clearlyMissed = false;
        ScenarioResult.ClassResult all = result.all();
        long[] bounds = {slo.p50(), slo.p95(), slo.p99()};
        // judged with the page views left unfinished (beyond the backlog at the start) counted as
        // slower than every completed one: overload cannot hide in views that never finished
        String[] names = {"p50", "p95", "p99"};
        for (int i = 0; i < 3; i++) {
            if (bounds[i] <= 0) {
                continue;
            }
            if (result.detail() == null) {
                throw new IllegalArgumentException("a latency objective is judged on the run's detail, which results "
                        + "read from a file do not have");
            }
            double target = bounds[i] / 1e6;
            Estimate e = result.detail().withUnfinishedMs().get(i);
            double mean = Double.isNaN(e.mean()) ? Double.POSITIVE_INFINITY : e.mean();
            double hw = Double.isNaN(e.ci95()) ? 0 : e.ci95();
            boolean ok = mean <= target;
            met &= ok;
            clearlyMet &= mean + hw <= target;
            clearlyMissed |= mean - hw > target;
            String value = Double.isInfinite(mean) ? "unknown (more page views unfinished than the percentile allows)"
                    : String.format(java.util.Locale.ROOT, "%.1f ms ±%.1f", mean, hw);
            lines.add(String.format(java.util.Locale.ROOT, "%s %s (objective <= %.1f ms): %s", names[i],
                    value, target, ok ? "met" : "MISSED")
                    + (all.backlogGrew() ? String.format(java.util.Locale.ROOT,
                            " (counting %.0f unfinished page views as slower than all)", all.backlogGrowth()) : ""));
        }
        if (!Double.isNaN(slo.errorRate())) {
            // failed, and unfinished beyond the backlog at the start: overload cannot hide in
            // page views that had not failed yet when the run ended
            Estimate e = all.notServedRate();
            double hw = Double.isNaN(e.ci95()) ? 0 : e.ci95();
            boolean ok = e.mean() <= slo.errorRate();
            met &= ok;
            clearlyMet &= e.mean() + hw <= slo.errorRate();
            clearlyMissed |= e.mean() - hw > slo.errorRate();
            lines.add(String.format(java.util.Locale.ROOT, "error rate %.3f%% ±%.3f (objective <= %.3f%%): %s",
                    100 * e.mean(), 100 * hw, 100 * slo.errorRate(), ok ? "met" : "MISSED")
                    + (all.backlogGrew() ? String.format(java.util.Locale.ROOT, " (failed %.3f%%, the rest "
                            + "%.0f page views left unfinished)", 100 * all.errorRate().mean(), all.backlogGrowth())
                            : e.mean() > all.errorRate().mean() ? String.format(java.util.Locale.ROOT, " (failed "
                            + "%.3f%%; the rest: more page views open at the end than at the start, by chance)",
                            100 * all.errorRate().mean()) : ""));
        }
        if (result.stoppedEarly() > 0) {
            // a replication that stopped early measured a run that was not finished: its figures
            // say nothing of the run asked for, and in practice it stopped because the load was
            // more than the model can carry
            lines.add(String.format(java.util.Locale.ROOT, "%d of %d replication(s) stopped early (%s): MISSED",
                    result.stoppedEarly(), result.replications(), firstReason(result)));
            return new SloVerdict(false, false, true, List.copyOf(lines));
        }
        return new SloVerdict(met, met && clearlyMet, !met && clearlyMissed, List.copyOf(lines));
    }

    private static String firstReason(ScenarioResult result) {
        for (String p : result.partial()) {
            if (p.startsWith("replication ")) {
                String why = p.substring(p.indexOf(": ") + 2);
                int colon = why.indexOf(':');
                return colon > 0 ? why.substring(0, colon) : why;
            }
        }
        return "a limit";
    }
}
