package io.stagesim.scenario;

/**
 * A service-level objective over all page views: latency percentiles (ns, 0 = not set) and the
 * largest error rate (a fraction, NaN = not set). Met when every set bound holds.
 */
public record SloSpec(long p50, long p95, long p99, double errorRate) {

    /** No objective at all. */
    public static final SloSpec NONE = new SloSpec(0, 0, 0, Double.NaN);

    /** True when at least one bound is set. */
    public boolean isSet() {
        return p50 > 0 || p95 > 0 || p99 > 0 || !Double.isNaN(errorRate);
    }

    /** The bounds in words, e.g. "p99 <= 500ms, error rate <= 1%". */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (p50 > 0) {
            sb.append("p50 <= ").append(Units.formatDuration(p50));
        }
        if (p95 > 0) {
            sb.append(sb.length() > 0 ? ", " : "").append("p95 <= ").append(Units.formatDuration(p95));
        }
        if (p99 > 0) {
            sb.append(sb.length() > 0 ? ", " : "").append("p99 <= ").append(Units.formatDuration(p99));
        }
        if (!Double.isNaN(errorRate)) {
            sb.append(sb.length() > 0 ? ", " : "").append("error rate <= ")
                    .append(String.format(java.util.Locale.ROOT, "%.3g%%", errorRate * 100));
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
