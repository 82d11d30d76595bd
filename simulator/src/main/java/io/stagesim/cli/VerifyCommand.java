package io.stagesim.cli;

import io.stagesim.run.ReplicationRunner;
import io.stagesim.verify.Check;
import io.stagesim.verify.TheoryCase;
import io.stagesim.verify.TheoryCases;
import io.stagesim.verify.Verifier;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stagesim verify}: runs the textbook models with exact answers and prints, for each, the
 * exact value beside the simulated 99.9 % confidence interval. Exit code 1 if any check fails.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks the simulator against queueing theory: M/M/1, M/M/c, M/D/1, M/G/1, M/M/c/K,",
            "Erlang B, processor sharing, nested pools, Jackson and closed (MVA) networks.",
            "Prints each exact value beside the simulated 99.9%% confidence interval."})
final class VerifyCommand implements Callable<Integer> {

    @Option(names = "--seed", description = "Master random seed (default: ${DEFAULT-VALUE}).")
    private long seed = 1;

    @Option(names = "--threads", description = "Replications run at once (default: number of cores).")
    private int threads = ReplicationRunner.defaultThreads();

    @Option(names = "--case", description = "Run only the cases whose name contains this text.")
    private String only;

    @Override
    public Integer call() {
        if (threads < 1) {
            throw new UserError("--threads must be >= 1, was " + threads);
        }
        PrintStream out = System.out;
        List<TheoryCase> cases = new ArrayList<>();
        for (TheoryCase c : TheoryCases.all()) {
            if (only == null || c.name().contains(only)) {
                cases.add(c);
            }
        }
        if (cases.isEmpty()) {
            throw new UserError("no case name contains '" + only + "'; cases are: "
                    + TheoryCases.all().stream().map(TheoryCase::name).toList());
        }
        ProgressBar bar = ProgressBar.onStandardError();
        int failed = 0;
        int total = 0;
        out.printf("%-16s %-44s %14s %28s  %s%n", "case", "quantity", "exact", "simulated (99.9% CI)", "result");
        for (TheoryCase c : cases) {
            bar.label(c.name());
            for (Check check : Verifier.verify(c, seed, threads, bar::update)) {
                total++;
                String verdict = check.passed() ? "ok" : !check.covered() ? "FAIL (outside CI)" : "FAIL (CI too wide)";
                if (!check.passed()) {
                    failed++;
                }
                out.printf("%-16s %-44s %14.6g %16.6g ± %-9.3g  %s%n", c.name(), check.label(), check.exact(),
                        check.simulated().mean(), check.simulated().halfWidth(), verdict);
            }
        }
        out.printf("%d passed, %d failed%n", total - failed, failed);
        return failed == 0 ? Main.OK : Main.FAILED;
    }
}
