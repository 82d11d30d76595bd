package io.stagesim.run;

import io.stagesim.scenario.RunSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.SloSpec;
import io.stagesim.stats.LogHistogram;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Replications added until an estimate is as precise as asked ({@code run --precision}): the
 * relative half-width of the 95 % interval of one latency figure of all page views (the
 * objective's percentile, p99 first, or the mean when the objective sets none) at most
 * {@code relative}, and at most {@code maxReplications} replications.
 *
 * <p>The scenario's own replications run first (at least two: one has no interval). While the
 * interval is too wide, the number needed is estimated from the one so far, as the half-width
 * falls with the square root of the replications: n × (h / target)², at least one more, at most
 * {@code maxReplications}; the new replications run and the interval is taken again. A
 * replication's results depend only on its index, so the result is byte for byte what
 * {@code --replications} of the final number gives. The interval is that of a fixed number of
 * replications, not corrected for the stopping rule (which makes it slightly optimistic,
 * as in every sequential procedure of this kind).
 */
public final class Precision {

    /** What was asked and what was reached. */
    public record Outcome(String metric, double target, double reached, int replications, int maxReplications) {

        /** True when the interval is at least as narrow as asked. */
        public boolean met() {
            return reached <= target;
        }

        /** One sentence: what was reached after how many replications, and why it stopped. */
        public String sentence() {
            String width = Double.isFinite(reached) ? String.format(Locale.ROOT, "±%.1f %%", 100 * reached)
                    : "without a finite interval";
            return met()
                    ? String.format(Locale.ROOT, "Precision: %s latency %s after %d replications (asked: ±%.1f %%).",
                            metric, width, replications, 100 * target)
                    : String.format(Locale.ROOT, "Precision not reached: %s latency %s after %d replications, the "
                            + "most allowed (asked: ±%.1f %%); raise --max-replications or run longer.", metric, width,
                            replications, 100 * target);
        }
    }

    /** The figure whose interval is judged: the objective's tightest percentile, or the mean. */
    public static String metricOf(SloSpec slo) {
        return slo.p99() > 0 ? "p99" : slo.p95() > 0 ? "p95" : slo.p50() > 0 ? "p50" : "mean";
    }

    /** The relative half-width of {@code metric}'s interval for all page views (infinite when it has none). */
    public static double relativeHalfWidth(ScenarioResult r, String metric) {
        ScenarioResult.Latency l = r.all().latencyMs();
        Estimate e = switch (metric) {
            case "p99" -> l.p99();
            case "p95" -> l.p95();
            case "p50" -> l.p50();
            default -> l.mean();
        };
        double w = e.ci95() / Math.abs(e.mean());
        return Double.isFinite(w) ? w : Double.POSITIVE_INFINITY;
    }

    private Precision() {
    }

    /**
     * Runs {@code scenario}, adding replications until {@code metric}'s interval is within
     * {@code relative} of its mean or {@code maxReplications} have run; the outcome goes to
     * {@code outcome}. The result is that of {@code scenario} with the final number of replications.
     */
    public static ScenarioResult run(Scenario scenario, int threads, ReplicationRunner.Progress progress,
            java.util.function.ObjIntConsumer<ReplicationResult> finished, double relative, int maxReplications,
            java.util.function.Consumer<Outcome> outcome) {
        if (!(relative > 0 && relative < 1)) {
            throw new IllegalArgumentException("precision must be above 0 and below 1, was " + relative);
        }
        RunSpec spec = scenario.run();
        int n = Math.max(2, spec.replications());
        if (maxReplications < n) {
            throw new IllegalArgumentException("the most replications (" + maxReplications
                    + ") must be at least the first batch (" + n + ")");
        }
        String metric = metricOf(scenario.slo());
        long deadline = ScenarioRun.deadline(scenario);
        LogHistogram all = new LogHistogram();
        List<ReplicationResult> reps = new ArrayList<>();
        int done = 0;
        ScenarioResult result;
        while (true) {
            Scenario now = withReplications(scenario, n);
            ScenarioRun.checkMemory(now, Math.min(threads, n - done), Runtime.getRuntime().maxMemory());
            int before = reps.size();
            reps.addAll(ScenarioRun.replications(now, done, n, threads, progress, finished, all, deadline));
            result = ScenarioRun.result(now, reps, all);
            double w = relativeHalfWidth(result, metric);
            if (reps.size() - before < n - done || result.isPartial() || w <= relative || n >= maxReplications
                    || !Double.isFinite(w)) {
                outcome.accept(new Outcome(metric, relative, w, reps.size(), maxReplications));
                return result;
            }
            done = n;
            double needed = Math.ceil(n * (w / relative) * (w / relative));
            n = (int) Math.min(maxReplications, Math.max(n + 1, needed));
        }
    }

    private static Scenario withReplications(Scenario s, int n) {
        RunSpec r = s.run();
        return s.withRun(r.with(r.duration(), r.warmup(), n, r.seed()));
    }
}
