package io.stagesim.run;

import io.stagesim.scenario.Elastic;
import io.stagesim.scenario.RunSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.WorkloadSpec;
import java.util.List;
import java.util.Locale;

/**
 * A short pilot run before the real one, to say up front when the offered load is more than the
 * model can serve: 10 s of simulated time (at most a tenth of the run) at the scenario's peak rate,
 * one replication, then the utilisation law on what it measured. If the offered rate is above the
 * lowest resource bound the real run will be unstable; the warning names the resource and its
 * bound, and the run still goes on. Where the pilot's backlog did not grow by most of the excess
 * (a loss system: a connection limit that refuses at once, a proxy that sheds load) the warning
 * says the excess is refused instead: queues stay bounded there.
 */
public final class Pilot {

    private Pilot() {
    }

    /** The warning, or null when the offered load is within every bound (or the workload is closed). */
    public static String warning(Scenario s) {
        if (!(s.browser().workload() instanceof WorkloadSpec.Open open)) {
            return null;
        }
        double peak = open.profile().stream().mapToDouble(WorkloadSpec.RatePoint::rate).max().orElse(0);
        if (peak <= 0) {
            return null;
        }
        RunSpec r = s.run();
        long pilot = Math.min(10_000_000_000L, Math.max(1_000_000_000L, r.duration() / 10));
        Scenario quick = s.withPeakRate(peak).withRun(new RunSpec(pilot, 0, 1, r.seed(), r.window(),
                2_000_000, 0, Math.min(r.maxInFlight(), 20_000)));
        ScenarioResult result = ScenarioResult.of(quick, List.of(ScenarioRun.replication(quick, 0)));
        OperationalAnalysis.Row b = OperationalAnalysis.of(result).bottleneck();
        if (b == null || b.boundPerS() >= peak) {
            return null;
        }
        String what = b.resource().startsWith("CPU of host") ? "the " + b.resource() : b.resource() + " of " + b.service();
        java.util.Set<String> elastic = Elastic.hosts(s);
        String host = b.resource().startsWith("CPU of host ") ? b.resource().substring(12).split(" ")[0]
                : s.services().containsKey(b.service()) ? s.services().get(b.service()).host() : null;
        double excess = (peak - b.boundPerS()) * result.measuredS();
        if (result.all().backlogGrowth() < 0.5 * excess) {
            // a loss system, or a proxy shedding load: most of the excess was refused, not queued
            ScenarioResult.ClassResult all = result.all();
            String cause = mainCause(all);
            return String.format(Locale.ROOT, "%.1f page views/s offered, but %s can serve at most %.1f/s: the rest "
                    + "is refused rather than queued (%.1f%% of page views failed in a %.0f s pilot%s).", peak, what,
                    b.boundPerS(), 100 * all.errorRate().mean(), pilot / 1e9, cause == null ? "" : ", mostly " + cause);
        }
        String outcome = host != null && elastic.contains(host)
                ? "its queues will grow until autoscaling adds instances to carry it (or the run ends)"
                : "the run will be unstable and its queues will grow until the run ends or reaches max_in_flight";
        return String.format(Locale.ROOT, "%.1f page views/s offered, but %s can serve at most %.1f/s "
                + "(%d × 1/%.3f ms, measured in a %.0f s pilot): %s.", peak, what, b.boundPerS(), b.capacity(),
                b.demandMs(), pilot / 1e9, outcome);
    }

    private static String mainCause(ScenarioResult.ClassResult c) {
        String best = null;
        double most = 0;
        for (java.util.Map.Entry<String, Estimate> e : c.errors().entrySet()) {
            if (e.getValue().mean() > most) {
                most = e.getValue().mean();
                best = e.getKey();
            }
        }
        return best;
    }
}
