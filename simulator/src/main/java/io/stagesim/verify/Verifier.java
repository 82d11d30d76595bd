package io.stagesim.verify;

import io.stagesim.model.StationResult;
import io.stagesim.run.ReplicationRunner;
import io.stagesim.stats.ConfidenceInterval;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link TheoryCase} over independent replications and compares every expectation with a
 * Student-t confidence interval. Beside the case's own expectations it checks Little's law,
 * L = X·W, at every station: the per-replication difference L − X·W must have an interval that
 * contains zero, within 1 % of L. Conservation is checked by {@link RouteNetwork#run} itself.
 */
public final class Verifier {

    /**
     * Confidence level of each check: 99.9 %, so that across the ~40 checks of the whole suite the
     * chance that a correct simulator fails any of them stays below 5 % (Bonferroni).
     */
    public static final double LEVEL = 0.999;

    private Verifier() {
    }

    /** Runs the case and returns one check per expectation, then one per station for Little. */
    public static List<Check> verify(TheoryCase c, long seed, int threads, ReplicationRunner.Progress progress) {
        List<RouteNetwork.Result> reps = ReplicationRunner.run(c.replications(), threads,
                i -> c.build().apply(seed, i).run(c.warmup(), c.end()), progress);
        List<Check> checks = new ArrayList<>();
        for (Expectation e : c.expectations()) {
            double[] values = reps.stream().mapToDouble(e.measured()).toArray();
            checks.add(new Check(c.name(), e.label(), e.exact(), ConfidenceInterval.of(values, LEVEL),
                    e.precision()));
        }
        for (StationResult first : reps.get(0).stations()) {
            checks.add(little(c.name(), first.name(), reps));
        }
        return checks;
    }

    private static Check little(String caseName, String station, List<RouteNetwork.Result> reps) {
        double[] diff = new double[reps.size()];
        double meanInside = 0;
        for (int i = 0; i < reps.size(); i++) {
            StationResult s = reps.get(i).station(station);
            diff[i] = s.meanInside() - s.throughput() * s.response().mean() / 1e9;
            meanInside += s.meanInside() / reps.size();
        }
        // Shown as L (the time-average number inside) against X·W, with the interval of the paired
        // differences: L lies in it exactly when the differences' interval contains zero.
        ConfidenceInterval ci = ConfidenceInterval.of(diff, LEVEL);
        ConfidenceInterval xw = new ConfidenceInterval(meanInside - ci.mean(), ci.halfWidth(), LEVEL, ci.n());
        return new Check(caseName, "Little: L = X·W at " + station, meanInside, xw, 0.01);
    }
}
