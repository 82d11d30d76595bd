package io.stagesim.cli;

import io.stagesim.report.Json;
import io.stagesim.report.SweepReporter;
import io.stagesim.run.CapacitySearch;
import io.stagesim.run.Sweep;
import io.stagesim.scenario.Scaling;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.scenario.ScenarioName;
import io.stagesim.scenario.SloSpec;
import io.stagesim.scenario.Units;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stagesim sweep FILE --vary KEY=V1,V2 …}: what-if over a grid of settings, or a sensitivity analysis. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"What if: runs the scenario at every combination of the values given with --vary (its",
            "capacity at the objective, or a run at its own load), or with --sensitivity moves each setting",
            "alone down and up by a share and ranks them by how far the capacity moves (a tornado)."})
final class SweepCommand implements Callable<Integer> {

    /** Settings a sensitivity analysis moves when none are named: where they are in the file. */
    static final List<String> DEFAULT_NAMES = List.of("workers", "threads", "processes", "cores", "default_pool_size");

    @Mixin
    private RunOptions run = new RunOptions();

    @Mixin
    private SetOptions set = new SetOptions();

    @Mixin
    private ObjectiveOptions objective = new ObjectiveOptions();

    @Parameters(paramLabel = "FILE", description = "The scenario file (YAML).")
    private Path file;

    @Option(names = "--vary", paramLabel = "KEY=V1,V2,…",
            description = "A setting and its values (repeatable; the grid is every combination).")
    private List<String> vary = new ArrayList<>();

    @Option(names = "--measure", defaultValue = "capacity",
            description = "capacity (at the objective, default) or run (at the scenario's own load).")
    private String measure;

    @Option(names = "--sensitivity", paramLabel = "SHARE",
            description = "Moves each --param setting (default: every workers, threads, processes, cores and pool "
                    + "size, and each request class's view CPU) alone by -/+ this share, e.g. 20%%.")
    private String sensitivity;

    @Option(names = "--param", paramLabel = "KEY", description = "A setting for --sensitivity (repeatable).")
    private List<String> params = new ArrayList<>();

    @Option(names = "--precision", description = "Relative width at which each capacity search stops (default: "
            + "${DEFAULT-VALUE}).")
    private double precision = 0.02;

    @Mixin
    private IntervalOptions interval = new IntervalOptions();

    @Option(names = "--shard", paramLabel = "i/N", description = "Runs only this machine's share of the grid "
            + "(points whose index mod N is i-1); 'stagesim merge' joins the shards' folders.")
    private String shard;

    @Option(names = "--cluster", paramLabel = "HOST:PORT,…", description = "Runs the grid's points on the workers "
            + "of a cluster ('stagesim worker'), joined at these members; the results are the same byte for byte.")
    private String cluster;

    @Option(names = "--cluster-wait", defaultValue = "30s", paramLabel = "DURATION", description = "How long to wait "
            + "for a worker before giving up (default: ${DEFAULT-VALUE}).")
    private String clusterWait;

    @Mixin
    private ClusterOptions members = new ClusterOptions();

    @Option(names = "--out", description = "Folder for the results (default: reports/<scenario name>-sweep).")
    private Path out;

    @Option(names = "--force", description = "Overwrite results already in the output folder.")
    private boolean force;

