package io.stagesim.cli;

import io.stagesim.scenario.SloSpec;
import io.stagesim.scenario.Units;
import picocli.CommandLine.Option;

/** The objective given on the command line, overriding the scenario's {@code slo}. */
final class ObjectiveOptions {

    @Option(names = "--p50", description = "Objective: median page-view latency, e.g. 200ms.")
    String p50;

    @Option(names = "--p95", description = "Objective: 95th percentile latency.")
    String p95;

    @Option(names = "--p99", description = "Objective: 99th percentile latency, e.g. 500ms.")
    String p99;

    @Option(names = "--error-rate", description = "Objective: largest share of failed page views, e.g. 1%%.")
    String errorRate;

    /** True when any bound was given. */
    boolean given() {
        return p50 != null || p95 != null || p99 != null || errorRate != null;
    }

    /** The objective from the options, or {@code fallback} when none was given. */
    SloSpec or(SloSpec fallback) {
        if (!given()) {
            return fallback;
        }
        try {
            return new SloSpec(p50 == null ? 0 : Units.duration(p50), p95 == null ? 0 : Units.duration(p95),
                    p99 == null ? 0 : Units.duration(p99), errorRate == null ? Double.NaN : Units.fraction(errorRate));
        } catch (IllegalArgumentException e) {
            throw new UserError("objective: " + e.getMessage());
        }
    }
}
