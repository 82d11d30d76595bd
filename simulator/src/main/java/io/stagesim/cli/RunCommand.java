package io.stagesim.cli;

import io.stagesim.report.JsonReporter;
import io.stagesim.report.TextReporter;
import io.stagesim.run.Pilot;
import io.stagesim.run.Precision;
import io.stagesim.run.ReplicationResult;
import io.stagesim.run.ScenarioResult;
import io.stagesim.run.ScenarioRun;
import io.stagesim.run.SloVerdict;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioName;
import io.stagesim.scenario.ScenarioWarnings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stagesim run FILE}: runs a scenario, prints a summary and writes results.json. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a scenario and prints throughput, errors, latency percentiles, utilisation of every",
            "resource and the bottleneck; writes every figure to DIR/results.json."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    private RunOptions run = new RunOptions();

    @Mixin
    private SetOptions set = new SetOptions();

    @Parameters(paramLabel = "FILE", description = "The scenario file (YAML).")
    private Path file;





    @Option(names = "--rate", description = "Offered page views per second, e.g. 200/s (scales a profile's peak).")
    private String rate;

    @Option(names = "--users", description = "Users of a closed workload (its think time unchanged).")
    private Integer users;

    @Option(names = "--out", description = "Folder for results (default: reports/<scenario name>).")
    private Path out;

    @Option(names = "--precision", paramLabel = "SHARE", description = "Add replications until the 95%% interval "
            + "of the objective's latency percentile (or the mean latency) is within this share of it, e.g. 0.05.")
    private Double precision;

    @Option(names = "--max-replications", description = "The most replications --precision may run "
            + "(default: ${DEFAULT-VALUE}).")
    private int maxReplications = 50;

    @Option(names = "--force", description = "Overwrite results already in the output folder.")
    private boolean force;

    @Option(names = "--report", description = "Also write DIR/report.html: latency, throughput and errors by "
            + "cause over time, the levels kept, per-class and utilisation tables, the topology, provenance.")
    private boolean report;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;


    @Override
    public Integer call() {
        Scenario s = run.apply(set.load(file), rate, users);
        if (precision != null && !(precision > 0 && precision < 1)) {
            throw new UserError("--precision must be above 0 and below 1 (the relative half-width of the latency's "
                    + "95% interval: 0.05 is 5 %), was " + precision);
        }
        if (precision != null && maxReplications < Math.max(2, s.run().replications())) {
            throw new UserError("--max-replications must be at least " + Math.max(2, s.run().replications())
                    + " (the scenario's replications, and at least 2 for an interval), was " + maxReplications);
        }
        // the folder is reserved before anything runs: a second run at once gets another one
        OutputFolder folder = OutputFolder.reserve(out != null ? out
                : SafeFiles.reportsRoot().resolve(ScenarioName.slug(s.name())), force, "results.json", "report.html");
        Path json = folder.resolve("results.json");
        // Ctrl-C (or a kill) mid-run: the replications already finished are written, marked partial
        java.util.Map<Integer, ReplicationResult> finished =
                new java.util.concurrent.ConcurrentSkipListMap<>();
        try (OnInterrupt guard = new OnInterrupt(folder, () -> {
            java.util.List<ReplicationResult> reps = new java.util.ArrayList<>(finished.values());
            if (!reps.isEmpty()) {
                SafeFiles.write(json, JsonReporter.toJson(ScenarioResult.of(s, reps).withPartial("interrupted: "
                        + reps.size() + " of " + s.run().replications() + " replications finished, " + finished.keySet())));
                System.err.println("\nstagesim: interrupted; the " + reps.size() + " replications finished are in "
                        + SafeFiles.shown(json) + " (marked partial)");
            }
        })) {
            String warning = Pilot.warning(s);
            if (warning != null) {
                System.err.println("stagesim: warning: " + warning);
            }
            for (String w : ScenarioWarnings.of(s)) {
                System.err.println("stagesim: warning: " + w);
            }
            ProgressBar bar = ProgressBar.onStandardError();
            bar.label(s.name());
            Precision.Outcome[] reached = new Precision.Outcome[1];
            ScenarioResult result = precision == null
                    ? ScenarioRun.run(s, run.threads, bar::update, (r, i) -> finished.put(i, r))
                    : Precision.run(s, run.threads, bar::update, (r, i) -> finished.put(i, r), precision,
                            maxReplications, o -> reached[0] = o);
            System.out.print(TextReporter.summary(result, Terminal.width()));
            if (reached[0] != null) {
                System.out.print("\n" + io.stagesim.report.TextTable.fit(reached[0].sentence() + "\n",
                        Terminal.width()));
            }
            String text = reached[0] == null ? JsonReporter.toJson(result) : JsonReporter.toJson(result, reached[0]);
            java.util.Map<String, byte[]> pages = report ? io.stagesim.report.RunReport.files(result, s,
                    Origin.of(spec, java.util.List.of(file), java.util.List.of(s))) : java.util.Map.of();
            if (!guard.finish(() -> {
                SafeFiles.write(json, text);
                SafeFiles.writeAll(folder.path(), pages);
            })) {
                return Main.FAILED; // stopped: the hook kept the replications finished
            }
            System.out.println("\nResults: " + SafeFiles.shown(json)
                    + (report ? "; report: " + SafeFiles.shown(folder.resolve("report.html")) : ""));
            return verdict(s, result);
        }
    }

    private static int verdict(Scenario s, ScenarioResult result) {
        if (!s.slo().isSet() && result.stoppedEarly() > 0) {
            // no objective to judge, but a run that could not finish is no success either
            System.out.println("\n" + result.stoppedEarly() + " of " + result.replications() + " replication(s) "
                    + "stopped early: exit code " + Main.FAILED + ".");
            return Main.FAILED;
        }
        if (s.slo().isSet()) {
            SloVerdict v = SloVerdict.of(result, s.slo());
            System.out.println("\nObjective (" + s.slo().describe() + "), all page views:");
            v.lines().forEach(l -> System.out.print(io.stagesim.report.TextTable.fit("  " + l + "\n",
                    Terminal.width())));
            if (!v.met()) {
                System.out.println("The objective was missed: exit code " + Main.FAILED + ".");
                return Main.FAILED;
            }
        }
        return Main.OK;
    }
}
