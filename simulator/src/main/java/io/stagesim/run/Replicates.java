package io.stagesim.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A request class's figures replication by replication, in replication order: those whose means
 * carry intervals and that a comparison pairs (throughput per second, error rate, p50, p95 and p99
 * latency in ms). A figure without a value in a replication (no page view completed) is null.
 * Replication i of two runs with the same seed draws the same random numbers wherever their models
 * agree (common random numbers), so the differences between them can be taken pair by pair
 * ({@link Difference#paired}).
 */
public record Replicates(List<Double> throughputPerS, List<Double> errorRate, List<Double> p50Ms, List<Double> p95Ms,
        List<Double> p99Ms) {

    /** The figures {@link #values} knows, in the order they are listed. */
    public static final List<String> FIGURES = List.of("throughput_per_s", "error_rate", "p50_ms", "p95_ms",
            "p99_ms");

    /** Copies the lists (which may hold nulls: no value). */
    public Replicates {
        throughputPerS = copy(throughputPerS);
        errorRate = copy(errorRate);
        p50Ms = copy(p50Ms);
        p95Ms = copy(p95Ms);
        p99Ms = copy(p99Ms);
    }

    private static List<Double> copy(List<Double> l) {
        return l == null ? null : Collections.unmodifiableList(new ArrayList<>(l));
    }

    /** The figures of {@code rows}, each one's measured period {@code measured} s. */
    static Replicates of(List<ReplicationResult.ClassRow> rows, double measured) {
        return new Replicates(list(rows, r -> r.completed() / measured),
                list(rows, r -> r.offered() == 0 ? 0 : r.failed() / (double) r.offered()),
                list(rows, r -> r.latency().count() == 0 ? Double.NaN : r.latency().p50() / 1e6),
                list(rows, r -> r.latency().count() == 0 ? Double.NaN : r.latency().p95() / 1e6),
                list(rows, r -> r.latency().count() == 0 ? Double.NaN : r.latency().p99() / 1e6));
    }

    private static List<Double> list(List<ReplicationResult.ClassRow> rows, ToDoubleFunction<ReplicationResult.ClassRow> f) {
        List<Double> out = new ArrayList<>(rows.size());
        for (ReplicationResult.ClassRow r : rows) {
            double v = f.applyAsDouble(r);
            out.add(Double.isFinite(v) ? v : null);
        }
        return out;
    }

    /**
     * The values of {@code figure} (one of {@link #FIGURES}), NaN where a replication has none; null
     * when the figure is unknown or absent (a file written before they were recorded).
     */
    public double[] values(String figure) {
        List<Double> l = switch (figure) {
            case "throughput_per_s" -> throughputPerS;
            case "error_rate" -> errorRate;
            case "p50_ms" -> p50Ms;
            case "p95_ms" -> p95Ms;
            case "p99_ms" -> p99Ms;
            default -> null;
        };
        if (l == null) {
            return null;
        }
        double[] v = new double[l.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = l.get(i) == null ? Double.NaN : l.get(i);
        }
        return v;
    }
}