    @Override
    public Integer call() {
        StressCommand.checkPrecision(precision);
        Scenario base = run.apply(set.load(file), null);
        Sweep.Loader loader = settings -> {
            List<String> all = new ArrayList<>(set.settings);
            all.addAll(settings);
            try {
                return run.apply(ScenarioLoader.load(file, all), null);
            } catch (ScenarioException e) {
                throw new UserError(e.getMessage().stripTrailing());
            }
        };
        if (sensitivity != null) {
            if (shard != null) {
                throw new UserError("--shard splits a grid (--vary); a sensitivity analysis is not split (give "
                        + "--cluster to share out its capacity searches)");
            }
            if (!vary.isEmpty()) {
                throw new UserError("give either --vary (a grid) or --sensitivity (one setting at a time), not both");
            }
            return sensitivity(base, loader);
        }
        if (!params.isEmpty()) {
            throw new UserError("--param names a setting for --sensitivity; for a grid give --vary KEY=V1,V2");
        }
        if (vary.isEmpty()) {
            throw new UserError("give --vary KEY=V1,V2,… (e.g. --vary services.gunicorn.workers=3,5,9) or "
                    + "--sensitivity 20%");
        }
        List<Sweep.Dimension> dims = new ArrayList<>();
        for (String v : vary) {
            dims.add(dimension(v));
        }
        Sweep.Measure m = switch (measure) {
            case "capacity" -> Sweep.Measure.CAPACITY;
            case "run" -> Sweep.Measure.RUN;
            default -> throw new UserError("--measure must be capacity or run, was '" + measure + "'");
        };
        SloSpec slo = m == Sweep.Measure.CAPACITY ? slo(base) : base.slo();
        CapacitySearch.Replicating replicating = interval.replicating(List.of(base));
        if (cluster != null && replicating.adding()) {
            throw new UserError("--interval-precision runs on one machine: a cluster's work items do not carry it yet "
                    + "(leave out --cluster, or --interval-precision)");
        }
        Sweep.Shard part = shard(shard);
        List<List<String>> grid = Sweep.grid(dims);
        for (List<String> point : grid) {
            loader.load(point); // every point's settings are checked before anything runs
        }
        if (cluster != null) { // and the cluster's options, before a folder is reserved
            members.secret();
            members.checkedName();
            ClusterOptions.addresses("--cluster", cluster);
            waitMillis();
        }
        OutputFolder folder = OutputFolder.reserve(out != null ? out
                : SafeFiles.reportsRoot().resolve(ScenarioName.slug(base.name()) + "-sweep"), force, "sweep.json",
                "sweep.csv", "report.html");
        ProgressBar bar = ProgressBar.onStandardError();
        List<SweepReporter.PointFile> done = new CopyOnWriteArrayList<>();
        try (OnInterrupt guard = new OnInterrupt(folder, () -> {
            if (!done.isEmpty()) {
                List<SweepReporter.PointFile> kept = new ArrayList<>(done);
                kept.sort(java.util.Comparator.comparingInt(SweepReporter.PointFile::index));
                write(folder, SweepReporter.file(base.name(), m, dims, part, grid.size(), kept));
                System.err.println("\nstagesim: interrupted; the " + done.size() + " of " + grid.size()
                        + " points finished are in " + SafeFiles.shown(folder.resolve("sweep.json")));
            }
        })) {
            SweepReporter.SweepFile f;
            Sweep.Result local = null;
            if (cluster != null) {
                List<Integer> mine = java.util.stream.IntStream.range(0, grid.size()).filter(part::has).boxed()
                        .toList();
                f = SweepReporter.file(base.name(), m, dims, part, grid.size(), ClusterSweep.run(members, cluster,
                        waitMillis(), new ClusterSweep.Job(file, set.settings, run, m, slo, precision), grid, mine,
                        bar, done::add));
            } else {
                try {
                    local = Sweep.run(base.name(), loader, dims, m, slo, run.threads, precision, part,
                            (i, n, s) -> {
                                bar.label(String.join(" ", s));
                                bar.update(i, n);
                            }, p -> done.add(SweepReporter.point(p)), replicating);
                    f = SweepReporter.file(local);
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage());
                }
            }
            System.out.print(SweepReporter.summary(f));
            if (local != null && replicating.adding()) {
                System.out.println(Sweep.precision(local, slo == null ? SloSpec.NONE : slo, replicating));
            }
            if (guard.finish(() -> write(folder, f))) {
                System.out.println("\nResults: " + SafeFiles.shown(folder.resolve("sweep.json")) + ", "
                        + SafeFiles.shown(folder.resolve("sweep.csv")));
            }
            return Main.OK;
        }
    }

    private int sensitivity(Scenario base, Sweep.Loader loader) {
        CapacitySearch.Replicating replicating = interval.replicating(List.of(base));
        if (cluster != null && replicating.adding()) {
            throw new UserError("--interval-precision runs on one machine: a cluster's work items do not carry it yet "
                    + "(leave out --cluster, or --interval-precision)");
        }
        if (cluster != null) { // the cluster's options, before anything runs
            members.secret();
            members.checkedName();
            ClusterOptions.addresses("--cluster", cluster);
            waitMillis();
        }
        double share;
        try {
            share = Units.fraction(sensitivity);
        } catch (IllegalArgumentException e) {
            throw new UserError("--sensitivity: " + e.getMessage());
        }
        if (!(share > 0 && share < 1)) {
            throw new UserError("--sensitivity must be above 0% and below 100%, was " + sensitivity);
        }
        SloSpec slo = slo(base);
        List<String> keys = new ArrayList<>(params);
        if (keys.isEmpty()) {
            try {
                keys.addAll(ScenarioLoader.keysNamed(file, List.of("hosts", "services"), DEFAULT_NAMES));
            } catch (ScenarioException e) {
                throw new UserError(e.getMessage().stripTrailing());
            }
            for (String r : base.requests().keySet()) {
                keys.add("requests." + r + ".view.cpu");
            }
        }
        List<String> bases = new ArrayList<>();
        List<String> lows = new ArrayList<>();
        List<String> highs = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (String k : keys) {
            String v;
            try {
                v = ScenarioLoader.value(file, set.settings, k);
            } catch (ScenarioException e) {
                throw new UserError(e.getMessage().stripTrailing());
            }
            if (v == null) {
                throw new UserError("--param " + k + ": the scenario has no single value there (a key with a number, "
                        + "a duration or a distribution, such as services.gunicorn.workers)");
            }
            String lo;
            String hi;
            try {
                lo = Scaling.scale(v, 1 - share);
                hi = Scaling.scale(v, 1 + share);
            } catch (IllegalArgumentException e) {
                if (!params.isEmpty()) {
                    throw new UserError("--param " + k + ": " + e.getMessage());
                }
                continue; // a default that cannot be scaled (an empirical distribution) is left out
            }
            if (lo.equals(v) && hi.equals(v)) {
                continue;
            }
            used.add(k);
            bases.add(v);
            lows.add(lo);
            highs.add(hi);
        }
        if (used.isEmpty()) {
            throw new UserError("nothing to move: name settings with --param KEY");
        }
        for (int i = 0; i < used.size(); i++) {
            loader.load(List.of(used.get(i) + "=" + lows.get(i)));
            loader.load(List.of(used.get(i) + "=" + highs.get(i)));
        }
        OutputFolder folder = OutputFolder.reserve(out != null ? out
                : SafeFiles.reportsRoot().resolve(ScenarioName.slug(base.name()) + "-sensitivity"), force,
                "sensitivity.json", "report.html");
        ProgressBar bar = ProgressBar.onStandardError();
        try (OnInterrupt guard = new OnInterrupt(folder, () -> System.err.println(
                "\nstagesim: interrupted; a sensitivity analysis keeps nothing until it has every swing"))) {
            SweepReporter.SensitivityFile f;
            if (cluster != null) {
                // the same capacity searches as grid points: as written, then each setting low and high
                List<List<String>> grid = new ArrayList<>();
                grid.add(List.of());
                for (int i = 0; i < used.size(); i++) {
                    grid.add(List.of(used.get(i) + "=" + lows.get(i)));
                    grid.add(List.of(used.get(i) + "=" + highs.get(i)));
                }
                List<Integer> all = java.util.stream.IntStream.range(0, grid.size()).boxed().toList();
                List<SweepReporter.PointFile> points = ClusterSweep.run(members, cluster, waitMillis(),
                        new ClusterSweep.Job(file, set.settings, run, Sweep.Measure.CAPACITY, slo, precision), grid,
                        all, bar, p -> { });
                f = SweepReporter.sensitivity(base.name(), share, used, bases, lows, highs, points);
            } else {
                Sweep.Sensitivity s;
                try {
                    s = Sweep.sensitivity(base.name(), loader, share, used, bases, lows, highs, slo, run.threads,
                            precision, (i, n, settings) -> {
                                bar.label(settings.isEmpty() ? "as written" : String.join(" ", settings));
                                bar.update(i, n);
                            }, replicating);
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage());
                }
                f = SweepReporter.file(s);
            }
            System.out.print(SweepReporter.tornado(f));
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("sensitivity.json", Json.write(f).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            files.putAll(io.stagesim.report.SweepCharts.files(f));
            files.put("report.html", io.stagesim.report.SweepReport.html(f, files.get("tornado.png")));
            if (guard.finish(() -> SafeFiles.writeAll(folder.path(), files))) {
                System.out.println("\nResults: " + SafeFiles.shown(folder.resolve("sensitivity.json")) + ", "
                        + SafeFiles.shown(folder.resolve("tornado.png")));
            }
            return Main.OK;
        }
    }

    private SloSpec slo(Scenario s) {
        SloSpec slo = objective.or(s.slo());
        if (!slo.isSet()) {
            throw new UserError("no objective: add one to the scenario (slo: {p99: 500ms, error_rate: 1%}) "
                    + "or give --p99 / --p95 / --p50 / --error-rate");
        }
        return slo;
    }

    private long waitMillis() {
        try {
            long ns = Units.duration(clusterWait);
            if (ns > 0) {
                return Math.max(1, ns / 1_000_000);
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new UserError("--cluster-wait must be a duration above 0 such as 30s, was '" + clusterWait + "'");
    }

    /** sweep.json, sweep.csv and the capacity chart of {@code f} into {@code folder}. */
    static void write(OutputFolder folder, SweepReporter.SweepFile f) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("sweep.json", Json.write(f).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        files.put("sweep.csv", SweepReporter.csv(f).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        files.putAll(io.stagesim.report.SweepCharts.files(f));
        byte[] report = io.stagesim.report.SweepReport.html(f);
        if (report != null) { // a shard's share has none: merging the shards writes it
            files.put("report.html", report);
        }
        SafeFiles.writeAll(folder.path(), files);
    }

    /** {@code i/N}, or the whole grid when null. */
    static Sweep.Shard shard(String text) {
        if (text == null) {
            return Sweep.Shard.WHOLE;
        }
        String[] p = text.split("/");
        try {
            if (p.length == 2) {
                return new Sweep.Shard(Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip()));
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new UserError("--shard " + text + ": expected i/N with 1 <= i <= N, such as 2/4 (the second of four "
                + "machines)");
    }

    /** {@code KEY=V1,V2,…}, split at the commas outside brackets (a distribution keeps its own). */
    static Sweep.Dimension dimension(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new UserError("--vary " + spec + ": expected KEY=V1,V2,…, such as services.gunicorn.workers=3,5,9");
        }
        List<String> values = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : spec.substring(eq + 1).toCharArray()) {
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                values.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        values.add(cur.toString().strip());
        if (values.stream().anyMatch(String::isEmpty) || depth != 0) {
            throw new UserError("--vary " + spec + ": an empty value or unbalanced brackets; values are separated "
                    + "by commas, such as 3,5,9");
        }
        if (values.stream().distinct().count() != values.size()) {
            throw new UserError("--vary " + spec + ": a value is given twice");
        }
        return new Sweep.Dimension(spec.substring(0, eq).strip(), List.copyOf(values));
    }
}
