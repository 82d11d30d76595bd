package io.stagesim.cli;

import io.stagesim.report.BaselineReporter;
import io.stagesim.report.CompareReporter;
import io.stagesim.report.HtmlReport;
import io.stagesim.report.Json;
import io.stagesim.report.ResultsFile;
import io.stagesim.run.CapacitySearch;
import io.stagesim.run.Comparison;
import io.stagesim.scenario.ParserMessages;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioName;
import io.stagesim.scenario.SloSpec;
import io.stagesim.scenario.Units;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stagesim compare FILE…}: the stages' capacities side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Stress-tests each scenario under the same objective and prints them side by side:",
            "capacity with its interval, latency at a common reference load (or --at RATE), bottleneck, bill",
            "and the cheapest stage that meets the objective there. Writes",
            "DIR/report.html (charts embedded), the charts as PNG and SVG with their data as CSV and JSON,",
            "and DIR/compare.json."})
final class CompareCommand implements Callable<Integer> {

    @Mixin
    private RunOptions run = new RunOptions();

    @Mixin
    private SetOptions set = new SetOptions();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Scenario files (YAML), open workloads.")
    private List<Path> files;

    @Mixin
    private ObjectiveOptions objective = new ObjectiveOptions();

    @Option(names = "--precision", description = "Relative width at which each search stops (default: ${DEFAULT-VALUE}).")
    private double precision = 0.05;

    @Mixin
    private IntervalOptions interval = new IntervalOptions();

    @Option(names = "--stress-duration", description = "Simulated time per replication of the stress tests and "
        + "the reference runs only (the survival runs keep the scenarios' own), e.g. 300s.")
    private String stressDuration;

    @Option(names = "--at", paramLabel = "RATE", description = "The load to judge every stage at instead of the lowest "
        + "capacity, e.g. 300/s: whether each meets the objective there, its bill there, and the cheapest that does.")
    private String at;

    @Option(names = "--out", description = "Folder for compare.json and report.html (default: reports/compare); "
        + "with --baseline, for diff.html (written only when --out is given).")
    private Path out;

