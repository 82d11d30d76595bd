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
        return Provenance.of(withCommit(version, System.getenv("STAGESIM_COMMIT")), String.join(" ", args), files,
                scenarios);
    }

    /**
     * {@code version} with the git commit the launcher found its checkout at ({@code STAGESIM_COMMIT}:
     * an abbreviated or full hash, "-dirty" when tracked files were changed); unchanged when there is
     * none or it is not such a hash.
     */
    static String withCommit(String version, String commit) {
        return commit != null && commit.matches("[0-9a-f]{7,40}(-dirty)?") ? version + " (commit " + commit + ")"
                : version;
    }

    /** {@code a} as a shell would need it: in single quotes when it holds anything but safe characters. */
    static String quoted(String a) {
        return a.matches("[A-Za-z0-9_./=:,%+@-]+") ? a : "'" + a.replace("'", "'\\''") + "'";
    }
}
