package io.stagesim.cli;

import io.stagesim.run.CapacitySearch;
import io.stagesim.scenario.Scenario;
import picocli.CommandLine.Option;

/**
 * {@code --interval-precision SHARE [--max-replications M]} of {@code stress}, {@code compare} and
 * {@code sweep}: replications added, as {@code run --precision} adds them to a run, until the 95 %
 * interval of the objective's latency figure is within SHARE of it — at each load point of a
 * capacity search whose verdict is not yet clear, and at each run (a sweep's runs, compare's
 * reference runs).
 */
final class IntervalOptions {

    @Option(names = "--interval-precision", paramLabel = "SHARE", description = "Add replications until the 95%% "
            + "interval of the objective's latency figure (p99 first; the mean without one) is within this share of "
            + "it, e.g. 0.05: at each load point whose verdict is unclear, and at each run.")
    private Double target;

    @Option(names = "--max-replications", paramLabel = "M", description = "The most replications "
            + "--interval-precision may run at one point (default: ${DEFAULT-VALUE}).")
    private int max = 50;

    /** What was asked, checked against the scenarios (their own replications must fit under the most). */
    CapacitySearch.Replicating replicating(Iterable<Scenario> scenarios) {
        if (target == null) {
            return CapacitySearch.Replicating.FIXED;
        }
        if (!(target > 0 && target < 1)) {
            throw new UserError("--interval-precision must be above 0 and below 1 (the relative half-width of the "
                    + "latency's 95% interval: 0.05 is 5 %), was " + target);
        }
        for (Scenario s : scenarios) {
            int first = Math.max(2, s.run().replications());
            if (max < first) {
                throw new UserError("--max-replications must be at least " + first + " (the replications of "
                        + s.name() + "), was " + max);
            }
        }
        return new CapacitySearch.Replicating(target, max);
    }
}
