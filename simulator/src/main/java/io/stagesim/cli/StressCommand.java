package io.stagesim.cli;

import io.stagesim.report.StressReporter;
import io.stagesim.run.CapacitySearch;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioName;
import io.stagesim.scenario.SloSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stagesim stress FILE}: the highest load that meets the objective, and what limits it. */
@Command(name = "stress", mixinStandardHelpOptions = true,
        description = {"Finds the scenario's capacity: the highest offered page views per second that meet its",
            "objective (slo in the file, or --p50/--p95/--p99/--error-rate), with its interval and the",
            "resource that saturates first. Writes DIR/stress.json."})
final class StressCommand implements Callable<Integer> {

    @Mixin
    private RunOptions run = new RunOptions();

    @Mixin
    private SetOptions set = new SetOptions();

    @Parameters(paramLabel = "FILE", description = "The scenario file (YAML), with an open workload.")
    private Path file;

    @Mixin
    private ObjectiveOptions objective = new ObjectiveOptions();

    @Option(names = "--precision",
            description = "Relative width at which the search stops, at least 1e-6 (default: ${DEFAULT-VALUE}).")
    private double precision = 0.02;

    @picocli.CommandLine.Mixin
    private IntervalOptions interval = new IntervalOptions();




    @Option(names = "--out", description = "Folder for stress.json (default: reports/<scenario name>-stress).")
    private Path out;

    @Option(names = "--force", description = "Overwrite a stress.json already in the output folder.")
    private boolean force;

    @Option(names = "--report", description = "Also write DIR/report.html: latency and throughput against "
            + "load, every load tried, the topology at capacity, provenance.")
    private boolean report;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;


    @Override
    public Integer call() {
        checkPrecision(precision);
        Scenario s = run.apply(set.load(file), null);
        SloSpec slo = objective.or(s.slo());
        if (!slo.isSet()) {
            throw new UserError("no objective: add one to the scenario (slo: {p99: 500ms, error_rate: 1%}) "
                    + "or give --p99 / --p95 / --p50 / --error-rate");
        }
        CapacitySearch.Replicating replicating = interval.replicating(java.util.List.of(s));
        // the folder is reserved before anything runs: a second stress test at once gets another one
        OutputFolder folder = OutputFolder.reserve(out != null ? out
                : SafeFiles.reportsRoot().resolve(ScenarioName.slug(s.name()) + "-stress"), force, "stress.json", "report.html");
        Path json = folder.resolve("stress.json");
        ProgressBar bar = ProgressBar.onStandardError();
        // Ctrl-C (or a kill) mid-search: the points already finished are written, marked partial
        List<CapacitySearch.Point> found = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (OnInterrupt guard = new OnInterrupt(folder, () -> {
            if (!found.isEmpty()) {
                SafeFiles.write(json, StressReporter.toJson(CapacitySearch.summarise(s.name(), slo, found), true));
                System.err.println("\nstagesim: interrupted; the " + found.size() + " load points finished are in "
                        + SafeFiles.shown(json) + " (marked partial)");
            }
        })) {
            CapacitySearch.Result r;
            try {
                r = CapacitySearch.run(s, slo, run.threads, precision, (index, max, point) -> {
                    found.add(point);
                    bar.label(String.format(java.util.Locale.ROOT, "%s at %.1f/s", s.name(), point.rate()));
                    bar.update(index, max);
                }, replicating);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            System.out.print(StressReporter.summary(r, Terminal.width()));
            if (replicating.adding()) {
                System.out.print(io.stagesim.report.TextTable.wrap(replicating.sentence(r), Terminal.width(), ""));
            }
            String text = StressReporter.toJson(r, false);
            java.util.Map<String, byte[]> pages = report ? io.stagesim.report.RunReport.files(r, s,
                    Origin.of(spec, List.of(file), List.of(s))) : java.util.Map.of();
            if (guard.finish(() -> {
                SafeFiles.write(json, text);
                SafeFiles.writeAll(folder.path(), pages);
            })) {
                System.out.println("\nResults: " + SafeFiles.shown(json)
                        + (report ? "; report: " + SafeFiles.shown(folder.resolve("report.html")) : ""));
            }
            return Main.OK;
        }
    }

    /**
     * Refuses a precision finer than {@link CapacitySearch#MIN_PRECISION} (from about 1e-16 down,
     * 1 + precision == 1 and the bisection never ended) or of 1 or more.
     */
    static void checkPrecision(double precision) {
        if (!(precision >= CapacitySearch.MIN_PRECISION && precision < 1)) {
            throw new UserError("--precision must be at least 1e-6 and below 1 (the relative width at which the "
                    + "search stops: 0.02 is 2 %; finer than 1e-6 is far inside the simulation's noise), was "
                    + precision);
        }
    }
}
