package io.stagesim.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stagesim.run.CapacitySearch;
import io.stagesim.run.Estimate;
import io.stagesim.run.Replicates;
import io.stagesim.run.ScenarioResult;
import io.stagesim.run.Sweep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code sweep}'s outputs: the terminal table, {@code sweep.json}, {@code sweep.csv}, and the tornado. */
public final class SweepReporter {

    /** A capacity with its interval (page views/s). */
    public record Capacity(double value, double low, double high) {
        static Capacity of(CapacitySearch.Result r) {
            return new Capacity(r.capacity(), r.capacityLow(), r.capacityHigh());
        }
    }

    /**
     * One point of sweep.json: its place in the grid, its settings and what was measured there; a
     * run's seed and its figures replication by replication (absent for a capacity).
     */
    public record PointFile(int index, Map<String, String> settings, Capacity capacity, Estimate throughputPerS,
            Estimate p50Ms, Estimate p99Ms, Estimate errorRate, Estimate costPerHour, String bottleneck,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long seed,
            @JsonInclude(JsonInclude.Include.NON_NULL) Replicates perReplication) {
    }

    /**
     * A point's figures minus the first point's (index 0), each with its 95 % interval: paired
     * replication by replication when they ran with the same seed (as every point does unless the
     * seed is one of the settings), Welch's otherwise.
     */
    public record PointDifference(int index, Map<String, DifferenceFile> figures) {
    }

    /**
     * sweep.json: the grid's points in order, or one shard's share of them ({@code shard} "i/N",
     * absent for the whole grid), and how many points the whole grid has; for runs, each point's
     * differences from the first point (absent for capacities, and for a shard without the first
     * point: merging the shards adds them).
     */
    public record SweepFile(String scenario, String measure, List<Sweep.Dimension> dimensions,
            @JsonInclude(JsonInclude.Include.NON_NULL) String shard, int gridSize, List<PointFile> points,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PointDifference> differencesFromFirst) {

        /** A file read without differences (capacities, a shard, or written before them) has none. */
        public SweepFile {
            differencesFromFirst = differencesFromFirst == null ? List.of() : List.copyOf(differencesFromFirst);
        }
    }

    /** A file of these points, with their differences from the first point when it is among them. */
    static SweepFile withDifferences(String scenario, String measure, List<Sweep.Dimension> dimensions, String shard,
            int gridSize, List<PointFile> points) {
        return new SweepFile(scenario, measure, dimensions, shard, gridSize, points, differences(points));
    }

    /** Each point's differences from point 0, when point 0 is among {@code points} and has per-replication figures. */
    static List<PointDifference> differences(List<PointFile> points) {
        PointFile first = points.stream().filter(p -> p.index() == 0).findFirst().orElse(null);
        List<PointDifference> out = new ArrayList<>();
        if (first == null || first.perReplication() == null || first.seed() == null) {
            return out;
        }
        for (PointFile p : points) {
            if (p.index() != 0 && p.perReplication() != null && p.seed() != null) {
                out.add(new PointDifference(p.index(), DifferenceFile.figures(first.perReplication(), first.seed(),
                        p.perReplication(), p.seed())));
            }
        }
        return List.copyOf(out);
    }

    /** One swing of sensitivity.json. */
    public record SwingFile(String key, String base, String low, String high, Capacity capacityLow,
            Capacity capacityHigh, double effect) {
    }

    /** sensitivity.json. */
    public record SensitivityFile(String scenario, double share, Capacity base, List<SwingFile> swings) {
    }

    private SweepReporter() {
    }

    /** The grid as sweep.json's records. */
    public static SweepFile file(Sweep.Result r) {
        List<PointFile> points = new ArrayList<>();
        for (Sweep.Point p : r.points()) {
            points.add(point(p));
        }
        return file(r.scenario(), r.measure(), r.dimensions(), r.shard(), r.gridSize(), points);
    }

    /** sweep.json from its points, however they were measured (here, or by a cluster's workers). */
    public static SweepFile file(String scenario, Sweep.Measure measure, List<Sweep.Dimension> dimensions,
            Sweep.Shard shard, int gridSize, List<PointFile> points) {
        return withDifferences(scenario, measure.name().toLowerCase(Locale.ROOT), List.copyOf(dimensions),
                shard.equals(Sweep.Shard.WHOLE) ? null : shard.index() + "/" + shard.count(), gridSize,
                List.copyOf(points));
    }