    @Option(names = "--force", description = "Overwrite a compare.json already in the output folder.")
    private boolean force;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--baseline", description = "Compare two saved results instead: BASELINE.json RUN.json "
        + "(results.json files written by 'run'), figure by figure, marking significant changes; warns when the "
        + "loads, seeds or topologies differ, and writes DIR/diff.html.")
    private boolean baseline;

    @Override
    public Integer call() {
        if (baseline) {
            return baseline();
        }
        StressCommand.checkPrecision(precision);
        List<Scenario> scenarios = new ArrayList<>();
        for (Path f : files) {
            scenarios.add(run.apply(set.load(f), null));
        }
        refuseSharedNames(scenarios);
        SloSpec slo = objective(scenarios);
        io.stagesim.run.CapacitySearch.Replicating replicating = interval.replicating(scenarios);
        long stress = stressDuration();
        double atRate = atRate();
        // the folder is reserved before anything runs: a second comparison at once gets another one
        OutputFolder folder = OutputFolder.reserve(out != null ? out : SafeFiles.reportsRoot().resolve("compare"), force,
                "compare.json", "report.html", "compare-partial.json");
        ProgressBar bar = ProgressBar.onStandardError();
        // Ctrl-C: the stages whose stress test finished are written to compare-partial.json
        List<CapacitySearch.Result> finished = new java.util.concurrent.CopyOnWriteArrayList<>();
        // progress in load points: a search takes about 12 of them per stage
        int expected = 12 * scenarios.size();
        try (OnInterrupt guard = new OnInterrupt(folder, () -> {
            if (!finished.isEmpty()) {
                Path partial = folder.resolve("compare-partial.json");
                SafeFiles.write(partial, CompareReporter.partialJson(slo, finished));
                System.err.println("\nstagesim: interrupted; the " + finished.size() + " stage(s) finished are in "
                        + SafeFiles.shown(partial));
            }
        })) {
            Comparison.Result c;
            List<io.stagesim.run.Precision.Outcome> reached = new ArrayList<>();
            try {
                c = Comparison.run(scenarios, slo, run.threads, precision, new Comparison.Progress() {
                    @Override
                    public void working(String name, double rate, int stage, int stages, int point) {
                        bar.label(String.format(java.util.Locale.ROOT, "%s at %.0f/s", name, rate));
                        bar.update(Math.min(expected - 1, (stage - 1) * 12 + Math.min(point, 11)), expected);
                    }

                    @Override
                    public void stageDone(int stage, CapacitySearch.Result result) {
                        finished.add(result);
                        bar.update(stage * 12, expected);
                    }
                }, stress, atRate, replicating, reached::add);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            System.out.print(CompareReporter.summary(c, Terminal.width()));
            if (replicating.adding()) {
                for (int i = 0; i < c.rows().size(); i++) {
                    System.out.print(io.stagesim.report.TextTable.wrap(c.rows().get(i).scenario() + ": "
                            + replicating.sentence(c.rows().get(i).stress()) + " At the reference load: "
                            + reached.get(i).sentence(), Terminal.width(), ""));
                }
            }
            // figures first, then the report, then the charts: a full disk loses the least precious
            java.util.Map<String, byte[]> report = HtmlReport.files(c, Origin.of(spec, files, scenarios));
            if (guard.finish(() -> SafeFiles.writeAll(folder.path(), report))) {
                System.out.println("\nReport: " + SafeFiles.shown(folder.resolve("report.html")) + " (charts as PNG "
                        + "and SVG, their data as CSV and JSON, in " + SafeFiles.shown(folder.resolve("charts"))
                        + ", figures in compare.json)");
            }
            return Main.OK;
        }
    }

    /**
     * Refuses, before anything runs, two scenarios of the same name (their rows, series and files
     * would be confused) or whose names give the same file name (as {@code a/b} and {@code a-b},
     * or {@code Shop} and {@code shop} on a file system that ignores case).
     */
    private void refuseSharedNames(List<Scenario> scenarios) {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < scenarios.size(); i++) {
            String name = scenarios.get(i).name();
            String key = ScenarioName.slug(name).toLowerCase(java.util.Locale.ROOT);
            Integer j = seen.putIfAbsent(key, i);
            if (j != null) {
                String other = scenarios.get(j).name();
                throw new UserError(files.get(j) + " and " + files.get(i) + (other.equals(name)
                        ? " are both named '" + name + "'"
                        : " are named '" + other + "' and '" + name + "', which give the same file name '" + key + "'")
                        + "; compare needs a distinct name per stage (set name: in one of them)");
            }
        }
    }

    private double atRate() {
        if (at == null) {
            return 0;
        }
        double r;
        try {
            r = Units.rate(at);
        } catch (IllegalArgumentException e) {
            throw new UserError("--at: " + e.getMessage());
        }
        if (!(r > 0)) {
            throw new UserError("--at must be a load above 0/s, such as 300/s; was " + at);
        }
        return r;
    }

    private long stressDuration() {
        if (stressDuration == null) {
            return 0;
        }
        long stress;
        try {
            stress = Units.duration(stressDuration);
        } catch (IllegalArgumentException e) {
            throw new UserError("--stress-duration: " + e.getMessage());
        }
        if (stress <= 0) {
            throw new UserError("--stress-duration must be greater than 0, was " + stressDuration);
        }
        return stress;
    }

    private int baseline() {
        if (files.size() != 2) {
            throw new UserError("--baseline compares exactly two results.json files: BASELINE RUN; got " + files.size());
        }
        List<Json.Lenient<ResultsFile>> saved = new ArrayList<>();
        for (Path f : files) {
            if (!java.nio.file.Files.isRegularFile(f)) { // a FIFO or a device would never end
                throw new UserError(f + ": not a regular file; give a results.json written by 'stagesim run'");
            }
            saved.add(results(f));
        }
        String baselineName = files.get(0).toString();
        String runName = files.get(1).toString();
        BaselineReporter.Result r = BaselineReporter.compare(baselineName, saved.get(0), runName, saved.get(1));
        for (String w : r.warnings()) {
            System.err.print(io.stagesim.report.TextTable.fit("stagesim: warning: " + w + "\n", Terminal.width()));
        }
        System.out.print(BaselineReporter.summary(baselineName, runName, r.lines(), Terminal.width()));
        if (out == null) {
            System.out.println("\n(give --out DIR to write the same as DIR/diff.html)");
            return Main.OK;
        }
        try (OutputFolder folder = OutputFolder.reserve(out, force, "diff.html")) {
            Path diff = folder.resolve("diff.html");
            SafeFiles.write(diff, io.stagesim.report.DiffReport.html(baselineName, runName, r));
            System.out.println("\nDiff: " + SafeFiles.shown(diff));
        }
        return Main.OK;
    }

    /**
     * A saved results.json as records, read leniently; a file that cannot be one is bad input, located
     * when it is not JSON.
     */
    private static Json.Lenient<ResultsFile> results(Path file) {
        Json.Lenient<ResultsFile> read;
        try {
            read = Json.lenient(Json.tree(file), ResultsFile.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new UserError(file + (at == null ? ":" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + " not a results.json written by 'stagesim run': "
                    + ParserMessages.plain(e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw new UserError(file + ": cannot read: " + (java.nio.file.Files.exists(file) ? e.getMessage()
                    : "file not found"));
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": not a results.json written by 'stagesim run': far too many values of the "
                    + "wrong type");
        }
        if (read.value() == null || read.value().requests() == null) {
            throw new UserError(file + ": not a results.json written by 'stagesim run' (no 'requests' mapping of "
                    + "request classes to figures)");
        }
        return read;
    }

    private SloSpec objective(List<Scenario> scenarios) {
        if (objective.given()) {
            return objective.or(SloSpec.NONE);
        }
        for (Scenario s : scenarios) {
            if (s.slo().isSet()) {
                return s.slo();
            }
        }
        throw new UserError("no objective: give --p99 (and/or --p50, --p95, --error-rate), or add 'slo:' to the "
                + "first scenario");
    }
}
