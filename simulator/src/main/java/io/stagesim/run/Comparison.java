package io.stagesim.run;

import io.stagesim.scenario.RunSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.SloSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Stages side by side: each one's capacity under the same objective (a {@link CapacitySearch}), its
 * latency at a common reference load (the lowest capacity among them, so every stage can carry
 * it), its bottleneck, its hourly cost and its cost per million page views at capacity; and, for
 * a stage with faults, what each fault did to it at the load its scenario offers. Capacity and the
 * reference load are measured without the faults: they describe the architecture, and the
 * survival runs describe what the faults do to it.
 */
public final class Comparison {

    /**
     * One stage's row; {@code asWritten} is the scenario run at its own load, for its faults (the
     * survival table), or null when it has none.
     */
    public record Row(String scenario, String description, CapacitySearch.Result stress, double referenceRate,
            ScenarioResult atReference, double costPerHour, double costPerMillion, Scenario scenarioSpec,
            ScenarioResult asWritten) {
    }

    /** All rows, in the order the stages were given, and the common reference load. */
    public record Result(SloSpec slo, double referenceRate, List<Row> rows) {
    }

    /** Told about progress: which stage, which load point, and each stage's search when it ends. */
    @FunctionalInterface
    public interface Progress {
        /** A load point of {@code scenario} finished at {@code rate}/s, the {@code point}-th of that stage. */
        void working(String scenario, double rate, int stage, int stages, int point);

        /** The stress test of stage {@code stage} (1-based) is complete. */
        default void stageDone(int stage, CapacitySearch.Result result) {
        }
    }

    private Comparison() {
    }

    /** {@code s} as its capacity is measured: without its faults, for {@code duration} ns when above 0. */
    private static Scenario forCapacity(Scenario s, long duration) {
        Scenario plain = s.withFaults(List.of()); // capacity is the architecture's; the faults are for survival
        if (duration <= 0) {
            return plain;
        }
        RunSpec r = s.run();
        long warmup = r.warmup() < 0 ? r.warmup() : Math.min(r.warmup(), duration / 5);
        return plain.withRun(r.with(duration, warmup, r.replications(), r.seed()));
    }

    /** Compares {@code scenarios} under {@code slo}. */
    public static Result run(List<Scenario> scenarios, SloSpec slo, int threads, double precision, Progress progress) {
        return run(scenarios, slo, threads, precision, progress, 0);
    }

    /**
     * Compares {@code scenarios} under {@code slo}, the stress tests and reference runs (not the
     * survival runs) lasting {@code stressDuration} ns of simulated time when it is above 0.
     */
    public static Result run(List<Scenario> scenarios, SloSpec slo, int threads, double precision, Progress progress,
            long stressDuration) {
        List<CapacitySearch.Result> stresses = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = forCapacity(scenarios.get(i), stressDuration);
            int stage = i + 1;
            CapacitySearch.Result r = CapacitySearch.run(s, slo, threads, precision,
                    (index, max, point) -> progress.working(s.name(), point.rate(), stage, scenarios.size(), index));
            stresses.add(r);
            progress.stageDone(stage, r);
        }
        double reference = Double.POSITIVE_INFINITY;
        for (CapacitySearch.Result r : stresses) {
            if (r.capacity() > 0) {
                reference = Math.min(reference, r.capacity());
            }
        }
        if (Double.isInfinite(reference)) {
            reference = stresses.get(0).points().get(0).rate();
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);

            ScenarioResult at = ScenarioRun.run(forCapacity(s, stressDuration).withPeakRate(reference), threads,
                    ReplicationRunner.Progress.none());
            double cost = at.costPerHour().mean(); // autoscaled hosts only while they run
            double capacity = stresses.get(i).capacity();
            double perMillion = capacity > 0 ? cost / (capacity * 3600) * 1e6 : Double.NaN;
            ScenarioResult asWritten = s.faults().isEmpty() ? null
                    : ScenarioRun.run(s, threads, ReplicationRunner.Progress.none());
            rows.add(new Row(s.name(), s.description(), stresses.get(i), reference, at, cost, perMillion, s, asWritten));
        }
        return new Result(slo, reference, List.copyOf(rows));
    }
}
