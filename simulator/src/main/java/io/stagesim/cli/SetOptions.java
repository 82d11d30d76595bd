package io.stagesim.cli;

import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --set KEY=VALUE}, repeatable: settings applied to every scenario file a command loads. */
final class SetOptions {

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = {"Changes a setting of the scenario, as if the file said it (repeatable), e.g.",
                "services.gunicorn.workers=9, hosts.web.cores=4, requests.page.share=60%%."})
    List<String> settings = new ArrayList<>();

    /** Loads {@code file} with the settings applied; problems become a user error. */
    Scenario load(Path file) {
        try {
            return ScenarioLoader.load(file, settings);
        } catch (ScenarioException e) {
            throw new UserError(e.getMessage().stripTrailing());
        }
    }
}