    /** One point as sweep.json's record (what a cluster's worker sends back). */
    public static PointFile point(Sweep.Point p) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String s : p.settings()) {
            int eq = s.indexOf('=');
            settings.put(s.substring(0, eq), s.substring(eq + 1));
        }
        if (p.run() != null) {
            ScenarioResult.ClassResult all = p.run().all();
            return new PointFile(p.index(), settings, null, all.throughputPerS(), all.latencyMs().p50(),
                    all.latencyMs().p99(), all.errorRate(), p.run().costPerHour(),
                    p.run().bottleneck() == null ? null : p.run().bottleneck().resource(), p.run().seed(),
                    all.perReplication());
        }
        CapacitySearch.Result c = p.capacity();
        ScenarioResult at = c.atCapacity() == null ? null : c.atCapacity().result();
        return new PointFile(p.index(), settings, Capacity.of(c), null, null, null, null,
                at == null ? null : at.costPerHour(),
                at == null || at.bottleneck() == null ? null : at.bottleneck().resource(), null, null);
    }

    /** The sensitivity analysis as sensitivity.json's records. */
    public static SensitivityFile file(Sweep.Sensitivity s) {
        List<SwingFile> swings = new ArrayList<>();
        for (Sweep.Swing w : s.swings()) {
            swings.add(new SwingFile(w.key(), w.base(), w.low(), w.high(), Capacity.of(w.atLow()),
                    Capacity.of(w.atHigh()), w.effect()));
        }
        return new SensitivityFile(s.scenario(), s.share(), Capacity.of(s.base()), swings);
    }

    /**
     * sensitivity.json from capacity points measured elsewhere (a cluster's workers): point 0 as
     * written, then each key's low and high value in turn, as {@code sweep --sensitivity} lists
     * them; the swings sorted as {@link Sweep#sensitivity} sorts them (largest effect first, ties by
     * key), so the file is byte for byte the one-machine file.
     */
    public static SensitivityFile sensitivity(String scenario, double share, List<String> keys, List<String> bases,
            List<String> lows, List<String> highs, List<PointFile> points) {
        if (points.size() != 1 + 2 * keys.size()) {
            throw new IllegalArgumentException("a sensitivity analysis of " + keys.size() + " settings has "
                    + (1 + 2 * keys.size()) + " capacities, not " + points.size());
        }
        List<SwingFile> swings = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            Capacity low = points.get(1 + 2 * k).capacity();
            Capacity high = points.get(2 + 2 * k).capacity();
            swings.add(new SwingFile(keys.get(k), bases.get(k), lows.get(k), highs.get(k), low, high,
                    Math.abs(high.value() - low.value())));
        }
        swings.sort(java.util.Comparator.comparingDouble(SwingFile::effect).reversed()
                .thenComparing(SwingFile::key));
        return new SensitivityFile(scenario, share, points.get(0).capacity(), List.copyOf(swings));
    }

    /** sweep.csv: one row per point, a column per key, then the figures. */
    public static String csv(SweepFile f) {
        StringBuilder sb = new StringBuilder();
        List<String> keys = f.dimensions().stream().map(Sweep.Dimension::key).toList();
        sb.append(String.join(",", keys));
        boolean capacity = "capacity".equals(f.measure());
        sb.append(capacity ? ",capacity_per_s,capacity_low,capacity_high,cost_per_hour_at_capacity,bottleneck\n"
                : ",throughput_per_s,throughput_ci95,p50_ms,p99_ms,p99_ci95,error_rate,cost_per_hour,bottleneck\n");
        for (PointFile p : f.points()) {
            List<String> cells = new ArrayList<>();
            for (String k : keys) {
                cells.add(quote(p.settings().get(k)));
            }
            if (capacity) {
                cells.add(num(p.capacity().value()));
                cells.add(num(p.capacity().low()));
                cells.add(num(p.capacity().high()));
                cells.add(p.costPerHour() == null ? "" : num(p.costPerHour().mean()));
            } else {
                cells.add(num(p.throughputPerS().mean()));
                cells.add(num(p.throughputPerS().ci95()));
                cells.add(num(p.p50Ms().mean()));
                cells.add(num(p.p99Ms().mean()));
                cells.add(num(p.p99Ms().ci95()));
                cells.add(num(p.errorRate().mean()));
                cells.add(num(p.costPerHour().mean()));
            }
            cells.add(quote(p.bottleneck() == null ? "" : p.bottleneck()));
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }

    /** The grid as a table. */
    public static String summary(SweepFile f) {
        StringBuilder sb = new StringBuilder();
        List<String> keys = f.dimensions().stream().map(Sweep.Dimension::key).toList();
        boolean capacity = "capacity".equals(f.measure());
        sb.append(String.format(Locale.ROOT, "%s: %d points, %s%n%n", f.scenario(), f.points().size(),
                capacity ? "capacity at the objective (page views/s, with its interval)"
                        : "a run at the scenario's load (means ± 95% half-widths)"));
        List<Integer> widths = new ArrayList<>();
        for (String k : keys) {
            int w = k.length();
            for (PointFile p : f.points()) {
                w = Math.max(w, p.settings().get(k).length());
            }
            widths.add(w);
            sb.append(String.format(Locale.ROOT, "%-" + w + "s  ", k));
        }
        sb.append(capacity ? String.format(Locale.ROOT, "%22s  %s%n", "capacity /s", "bottleneck at capacity")
                : String.format(Locale.ROOT, "%18s %18s %10s  %s%n", "views/s", "p99 ms", "errors", "bottleneck"));
        for (PointFile p : f.points()) {
            for (int i = 0; i < keys.size(); i++) {
                sb.append(String.format(Locale.ROOT, "%-" + widths.get(i) + "s  ", p.settings().get(keys.get(i))));
            }
            if (capacity) {
                sb.append(String.format(Locale.ROOT, "%22s  %s%n", String.format(Locale.ROOT, "%.1f [%.1f, %.1f]",
                        p.capacity().value(), p.capacity().low(), p.capacity().high()),
                        p.bottleneck() == null ? "" : p.bottleneck()));
            } else {
                sb.append(String.format(Locale.ROOT, "%18s %18s %9.2f%%  %s%n", pm(p.throughputPerS(), "%.1f"),
                        pm(p.p99Ms(), "%.1f"), 100 * p.errorRate().mean(), p.bottleneck() == null ? "" : p.bottleneck()));
            }
        }
        return sb.toString();
    }

    /** The tornado: each setting's swing in capacity, the largest first, drawn with characters. */
    public static String tornado(SensitivityFile f) {
        StringBuilder sb = new StringBuilder();
        double base = f.base().value();
        sb.append(String.format(Locale.ROOT, "%s: capacity %.1f page views/s [%.1f, %.1f] as written; each setting "
                + "moved alone by -/+%.0f%%:%n%n", f.scenario(), base, f.base().low(), f.base().high(), f.share() * 100));
        double max = f.swings().stream().mapToDouble(s -> Math.max(Math.abs(s.capacityLow().value() - base),
                Math.abs(s.capacityHigh().value() - base))).max().orElse(0);
        int half = 20;
        int keyWidth = f.swings().stream().mapToInt(s -> s.key().length()).max().orElse(3);
        for (SwingFile s : f.swings()) {
            double lo = s.capacityLow().value() - base;
            double hi = s.capacityHigh().value() - base;
            double left = Math.min(Math.min(lo, hi), 0);
            double right = Math.max(Math.max(lo, hi), 0);
            int l = max > 0 ? (int) Math.round(-left / max * half) : 0;
            int r = max > 0 ? (int) Math.round(right / max * half) : 0;
            sb.append(String.format(Locale.ROOT, "%-" + keyWidth + "s  %" + half + "s|%-" + half + "s  %s → %.1f, "
                    + "%s → %.1f%n", s.key(), "#".repeat(l), "#".repeat(r), s.low(), s.capacityLow().value(), s.high(),
                    s.capacityHigh().value()));
        }
        return sb.toString();
    }

    /**
     * The shards' files as the one file a single machine would have written: the same scenario,
     * measure, dimensions and grid, every shard of one split exactly once, each complete; the
     * points in grid order. An IllegalArgumentException says what does not fit.
     */
    public static SweepFile merge(List<SweepFile> shards) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("no sweep.json to merge");
        }
        SweepFile first = shards.get(0);
        int count = -1;
        java.util.TreeMap<Integer, PointFile> points = new java.util.TreeMap<>();
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (SweepFile f : shards) {
            if (!f.scenario().equals(first.scenario()) || !f.measure().equals(first.measure())
                    || !f.dimensions().equals(first.dimensions()) || f.gridSize() != first.gridSize()) {
                throw new IllegalArgumentException("the shards are not of one sweep: " + describe(first) + " and "
                        + describe(f));
            }
            if (f.shard() == null) {
                throw new IllegalArgumentException("a whole sweep (no shard) is not merged with others: " + describe(f));
            }
            String[] parts = f.shard().split("/");
            int index = Integer.parseInt(parts[0]);
            int n = Integer.parseInt(parts[1]);
            if (count >= 0 && n != count) {
                throw new IllegalArgumentException("shards of different splits: /" + count + " and /" + n);
            }
            count = n;
            if (!seen.add(index)) {
                throw new IllegalArgumentException("shard " + f.shard() + " is given twice");
            }
            Sweep.Shard shard = new Sweep.Shard(index, n);
            long expected = java.util.stream.IntStream.range(0, f.gridSize()).filter(shard::has).count();
            if (f.points().size() != expected) {
                throw new IllegalArgumentException("shard " + f.shard() + " has " + f.points().size() + " of its "
                        + expected + " points (stopped early?): run it again");
            }
            for (PointFile p : f.points()) {
                if (!shard.has(p.index()) || points.put(p.index(), p) != null) {
                    throw new IllegalArgumentException("shard " + f.shard() + " holds point " + p.index()
                            + ", which is not its own");
                }
            }
        }
        if (seen.size() != count) {
            List<Integer> missing = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                if (!seen.contains(i)) {
                    missing.add(i);
                }
            }
            throw new IllegalArgumentException("missing shards of /" + count + ": " + missing);
        }
        return withDifferences(first.scenario(), first.measure(), first.dimensions(), null, first.gridSize(),
                List.copyOf(points.values()));
    }

    private static String describe(SweepFile f) {
        return f.scenario() + " (" + f.measure() + ", " + f.gridSize() + " points" + (f.shard() == null ? ""
                : ", shard " + f.shard()) + ")";
    }

    private static String pm(Estimate e, String fmt) {
        String m = String.format(Locale.ROOT, fmt, e.mean());
        return Double.isNaN(e.ci95()) ? m : m + " ±" + String.format(Locale.ROOT, fmt, e.ci95());
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
