package io.stagesim.cli;

import io.stagesim.report.Provenance;
import io.stagesim.scenario.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** The provenance of the command running: stagesim's version and the command line as typed. */
final class Origin {

    private Origin() {
    }

    /** The provenance of {@code spec}'s command, which read {@code files} as {@code scenarios}. */
    static Provenance of(CommandSpec spec, List<Path> files, List<Scenario> scenarios) {
        CommandSpec root = spec.root();
        String version = root.version().length > 0 ? root.version()[0] : root.name();
        List<String> args = new ArrayList<>();
        args.add(root.name());
        List<String> typed = root.commandLine().getParseResult() == null ? List.of()
                : root.commandLine().getParseResult().originalArgs();
        for (String a : typed) {
            args.add(quoted(a));
        }
        return Provenance.of(version, String.join(" ", args), files, scenarios);
    }

    /** {@code a} as a shell would need it: in single quotes when it holds anything but safe characters. */
    static String quoted(String a) {
        return a.matches("[A-Za-z0-9_./=:,%+@-]+") ? a : "'" + a.replace("'", "'\\''") + "'";
    }
}
