package io.stagesim.run;

import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.SloSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What-if over settings: the full grid of the values given for each key ({@code --vary}), each
 * point the scenario with those settings, measured either at the scenario's own load (a run) or by
 * its capacity at the objective ({@link CapacitySearch}). A sensitivity analysis moves each setting
 * alone down and up by a share and ranks the settings by how far the capacity moves (a tornado).
 *
 * <p>Every point runs with the scenario's seed, so all points see the same random numbers where
 * their models agree (common random numbers): the differences between points are due to the
 * settings, not to the draws. Points run one after another, each with its replications in
 * parallel, so the result is the same whatever the number of threads.
 */
public final class Sweep {

    /** A key and the values it takes. */
    public record Dimension(String key, List<String> values) {
    }

    /** What each point measures. */
    public enum Measure {
        /** The capacity at the objective, with its interval. */
        CAPACITY,
        /** A run at the scenario's own load. */
        RUN
    }

    /** One point: its place in the grid (0-based), its settings, and its run or its capacity search (the other null). */
    public record Point(int index, List<String> settings, ScenarioResult run, CapacitySearch.Result capacity) {
    }

    /**
     * A share of the grid's points for one machine: the points whose index modulo {@code count} is
     * {@code index − 1} (1-based, as {@code --shard 2/4}); {@link #WHOLE} is every point.
     */
    public record Shard(int index, int count) {

        /** The whole grid on one machine. */
        public static final Shard WHOLE = new Shard(1, 1);

        /** Checks 1 ≤ index ≤ count. */
        public Shard {
            if (count < 1 || index < 1 || index > count) {
                throw new IllegalArgumentException("a shard is i/N with 1 <= i <= N, such as 2/4; was " + index + "/"
                        + count);
            }
        }

        /** True when grid point {@code point} is this shard's. */
        public boolean has(int point) {
            return point % count == index - 1;
        }
    }

    /** A grid sweep, or the share of it one shard ran. */
    public record Result(String scenario, Measure measure, List<Dimension> dimensions, List<Point> points,
            Shard shard, int gridSize) {
    }

    /** One setting moved alone: its value as written, the values below and above, and the capacity at each. */
    public record Swing(String key, String base, String low, String high, CapacitySearch.Result atLow,
            CapacitySearch.Result atHigh) {

        /** How far the capacity moves between the low and the high value (page views/s). */
        public double effect() {
            return Math.abs(atHigh.capacity() - atLow.capacity());
        }
    }

    /** A sensitivity analysis: the capacity as the file says, and each setting's swing, the largest first. */
    public record Sensitivity(String scenario, double share, CapacitySearch.Result base, List<Swing> swings) {
    }

    /** Loads the scenario with settings (a problem is the loader's to report). */
    @FunctionalInterface
    public interface Loader {
        /** The scenario with {@code settings} applied. */
        Scenario load(List<String> settings);
    }

    /** Told when a point finishes. */
    @FunctionalInterface
    public interface Progress {
        /** The {@code index}-th (1-based) of {@code total} points finished, with these settings. */
        void point(int index, int total, List<String> settings);
    }

    private Sweep() {
    }

