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

    /** The verdict of {@code result} against {@code slo}. */
    public static SloVerdict of(ScenarioResult result, SloSpec slo) {
        List<String> lines = new ArrayList<>();
        boolean met = true;
        boolean clearlyMet = true;
        boolean clearlyMissed = false;
        ScenarioResult.ClassResult all = result.all();
        long[] bounds = {slo.p50(), slo.p95(), slo.p99()};
        Estimate[] values = {all.latencyMs().p50(), all.latencyMs().p95(), all.latencyMs().p99()};
        String[] names = {"p50", "p95", "p99"};
        for (int i = 0; i < 3; i++) {
            if (bounds[i] <= 0) {
                continue;
            }
            double target = bounds[i] / 1e6;
            Estimate e = values[i];
            double mean = Double.isNaN(e.mean()) ? Double.POSITIVE_INFINITY : e.mean();
            double hw = Double.isNaN(e.ci95()) ? 0 : e.ci95();
            boolean ok = mean <= target;
            met &= ok;
            clearlyMet &= mean + hw <= target;
            clearlyMissed |= mean - hw > target;
            lines.add(String.format(java.util.Locale.ROOT, "%s %.1f ms ±%.1f (objective <= %.1f ms): %s", names[i],
                    mean, hw, target, ok ? "met" : "MISSED"));
        }
        if (!Double.isNaN(slo.errorRate())) {
            Estimate e = all.errorRate();
            double hw = Double.isNaN(e.ci95()) ? 0 : e.ci95();
            boolean ok = e.mean() <= slo.errorRate();
            met &= ok;
            clearlyMet &= e.mean() + hw <= slo.errorRate();
            clearlyMissed |= e.mean() - hw > slo.errorRate();
            lines.add(String.format(java.util.Locale.ROOT, "error rate %.3f%% ±%.3f (objective <= %.3f%%): %s",
                    100 * e.mean(), 100 * hw, 100 * slo.errorRate(), ok ? "met" : "MISSED"));
        }
        return new SloVerdict(met, met && clearlyMet, !met && clearlyMissed, List.copyOf(lines));
    }
}
