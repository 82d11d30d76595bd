package io.stagesim.cli;

import io.stagesim.run.ReplicationRunner;
import io.stagesim.scenario.Scenario;
import picocli.CommandLine.Option;

/** The options every command that runs a scenario shares: run settings and threads. */
final class RunOptions {

    @Option(names = "--seed", description = "Master seed (default: the scenario's run.seed).")
    Long seed;

    @Option(names = "--replications", description = "Independent replications (default: the scenario's).")
    Integer replications;

    @Option(names = "--duration", description = "Simulated time per replication, e.g. 120s.")
    String duration;

    @Option(names = "--warmup", description = "Initial time discarded from the statistics, e.g. 20s, or 'auto' (MSER-5).")
    String warmup;

    @Option(names = "--threads", description = "Replications run at once (default: cores; results do not depend on it).")
    int threads = ReplicationRunner.defaultThreads();

    /** The scenario with these settings (and {@code rate}, if given) applied; checks the threads. */
    Scenario apply(Scenario s, String rate) {
        return apply(s, rate, null);
    }

    /** As {@link #apply(Scenario, String)}, with {@code users} users in its closed workload when given. */
    Scenario apply(Scenario s, String rate, Integer users) {
        if (threads < 1) {
            throw new UserError("--threads must be >= 1, was " + threads);
        }
        return Overrides.apply(s, seed, replications, duration, warmup, rate, users);
    }
}
