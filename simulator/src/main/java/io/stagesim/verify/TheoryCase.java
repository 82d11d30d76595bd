package io.stagesim.verify;

import java.util.List;
import java.util.function.BiFunction;

/**
 * A queueing model with a known exact answer: how to build one replication of it, how long to run
 * (warm-up and end, ns), and the numbers theory says it must produce.
 */
public record TheoryCase(String name, String description, int replications, long warmup, long end,
        BiFunction<Long, Integer, RouteNetwork> build, List<Expectation> expectations) {
}
