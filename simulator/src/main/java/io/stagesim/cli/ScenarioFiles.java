package io.stagesim.cli;

import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;

/** Loads scenario files for commands, turning problems into a user error (exit code 2). */
final class ScenarioFiles {

    private ScenarioFiles() {
    }

    static Scenario load(Path file) {
        try {
            return ScenarioLoader.load(file);
        } catch (ScenarioException e) {
            throw new UserError(e.getMessage().stripTrailing());
        }
    }
}
