package io.stagesim.run;

import io.stagesim.scenario.RunSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.SloSpec;
import io.stagesim.scenario.WorkloadSpec;
import io.stagesim.stats.LogHistogram;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds a scenario's capacity: the highest offered rate of page views at which it meets its
 * objective. A pilot at the scenario's own rate measures the operational bound (the lowest
 * resource's capacity ÷ its demand per page view, as {@code explain} gives it); the search starts
 * at 0.9 of it and steps by a factor of 1.15 three times, then 1.5 (up while the objective is met,
 * down while it is not), until the objective changes, then bisects (on a logarithmic scale) between
 * the last rate that met it and the first that did not, to within {@code precision}. (Without a
 * bound, for a closed workload, it starts at the scenario's rate in steps of 1.5.) Each point runs
 * two replications first and the rest only when the verdict is not yet clear. The whole search is
 * deterministic for a given seed.
 *
 * <p>The capacity comes with an interval from the points' confidence intervals: below its lower
 * end every point met the objective clearly (even the upper end of each interval within the
 * bound), above its upper end every point clearly missed it. Bisection leaves its last points
 * within the noise, so up to two probes on each side, 5 % apart, look for a clear point close to
 * the capacity.
 */
public final class CapacitySearch {

    /** One offered rate and what happened there. */
    public record Point(double rate, ScenarioResult result, SloVerdict verdict) {
    }

    /** The search: every point in order of rate, the capacity and its interval. */
    public record Result(String scenario, SloSpec slo, List<Point> points, double capacity, double capacityLow,
            double capacityHigh, Point atCapacity) {
    }

    /** Told when a load point finishes. */
    @FunctionalInterface
    public interface Progress {
        /** {@code point} finished, the {@code index}-th (1-based) of at most {@code max}. */
        void point(int index, int max, Point point);
    }

    /**
     * Finest precision accepted: far inside any simulation's noise already, and coarse enough
     * that bisection ends (below about 1e-16, 1 + precision == 1 and it would not).
     */
    public static final double MIN_PRECISION = 1e-6;

    private static final double STEP = 1.5;
    /** First load tried, as a share of the operational bound; the first steps from there, and how many. */
    private static final double START_SHARE = 0.9;
    private static final double SMALL_STEP = 1.15;
    private static final int SMALL_STEPS = 3;
    /** Simulated time of the pilot that measures the operational bound, at most. */
    static final long PILOT = 20_000_000_000L;
    /** Replications a point runs before its verdict is looked at. */
    static final int FIRST_BATCH = 2;
    private static final int MAX_STEPS = 16;
    /** Bisections at most: 1.5 narrows to 1 + {@link #MIN_PRECISION} in 19; a bound against any float surprise. */
    private static final int MAX_BISECTIONS = 40;
    /** Step of the probes that narrow the interval, and how many at most on each side. */
    private static final double PROBE = 1.04;
    private static final int PROBES = 2;

    private CapacitySearch() {
    }

    /**
     * Replications a load point may add while its verdict is unclear ({@code stress --interval-precision}):
     * until the relative half-width of the objective's latency figure ({@link Precision#metricOf}) is
     * at most {@code target}, and at most {@code max} replications. {@link #FIXED}: the scenario's own
     * number, as without the option.
     */
    public record Replicating(double target, int max) {

        /** The scenario's own number of replications. */
        public static final Replicating FIXED = new Replicating(0, 0);

        /** Checks 0 < target < 1 and max ≥ 2, unless it is {@link #FIXED}. */
        public Replicating {
            if (!(target == 0 && max == 0) && !(target > 0 && target < 1 && max >= FIRST_BATCH)) {
                throw new IllegalArgumentException("an interval precision is above 0 and below 1 (0.05 is 5 %), and "
                        + "the most replications at least " + FIRST_BATCH + "; was " + target + " and " + max);
            }
        }

        /** True unless {@link #FIXED}. */
        public boolean adding() {
            return target > 0;
        }

        /**
         * The points of {@code r} left within the noise (verdict not clear) whose interval is still
         * wider than asked: they stopped at the most replications allowed.
         */
        public List<Point> notReached(Result r) {
            String metric = Precision.metricOf(r.slo());
            return r.points().stream().filter(p -> !p.verdict().clearlyMet() && !p.verdict().clearlyMissed()
                    && Precision.relativeHalfWidth(p.result(), metric) > target).toList();
        }

        /** One sentence: whether every unclear point reached the precision, or how many did not. */
        public String sentence(Result r) {
            String metric = Precision.metricOf(r.slo());
            long unclear = r.points().stream().filter(p -> !p.verdict().clearlyMet() && !p.verdict().clearlyMissed())
                    .count();
            List<Point> short_ = notReached(r);
            return short_.isEmpty()
                    ? String.format(java.util.Locale.ROOT, "Interval precision: every load point's verdict is clear or "
                            + "its %s latency within ±%.1f %% (%d of %d points within the noise).", metric,
                            100 * target, unclear, r.points().size())
                    : String.format(java.util.Locale.ROOT, "Interval precision not reached at %d of %d load points "
                            + "(their %s latency wider than ±%.1f %% after %d replications, the most allowed): raise "
                            + "--max-replications or run longer.", short_.size(), r.points().size(), metric,
                            100 * target, max);
        }
    }

    /** Runs the search on {@code s} (an open workload) against {@code slo}. */
    public static Result run(Scenario s, SloSpec slo, int threads, double precision, Progress progress) {
        return run(s, slo, threads, precision, progress, Replicating.FIXED);
    }

    /**
     * Runs the search on {@code s} against {@code slo}, each load point adding replications as
     * {@code replicating} says while its verdict is unclear.
     */
    public static Result run(Scenario s, SloSpec slo, int threads, double precision, Progress progress,
            Replicating replicating) {
        List<Point> points = new ArrayList<>();
        double pass = search(s, slo, threads, precision, progress, points, replicating);
        points.sort(Comparator.comparingDouble(Point::rate));
        Result first = interval(s.name(), slo, points, pass);
        if (Double.isNaN(pass)) {
            return first;
        }
        // the search's points near the capacity are within the noise: probe just outside them, a
        // step of PROBE at a time, for a point clearly met below and one clearly missed above
        double fail = points.stream().mapToDouble(Point::rate).filter(r -> r > pass).min().orElse(pass);
        int max = points.size() + 2 * PROBES;
        for (int side = 0; side < 2; side++) {
            double r = side == 0 ? pass : fail;
            for (int k = 0; k < PROBES; k++) {
                r = side == 0 ? r / PROBE : r * PROBE;
                Result now = interval(s.name(), slo, sorted(points), pass);
                if (side == 0 ? r <= now.capacityLow() : r >= now.capacityHigh()) {
                    break; // a clear point is already there
                }
                Point p = point(s, slo, r, threads, replicating);
                points.add(p);
                progress.point(points.size(), max, p);
                if (side == 0 ? p.verdict().clearlyMet() : p.verdict().clearlyMissed()) {
                    break;
                }
            }
        }
        return interval(s.name(), slo, sorted(points), pass);
    }

    private static List<Point> sorted(List<Point> points) {
        List<Point> out = new ArrayList<>(points);
        out.sort(Comparator.comparingDouble(Point::rate));
        return out;
    }

    /**
     * The result of the points found so far (for a search stopped early): capacity and interval
     * from those points alone.
     */
    public static Result summarise(String scenario, SloSpec slo, List<Point> found) {
        List<Point> points = new ArrayList<>(found);
        points.sort(Comparator.comparingDouble(Point::rate));
        double pass = Double.NaN;
        for (Point p : points) {
            if (p.verdict().met() && (Double.isNaN(pass) || p.rate() > pass)
                    && points.stream().filter(q -> q.rate() < p.rate()).allMatch(q -> q.verdict().met())) {
                pass = p.rate();
            }
        }
        return interval(scenario, slo, points, pass);
    }

    /** Runs the search, adding every point to {@code points}; returns the highest rate that met the objective. */
    private static double search(Scenario s, SloSpec slo, int threads, double precision, Progress progress,
            List<Point> points, Replicating replicating) {
        if (!slo.isSet()) {
            throw new IllegalArgumentException("a stress test needs an objective (slo)");
        }
        if (!(precision >= MIN_PRECISION && precision < 1)) {
            throw new IllegalArgumentException("precision must be at least " + MIN_PRECISION + " and below 1, was "
                    + precision);
        }
        double start = s.browser().workload() instanceof WorkloadSpec.Open o
                ? o.profile().stream().mapToDouble(p -> p.rate()).max().orElse(1) : 1;
        start = Math.max(start, 1e-3);
        // near the operational bound, in small steps: the capacity lies below it, usually not far
        double bound = operationalBound(s, start);
        boolean near = bound > 1e-3 && Double.isFinite(bound);
        if (near) {
            start = START_SHARE * bound;
        }
        int maxPoints = MAX_STEPS + (int) Math.ceil(Math.log(Math.log(STEP) / Math.log1p(precision)) / Math.log(2)) + 1;
        Point first = point(s, slo, start, threads, replicating);
        points.add(first);
        progress.point(points.size(), maxPoints, first);
        double pass = first.verdict().met() ? start : Double.NaN;
        double fail = first.verdict().met() ? Double.NaN : start;
        // step up while the objective is met, down while it is missed, until the verdict changes
        boolean up = first.verdict().met();
        double r = start;
        for (int i = 0; i < MAX_STEPS && (Double.isNaN(pass) || Double.isNaN(fail)); i++) {
            double step = near && i < SMALL_STEPS ? SMALL_STEP : STEP;
            r = up ? r * step : r / step;
            Point p = point(s, slo, r, threads, replicating);
            points.add(p);
            progress.point(points.size(), maxPoints, p);
            if (p.verdict().met()) {
                pass = Double.isNaN(pass) ? r : Math.max(pass, r);
            } else {
                fail = Double.isNaN(fail) ? r : Math.min(fail, r);
            }
        }
        if (!Double.isNaN(pass) && !Double.isNaN(fail)) {
            for (int i = 0; i < MAX_BISECTIONS && fail / pass > 1 + precision; i++) {
                double mid = Math.sqrt(pass * fail);
                if (!(mid > pass && mid < fail)) {
                    break; // no double lies between them (or pass * fail overflowed): nothing left to bisect
                }
                Point p = point(s, slo, mid, threads, replicating);
                points.add(p);
                progress.point(points.size(), maxPoints, p);
                if (p.verdict().met()) {
                    pass = mid;
                } else {
                    fail = mid;
                }
            }
        }
        return pass;
    }

    private static Result interval(String scenario, SloSpec slo, List<Point> points, double pass) {
        double capacity = Double.isNaN(pass) ? 0 : pass;
        double low = 0;
        double high = Double.POSITIVE_INFINITY;
        for (Point p : points) {
            if (p.verdict().clearlyMet() && points.stream().filter(q -> q.rate() <= p.rate())
                    .allMatch(q -> q.verdict().clearlyMet())) {
                low = p.rate();
            }
        }
        for (int i = points.size() - 1; i >= 0; i--) {
            Point p = points.get(i);
            if (p.verdict().clearlyMissed() && points.stream().filter(q -> q.rate() >= p.rate())
                    .allMatch(q -> q.verdict().clearlyMissed())) {
                high = p.rate();
            }
        }
        Point at = null;
        for (Point p : points) {
            if (p.rate() == capacity) {
                at = p;
            }
        }
        return new Result(scenario, slo, List.copyOf(points), capacity, low, high, at);
    }

    /**
     * The lowest operational bound on page views per second ({@link OperationalAnalysis}) measured
     * in a pilot: one replication of at most {@link #PILOT} ns at {@code rate}, with the scenario's
     * seed; NaN when the workload is not open or nothing completed.
     */
    static double operationalBound(Scenario s, double rate) {
        if (!(s.browser().workload() instanceof WorkloadSpec.Open)) {
            return Double.NaN;
        }
        RunSpec r = s.run();
        long duration = Math.min(r.duration(), PILOT);
        Scenario pilot = s.withPeakRate(rate).withRun(r.with(duration, Math.min(r.warmup(), duration / 5), 1, r.seed()));
        ScenarioResult result = ScenarioRun.run(pilot, 1, ReplicationRunner.Progress.none());
        OperationalAnalysis.Row b = OperationalAnalysis.of(result).bottleneck();
        return b == null ? Double.NaN : b.boundPerS();
    }

    /**
     * The point at {@code rate}: its first {@link #FIRST_BATCH} replications, and the rest of the
     * scenario's only when the verdict is not yet clear (a point far from the capacity is clearly
     * met or missed by the interval of two replications already; a replication depends only on its
     * number, so a point that runs them all gives what a full run gives).
     */
    private static Point point(Scenario s, SloSpec slo, double rate, int threads, Replicating replicating) {
        if (replicating.adding()) {
            return untilPrecise(s.withPeakRate(rate), slo, rate, threads, replicating);
        }
        Scenario at = s.withPeakRate(rate);
        int n = at.run().replications();
        if (n <= FIRST_BATCH) {
            ScenarioResult r = ScenarioRun.run(at, threads, ReplicationRunner.Progress.none());
            return new Point(rate, r, SloVerdict.of(r, slo));
        }
        ScenarioRun.checkMemory(at, Math.min(threads, n), Runtime.getRuntime().maxMemory());
        long deadline = ScenarioRun.deadline(at);
        LogHistogram all = new LogHistogram();
        List<ReplicationResult> reps = new ArrayList<>(ScenarioRun.replications(at, 0, FIRST_BATCH, threads,
                ReplicationRunner.Progress.none(), (x, i) -> { }, all, deadline));
        if (reps.size() == FIRST_BATCH) {
            RunSpec r = at.run();
            Scenario batch = at.withRun(r.with(r.duration(), r.warmup(), FIRST_BATCH, r.seed()));
            ScenarioResult first = ScenarioRun.result(batch, reps, all);
            SloVerdict v = SloVerdict.of(first, slo);
            if (!first.isPartial() && (v.clearlyMet() || v.clearlyMissed())) {
                return new Point(rate, first, v);
            }
            reps.addAll(ScenarioRun.replications(at, FIRST_BATCH, n, threads, ReplicationRunner.Progress.none(),
                    (x, i) -> { }, all, deadline));
        }
        ScenarioResult result = ScenarioRun.result(at, reps, all);
        return new Point(rate, result, SloVerdict.of(result, slo));
    }

    /**
     * The point at {@code rate} with replications added while its verdict is unclear: the first
     * {@link #FIRST_BATCH}, then, while the verdict is unclear and the objective's latency figure's
     * relative half-width h is above the target t, n × (h / t)² (at least the scenario's own number,
     * at least one more, at most the most allowed), as {@link Precision} does for a run. A
     * replication depends only on its number, so the point is byte for byte a run of the final number.
     */
    private static Point untilPrecise(Scenario at, SloSpec slo, double rate, int threads, Replicating replicating) {
        String metric = Precision.metricOf(slo);
        long deadline = ScenarioRun.deadline(at);
        LogHistogram all = new LogHistogram();
        List<ReplicationResult> reps = new ArrayList<>();
        int done = 0;
        int n = Math.min(FIRST_BATCH, replicating.max());
        while (true) {
            RunSpec r = at.run();
            Scenario now = at.withRun(r.with(r.duration(), r.warmup(), n, r.seed()));
            ScenarioRun.checkMemory(now, Math.min(threads, n - done), Runtime.getRuntime().maxMemory());
            int before = reps.size();
            reps.addAll(ScenarioRun.replications(now, done, n, threads, ReplicationRunner.Progress.none(),
                    (x, i) -> { }, all, deadline));
            ScenarioResult result = ScenarioRun.result(now, reps, all);
            SloVerdict v = SloVerdict.of(result, slo);
            double w = Precision.relativeHalfWidth(result, metric);
            if (reps.size() - before < n - done || result.isPartial() || v.clearlyMet() || v.clearlyMissed()
                    || w <= replicating.target() || n >= replicating.max() || !Double.isFinite(w)) {
                return new Point(rate, result, v);
            }
            done = n;
            double needed = Math.ceil(n * (w / replicating.target()) * (w / replicating.target()));
            n = (int) Math.min(replicating.max(), Math.max(Math.max(n + 1, at.run().replications()), needed));
        }
    }
}
