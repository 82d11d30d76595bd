package io.stagesim.cli;

import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.scenario.ScenarioWarnings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stagesim validate FILE…}: checks scenario files without running them. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks scenario files and lists every problem as file:line:column path: message.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Scenario files (YAML).")
    private List<Path> files;

    @picocli.CommandLine.Mixin
    private SetOptions set = new SetOptions();

    @Override
    public Integer call() {
        int bad = 0;
        for (Path f : files) {
            try {
                Scenario s = ScenarioLoader.load(f, set.settings);
                System.out.println(Main.printable(f + ": ok (" + s.name() + ": " + count(s.hosts().size(), "host") + ", "
                        + count(s.services().size(), "service") + ", " + count(s.requests().size(), "request class")
                        + ")"));
                for (String w : ScenarioWarnings.of(s)) {
                    System.err.println(f + ": warning: " + w);
                }
            } catch (ScenarioException e) {
                bad++;
                System.err.println(Main.printable(e.problems().format().stripTrailing()));
            }
        }
        return bad == 0 ? Main.OK : Main.BAD_INPUT;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : noun.endsWith("s") ? "es" : "s");
    }
}
