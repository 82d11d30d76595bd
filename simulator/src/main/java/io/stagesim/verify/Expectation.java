package io.stagesim.verify;

import java.util.function.ToDoubleFunction;

/**
 * One number a textbook model must reproduce: a label, the exact value from theory, how to read
 * the simulated value from a replication, and the precision the replications must reach (largest
 * relative half-width of the confidence interval) for the comparison to mean something.
 */
public record Expectation(String label, double exact, ToDoubleFunction<RouteNetwork.Result> measured,
        double precision) {
}