    /** Every combination of the dimensions' values, the first dimension slowest. */
    public static List<List<String>> grid(List<Dimension> dimensions) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (Dimension d : dimensions) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (String v : d.values()) {
                    List<String> s = new ArrayList<>(prefix);
                    s.add(d.key() + "=" + v);
                    next.add(List.copyOf(s));
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * Runs the grid. {@code slo} is needed for {@link Measure#CAPACITY}; {@code finished} is given
     * each point as it finishes (to keep them if the sweep is stopped).
     */
    public static Result run(String scenario, Loader loader, List<Dimension> dimensions, Measure measure,
            SloSpec slo, int threads, double precision, Shard shard, Progress progress,
            java.util.function.Consumer<Point> finished) {
        return run(scenario, loader, dimensions, measure, slo, threads, precision, shard, progress, finished,
                CapacitySearch.Replicating.FIXED);
    }

    /**
     * As above, each point adding replications as {@code replicating} says ({@code sweep
     * --interval-precision}): a run as {@link Precision} does, a capacity search's load points as
     * {@link CapacitySearch} does.
     */
    public static Result run(String scenario, Loader loader, List<Dimension> dimensions, Measure measure,
            SloSpec slo, int threads, double precision, Shard shard, Progress progress,
            java.util.function.Consumer<Point> finished, CapacitySearch.Replicating replicating) {
        List<List<String>> grid = grid(dimensions);
        List<Point> points = new ArrayList<>();
        int mine = 0;
        for (int i = 0; i < grid.size(); i++) {
            mine += shard.has(i) ? 1 : 0;
        }
        for (int i = 0; i < grid.size(); i++) {
            if (!shard.has(i)) {
                continue;
            }
            List<String> settings = grid.get(i);
            points.add(point(i, settings, loader.load(settings), measure, slo, threads, precision, replicating));
            finished.accept(points.get(points.size() - 1));
            progress.point(points.size(), mine, settings);
        }
        return new Result(scenario, measure, List.copyOf(dimensions), List.copyOf(points), shard, grid.size());
    }

    /**
     * Measures one point of a grid: {@code scenario} is the scenario with the point's
     * {@code settings} applied. The same on any machine and with any number of threads, which is
     * what lets a cluster's worker measure a point for a sweep run elsewhere.
     */
    public static Point point(int index, List<String> settings, Scenario scenario, Measure measure, SloSpec slo,
            int threads, double precision) {
        return point(index, settings, scenario, measure, slo, threads, precision, CapacitySearch.Replicating.FIXED);
    }

    /**
     * One point, adding replications as {@code replicating} says: a run until the latency figure
     * {@link Precision} judges (the objective's, or the mean without one) is that precise, at most
     * {@code replicating.max()} replications; a capacity search's load points as {@link CapacitySearch} does.
     */
    public static Point point(int index, List<String> settings, Scenario scenario, Measure measure, SloSpec slo,
            int threads, double precision, CapacitySearch.Replicating replicating) {
        if (replicating.adding()) {
            return measure == Measure.RUN
                    ? new Point(index, settings, Precision.run(scenario, threads,
                            ReplicationRunner.Progress.none(), (x, i) -> { }, replicating.target(),
                            Math.max(replicating.max(), Math.max(2, scenario.run().replications())), o -> { })
                            .figures(), null)
                    : new Point(index, settings, null, CapacitySearch.run(scenario, slo, threads, precision,
                            (a, b, c) -> { }, replicating));
        }
        return measure == Measure.RUN
                ? new Point(index, settings, ScenarioRun.run(scenario, threads, ReplicationRunner.Progress.none())
                        .figures(), null)
                : new Point(index, settings, null, CapacitySearch.run(scenario, slo, threads, precision,
                        (a, b, c) -> { }));
    }

    /**
     * Moves each of {@code keys} (whose values, as written, are {@code bases}) alone to its
     * {@code lows} and {@code highs} value and finds the capacity there; the swings are sorted by
     * effect, largest first (ties by key).
     */
    public static Sensitivity sensitivity(String scenario, Loader loader, double share, List<String> keys,
            List<String> bases, List<String> lows, List<String> highs, SloSpec slo, int threads, double precision,
            Progress progress) {
        return sensitivity(scenario, loader, share, keys, bases, lows, highs, slo, threads, precision, progress,
                CapacitySearch.Replicating.FIXED);
    }

    /** As above, each search's load points adding replications as {@code replicating} says. */
    public static Sensitivity sensitivity(String scenario, Loader loader, double share, List<String> keys,
            List<String> bases, List<String> lows, List<String> highs, SloSpec slo, int threads, double precision,
            Progress progress, CapacitySearch.Replicating replicating) {
        int total = 1 + 2 * keys.size();
        CapacitySearch.Result base = CapacitySearch.run(loader.load(List.of()), slo, threads, precision, (a, b, c) -> { },
                replicating);
        progress.point(1, total, List.of());
        List<Swing> swings = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            List<String> low = List.of(keys.get(k) + "=" + lows.get(k));
            List<String> high = List.of(keys.get(k) + "=" + highs.get(k));
            CapacitySearch.Result atLow = CapacitySearch.run(loader.load(low), slo, threads, precision, (a, b, c) -> { },
                    replicating);
            progress.point(2 + 2 * k, total, low);
            CapacitySearch.Result atHigh = CapacitySearch.run(loader.load(high), slo, threads, precision,
                    (a, b, c) -> { }, replicating);
            progress.point(3 + 2 * k, total, high);
            swings.add(new Swing(keys.get(k), bases.get(k), lows.get(k), highs.get(k), atLow, atHigh));
        }
        swings.sort(Comparator.comparingDouble(Swing::effect).reversed().thenComparing(Swing::key));
        return new Sensitivity(scenario, share, base, List.copyOf(swings));
    }

    /**
     * One sentence on {@code r}'s interval precision: how many runs (or capacity searches' load
     * points within the noise) stopped at the most replications with an interval still too wide.
     */
    public static String precision(Result r, SloSpec slo, CapacitySearch.Replicating replicating) {
        String metric = Precision.metricOf(slo);
        int short_ = 0;
        int of = 0;
        for (Point p : r.points()) {
            if (p.run() != null) {
                of++;
                short_ += Precision.relativeHalfWidth(p.run(), metric) > replicating.target() ? 1 : 0;
            } else {
                of += p.capacity().points().size();
                short_ += replicating.notReached(p.capacity()).size();
            }
        }
        String what = r.measure() == Measure.RUN ? "runs" : "load points";
        return short_ == 0
                ? String.format(java.util.Locale.ROOT, "Interval precision: all %d %s reached ±%.1f %% on their %s "
                        + "latency%s.", of, what, 100 * replicating.target(), metric,
                        r.measure() == Measure.RUN ? "" : " or a clear verdict")
                : String.format(java.util.Locale.ROOT, "Interval precision not reached at %d of %d %s (their %s "
                        + "latency wider than ±%.1f %% after %d replications, the most allowed): raise "
                        + "--max-replications or run longer.", short_, of, what, metric, 100 * replicating.target(),
                        replicating.max());
    }
}
