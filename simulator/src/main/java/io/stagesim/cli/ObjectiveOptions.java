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
            return new SloSpec(bound("--p50", p50), bound("--p95", p95), bound("--p99", p99),
                    errorRate == null ? Double.NaN : Units.fraction(errorRate));
        } catch (IllegalArgumentException e) {
            throw new UserError("objective: " + e.getMessage());
        }
    }

    /**
     * A latency bound in ns, 0 when not given. A bound of 0 is refused rather than read as "no
     * bound" (what 0 means inside {@link SloSpec}) or taken literally: every page view takes some
     * time, so p99 &lt;= 0 could never be met and a stress test would only report a miss at every load.
     */
    private static long bound(String option, String text) {
        if (text == null) {
            return 0;
        }
        long ns;
        try {
            ns = Units.duration(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
        if (ns <= 0) {
            throw new UserError(option + " must be greater than 0, was '" + text + "': no page view is that fast; "
                    + "leave " + option + " out for no bound on it");
        }
        return ns;
    }
}
