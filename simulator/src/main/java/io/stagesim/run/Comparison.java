package io.stagesim.run;

import io.stagesim.scenario.RunSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.SloSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Stages side by side: each one's capacity under the same objective (a {@link CapacitySearch}), its
 * latency at a common reference load (the lowest capacity among them, so every stage can carry
 * it, or the load asked for), its bottleneck, its bill there and its cost per million page views at
 * capacity, whether it meets the objective at the reference load and with what headroom, and which
 * stage that does is the cheapest there; and, for
 * a stage with faults, what each fault did to it at the load its scenario offers. Capacity and the
 * reference load are measured without the faults: they describe the architecture, and the
 * survival runs describe what the faults do to it.
 */
public final class Comparison {

    /**
     * One stage's row; {@code asWritten} is the scenario run at its own load, for its faults (the
     * survival table), or null when it has none. {@code costPerHour} is the bill at the reference
     * load; {@code costPerMillion} is per million page views at capacity: the fixed lines spread
     * over the page views of an hour at capacity, plus the usage lines per page view at the
     * reference load (usage grows with the load; the tiers of data transfer make it a little
     * cheaper per view at capacity than this says). {@code meets}: the reference run met the
     * objective; {@code headroom}: capacity over the reference load. {@code overload} is the stage
     * run without its faults at {@link #OVERLOAD} times its own capacity (null when it has none), so
     * that every stage's errors are seen at the same multiple of what it carries.
     */
    public record Row(String scenario, String description, CapacitySearch.Result stress, double referenceRate,
            ScenarioResult atReference, double costPerHour, double costPerMillion, Scenario scenarioSpec,
            ScenarioResult asWritten, boolean meets, double headroom, ScenarioResult overload) {
    }

    /** The multiple of its capacity each stage is overloaded at for the errors chart: the search's step. */
    public static final double OVERLOAD = 1.5;

    /**
     * All rows, in the order the stages were given, and the common reference load: the load asked
     * for ({@code asked}) or the lowest capacity. {@code cheapest} names the stage that meets the
     * objective there at the lowest bill, or is null when none does.
     */
    public record Result(SloSpec slo, double referenceRate, List<Row> rows, boolean asked, String cheapest) {
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

    /**
     * Each stage run without its faults at {@link #OVERLOAD} times its capacity (null without one), for
     * the errors chart. For speed: the chart draws one replication's series, so each stage runs that one
     * replication, {@code threads} stages at once (each run alone gives the same bytes).
     */
    private static List<ScenarioResult> overloads(List<Scenario> scenarios, List<CapacitySearch.Result> stresses,
            long stressDuration, int threads) {
        List<java.util.concurrent.Callable<ScenarioResult>> jobs = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            double capacity = stresses.get(i).capacity();
            Scenario over = forCapacity(scenarios.get(i), stressDuration).withPeakRate(OVERLOAD * capacity);
            Scenario one = over.withRun(over.run().with(over.run().duration(), over.run().warmup(), 1, over.run().seed()));
            jobs.add(() -> capacity > 0 ? ScenarioRun.run(one, 1, ReplicationRunner.Progress.none()) : null);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1,
                Math.min(threads, jobs.size())));
        try {
            List<ScenarioResult> out = new ArrayList<>();
            for (java.util.concurrent.Future<ScenarioResult> f : pool.invokeAll(jobs)) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunLimitException("interrupted while overloading the stages for the errors chart");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
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
        return run(scenarios, slo, threads, precision, progress, stressDuration, 0);
    }

    /**
     * As above, the reference load being {@code at} page views per second when above 0 (the
     * question "which stage is the cheapest that carries this load?").
     */
    public static Result run(List<Scenario> scenarios, SloSpec slo, int threads, double precision, Progress progress,
            long stressDuration, double at) {
        return run(scenarios, slo, threads, precision, progress, stressDuration, at, CapacitySearch.Replicating.FIXED,
                o -> { });
    }

    /**
     * As above, the stress tests' load points and the reference runs adding replications as
     * {@code replicating} says ({@code compare --interval-precision}); each reference run's
     * {@link Precision.Outcome} goes to {@code reached}, in the order of the stages.
     */
    public static Result run(List<Scenario> scenarios, SloSpec slo, int threads, double precision, Progress progress,
            long stressDuration, double at, CapacitySearch.Replicating replicating,
            java.util.function.Consumer<Precision.Outcome> reached) {
        List<CapacitySearch.Result> stresses = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = forCapacity(scenarios.get(i), stressDuration);
            int stage = i + 1;
            CapacitySearch.Result r = CapacitySearch.run(s, slo, threads, precision,
                    (index, max, point) -> progress.working(s.name(), point.rate(), stage, scenarios.size(), index),
                    replicating);
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
        if (at > 0) {
            reference = at;
        }
        List<ScenarioResult> overloads = overloads(scenarios, stresses, stressDuration, threads);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);

            Scenario ref = forCapacity(s, stressDuration).withPeakRate(reference);
            ScenarioResult atRef = replicating.adding()
                    ? Precision.run(ref, threads, ReplicationRunner.Progress.none(), (x, k) -> { },
                            replicating.target(), Math.max(replicating.max(), Math.max(2, ref.run().replications())),
                            reached)
                    : ScenarioRun.run(ref, threads, ReplicationRunner.Progress.none());
            double cost = atRef.costPerHour().mean(); // autoscaled hosts only while they run
            double capacity = stresses.get(i).capacity();
            double fixed = 0;
            double usage = 0;
            for (ScenarioResult.CostLine l : atRef.cost().lines()) {
                if (l.usage()) {
                    usage += l.perHour().mean();
                } else {
                    fixed += l.perHour().mean();
                }
            }
            double viewsPerHour = atRef.all().throughputPerS().mean() * 3600;
            double perMillion = capacity > 0 ? (fixed / (capacity * 3600) + (viewsPerHour > 0 ? usage / viewsPerHour : 0))
                    * 1e6 : Double.NaN;
            ScenarioResult asWritten = s.faults().isEmpty() ? null
                    : ScenarioRun.run(s, threads, ReplicationRunner.Progress.none());
            boolean meets = SloVerdict.of(atRef, slo).met();
            ScenarioResult overload = overloads.get(i);
            rows.add(new Row(s.name(), s.description(), stresses.get(i), reference, atRef, cost, perMillion, s, asWritten,
                    meets, capacity / reference, overload));
        }
        String cheapest = null;
        double least = Double.POSITIVE_INFINITY;
        for (Row r : rows) {
            if (r.meets() && r.costPerHour() < least) {
                least = r.costPerHour();
                cheapest = r.scenario();
            }
        }
        return new Result(slo, reference, List.copyOf(rows), at > 0, cheapest);
    }
}
