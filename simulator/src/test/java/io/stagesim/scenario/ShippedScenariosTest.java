package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file shipped in scenarios/ loads, validates and runs with its faults, and its books
 * balance when the run ends ({@link Conservation}: every node, station, pool, request class and
 * fault). The golden test runs replication 0 of each in full; this one runs replication 1, another
 * sample path, for at most {@link #LONGEST} of simulated time (so the 30-minute spike files stay
 * cheap; their spikes start within it).
 */
final class ShippedScenariosTest {

    /** The longest simulated time run here. */
    static final long LONGEST = 400_000_000_000L;

    static Stream<Path> files() throws IOException {
        Path dir = Path.of("..", "scenarios");
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getParent().getFileName().toString().equals("prices")) // price books
                    .sorted().toList().stream();
        }
    }

    // A shipped file that cannot run, or runs and loses or invents a request, fails here.
    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void shippedScenario_runsWithItsFaults_andItsBooksBalance(Path file) throws ScenarioException {
        Scenario s = ScenarioLoader.load(file);
        RunSpec r = s.run();
        long duration = Math.min(r.duration(), LONGEST);
        Scenario shorter = s.withRun(r.with(duration, r.warmup() < 0 ? r.warmup() : Math.min(r.warmup(), duration / 4),
                1, r.seed()));
        ReplicationResult rep = Conservation.replication(shorter, 1);
        assertNull(rep.stoppedBecause(), file + " stopped early");
        assertTrue(rep.all().offered() > 0, "no page views offered in the measured period of " + file);
        for (int i = 0; i < s.faults().size(); i++) {
            FaultSpec f = s.faults().get(i);
            if (f.probability() >= 1 && f.at() < duration) {
                assertTrue(rep.faults().get(i).happened(), f.describe() + " did not happen in " + file);
            }
        }
    }
}
