package io.stagesim.cli;

import io.stagesim.report.ExplainReporter;
import io.stagesim.run.Explanation;
import io.stagesim.run.RequestPaths;
import io.stagesim.run.ScenarioResult;
import io.stagesim.run.ScenarioRun;
import io.stagesim.scenario.Scenario;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stagesim explain FILE}: the path of each request and the demand on every resource. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Prints each request class's path through the model with the demand at each step, then",
            "runs the scenario and applies the operational laws: demand per page view at every resource,",
            "the throughput each allows, and the bound."})
final class ExplainCommand implements Callable<Integer> {

    @Mixin
    private RunOptions run = new RunOptions();

    @Mixin
    private SetOptions set = new SetOptions();

    @Parameters(paramLabel = "FILE", description = "The scenario file (YAML).")
    private Path file;

    @Option(names = "--rate", description = "Offered page views per second for the measuring run.")
    private String rate;

    @Option(names = "--users", description = "Users of a closed workload (its think time unchanged).")
    private Integer users;




    @Override
    public Integer call() {
        Scenario s = run.apply(set.load(file), rate, users);
        System.out.print(io.stagesim.report.TextTable.fit(ExplainReporter.paths(RequestPaths.of(s)), Terminal.width()));
        ProgressBar bar = ProgressBar.onStandardError();
        bar.label(s.name());
        ScenarioResult r = ScenarioRun.run(s, run.threads, bar::update);
        System.out.print(ExplainReporter.analysis(Explanation.of(s, r), Terminal.width()));
        return Main.OK;
    }
}
