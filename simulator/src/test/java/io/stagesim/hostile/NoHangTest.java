package io.stagesim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.run.CapacitySearch;
import io.stagesim.scenario.RunSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.scenario.SloSpec;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 10, item 4: no input makes a command run for ever. The time-outs here are only a safety
 * net against a hang, never the assertion.
 */
final class NoHangTest {

    /** Generous: each of these ends in well under a second when it works. */
    private static final Duration SAFETY_NET = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    // stress --precision 1e-300 never ended: 1 + 1e-300 == 1, so the bisection could never narrow to it.
    @Test
    void precisionBelowFloor_refusedBeforeRunning() {
        for (String command : new String[] {"stress", "compare"}) {
            Cli.Result r = assertTimeoutPreemptively(SAFETY_NET, () -> Cli.run(command, Cli.MM1, "--p99", "50ms",
                    "--precision", "1e-300", "--out", dir.resolve(command).toString()));
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("--precision must be at least 1e-6"), r.err());
            assertEquals("", r.out(), "nothing ran");
        }
    }

    // The search itself refuses what the command line would, and at the finest precision it
    // accepts, it ends within its bound of points (16 steps, 40 bisections, 4 probes, the first).
    @Test
    void finestPrecision_searchEndsWithinItsBound() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of(Cli.MM1));
        RunSpec d = s.run();
        Scenario quick = s.withRun(new RunSpec(5_000_000_000L, 0, 1, d.seed(), d.window(), d.maxEvents(),
                d.maxWallMillis(), d.maxInFlight()));
        SloSpec slo = new SloSpec(0, 0, 50_000_000L, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> CapacitySearch.run(quick, slo, 1, 1e-300, (i, m, p) -> { }));
        CapacitySearch.Result r = assertTimeoutPreemptively(SAFETY_NET,
                () -> CapacitySearch.run(quick, slo, 1, CapacitySearch.MIN_PRECISION, (i, m, p) -> { }));
        assertTrue(r.points().size() <= 1 + 16 + 40 + 4, "points " + r.points().size());
        double closest = Double.POSITIVE_INFINITY; // the bound did not cut the search short: it reached the precision
        for (int i = 1; i < r.points().size(); i++) {
            closest = Math.min(closest, r.points().get(i).rate() / r.points().get(i - 1).rate());
        }
        assertTrue(closest <= 1 + CapacitySearch.MIN_PRECISION, "closest points " + closest);
        assertTrue(r.capacity() > 0, "capacity " + r.capacity());
    }

    private Path fifo(String name) throws Exception {
        Path f = dir.resolve(name);
        assertEquals(0, new ProcessBuilder("mkfifo", f.toString()).inheritIO().start().waitFor(), "mkfifo");
        return f;
    }

    // A FIFO or a device as the scenario, its extends base or an empirical sample file: opening a
    // FIFO blocked for ever, and /dev/zero was read until memory ran out.
    @ParameterizedTest
    @CsvSource({"scenario,fifo", "scenario,zero", "extends,fifo", "extends,zero", "empirical,fifo", "empirical,zero"})
    void nonRegularFile_refusedWithoutReadingIt(String where, String kind) throws Exception {
        Path bad = kind.equals("fifo") ? fifo("pipe") : Path.of("/dev/zero");
        Path scenario = switch (where) {
            case "scenario" -> bad;
            case "extends" -> Files.writeString(dir.resolve("s.yaml"), "extends: " + bad + "\n");
            default -> Files.writeString(dir.resolve("s.yaml"), "extends: " + Cli.MM1
                    + "\nrequests: {page: {view: {cpu: empirical(" + bad + ")}}}\n");
        };
        Cli.Result r = assertTimeoutPreemptively(SAFETY_NET, () -> Cli.run("validate", scenario.toString()));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("'" + bad + "' is a device, FIFO or socket, not a "
                + (where.equals("empirical") ? "samples file" : "scenario file")), r.err());
    }

    // A samples file over the limit is refused from its size, without reading it (here 8 GiB, sparse).
    @Test
    void hugeSamplesFile_refusedWithoutReadingIt() throws Exception {
        Path huge = dir.resolve("samples.txt");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(8L << 30);
        }
        Path scenario = Files.writeString(dir.resolve("s.yaml"), "extends: " + Cli.MM1
                + "\nrequests: {page: {view: {cpu: empirical(samples.txt)}}}\n");
        Cli.Result r = assertTimeoutPreemptively(SAFETY_NET, () -> Cli.run("validate", scenario.toString()));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("s.yaml:2:") && r.err().contains("is larger than samples files may be (16 MiB)"),
                r.err());
    }
}
