package io.stagesim.cli;

import io.stagesim.report.JsonReporter;
import io.stagesim.report.TextReporter;
import io.stagesim.run.ReplicationRunner;
import io.stagesim.run.ScenarioResult;
import io.stagesim.run.ScenarioRun;
import io.stagesim.run.SloVerdict;
import io.stagesim.scenario.Scenario;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stagesim run FILE}: runs a scenario, prints a summary and writes results.json. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a scenario and prints throughput, errors, latency percentiles, utilisation of every",
            "resource and the bottleneck; writes every figure to DIR/results.json."})
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The scenario file (YAML).")
    private Path file;

    @Option(names = "--seed", description = "Master seed (default: the scenario's run.seed).")
    private Long seed;

    @Option(names = "--replications", description = "Independent replications (default: the scenario's).")
    private Integer replications;

    @Option(names = "--duration", description = "Simulated time per replication, e.g. 120s.")
    private String duration;

    @Option(names = "--warmup", description = "Initial time discarded from the statistics, e.g. 20s, or 'auto' (MSER-5).")
    private String warmup;

    @Option(names = "--rate", description = "Offered page views per second, e.g. 200/s (scales a profile's peak).")
    private String rate;

    @Option(names = "--out", description = "Folder for results (default: reports/<scenario name>).")
    private Path out;

    @Option(names = "--force", description = "Overwrite results already in the output folder.")
    private boolean force;

    @Option(names = "--threads", description = "Replications run at once (default: cores; results do not depend on it).")
    private int threads = ReplicationRunner.defaultThreads();

    @Override
    public Integer call() {
        if (threads < 1) {
            throw new UserError("--threads must be >= 1, was " + threads);
        }
        Scenario s = Overrides.apply(ScenarioFiles.load(file), seed, replications, duration, warmup, rate);
        ProgressBar bar = ProgressBar.onStandardError();
        bar.label(s.name());
        ScenarioResult result = ScenarioRun.run(s, threads, bar::update);
        System.out.print(TextReporter.summary(result));
        Path folder = SafeFiles.freshFolder(out != null ? out : SafeFiles.reportsRoot().resolve(s.name()), force);
        Path json = folder.resolve("results.json");
        SafeFiles.write(json, JsonReporter.toJson(result));
        System.out.println("\nResults: " + SafeFiles.shown(json));
        if (s.slo().isSet()) {
            SloVerdict v = SloVerdict.of(result, s.slo());
            System.out.println("\nObjective (" + s.slo().describe() + "), all page views:");
            v.lines().forEach(l -> System.out.println("  " + l));
            if (!v.met()) {
                System.out.println("The objective was missed: exit code " + Main.FAILED + ".");
                return Main.FAILED;
            }
        }
        return Main.OK;
    }
}
