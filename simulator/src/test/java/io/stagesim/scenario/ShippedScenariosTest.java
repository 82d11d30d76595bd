package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.run.ReplicationResult;
import io.stagesim.run.ScenarioRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file shipped in scenarios/ loads, validates and runs (a short replication), so that no
 * shipped scenario can rot. Conservation is checked inside every run.
 */
final class ShippedScenariosTest {

    static Stream<Path> files() throws IOException {
        Path dir = Path.of("..", "scenarios");
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void shippedScenario_loadsAndRuns(Path file) throws ScenarioException {
        Scenario s = ScenarioLoader.load(file);
        RunSpec r = s.run();
        Scenario shorter = new Scenario(s.name(), s.description(), s.file(),
                new RunSpec(Math.min(r.duration(), 30_000_000_000L), Math.min(r.warmup(), 5_000_000_000L), 1, r.seed(),
                        r.window()), s.network(), s.hosts(), s.services(), s.requests(), s.slo());
        ReplicationResult rep = ScenarioRun.replication(shorter, 0);
        long offered = rep.classes().stream().mapToLong(ReplicationResult.ClassRow::offered).sum();
        assertTrue(offered > 0, "no page views offered in " + file);
        for (ReplicationResult.ResourceRow row : rep.resources()) {
            assertTrue(Double.isNaN(row.utilization()) || row.utilization() <= 1 + 1e-9,
                    row.service() + " " + row.resource() + " utilisation " + row.utilization());
        }
        assertEquals(s.name(), shorter.name());
    }
}
