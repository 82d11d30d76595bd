package io.stagesim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesim.cli.OutputFolder;
import io.stagesim.scenario.ScenarioName;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, item 3: a report is never lost, overwritten, half-written or written outside its
 * folder, and whatever can be refused is refused before anything runs.
 */
final class OutputSafetyTest {

    @TempDir
    Path dir;

    private static final List<String> SHORT = List.of("--duration", "20s", "--warmup", "2s", "--replications", "1",
            "--threads", "1");

    private static String[] args(List<String> first, List<String> then) {
        return Stream.concat(first.stream(), then.stream()).toArray(String[]::new);
    }

    /** Every file under {@code root}, relative to it, hidden ones included. */
    private static Set<String> filesUnder(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).collect(Collectors.toSet());
        }
    }

    private static String drain(Process p) throws Exception {
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the process did not end");
        return text;
    }

    private Path scenarioNamed(String file, String yamlName) throws Exception {
        Path f = dir.resolve(file);
        Files.writeString(f, "extends: " + Cli.MM1 + "\nname: " + yamlName + "\n");
        return f;
    }

    // Two commands taking the same folder at once: only one can create its lock, the other gets -2.
    @Test
    void sameOut_twoReservations_secondGetsDash2() {
        Path wanted = dir.resolve("r").toAbsolutePath();
        try (OutputFolder a = OutputFolder.reserve(wanted, false, "results.json");
                OutputFolder b = OutputFolder.reserve(wanted, false, "results.json")) {
            assertEquals(wanted, a.path());
            assertEquals(dir.resolve("r-2").toAbsolutePath(), b.path());
            assertTrue(Files.exists(wanted.resolve(OutputFolder.LOCK)));
        }
        // released: the locks go, and so do the folders the reservations created and left empty
        assertFalse(Files.exists(wanted));
        assertFalse(Files.exists(dir.resolve("r-2")));
    }

    // Two runs at once with the same --out: both printed the same path and the later overwrote the
    // earlier. The first is held in its final write (test hook) while the second runs start to end.
    @Test
    void sameOut_secondRunWhileFirstWrites_getsDash2() throws Exception {
        Path out = dir.resolve("same");
        List<String> run = List.of("run", Cli.MM1, "--out", out.toString());
        Process first = Cli.fork(Map.of(), List.of("-Dstagesim.test.holdBeforeRename=true"), args(run, SHORT));
        try (BufferedReader r = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            assertTrue(waitFor(r, "holding before the rename"), "the first run never reached its final write");
            Process second = Cli.fork(Map.of(), List.of(), args(run, SHORT));
            String text = drain(second);
            assertEquals(0, second.exitValue(), text);
            assertTrue(text.contains("Results: " + dir.resolve("same-2").resolve("results.json")), text);
            Cli.signal(first, "TERM"); // lets the first one finish its write
            while (r.readLine() != null) {
                // until it ends
            }
            assertTrue(first.waitFor(60, TimeUnit.SECONDS), "the first run did not stop");
        } finally {
            first.destroyForcibly();
        }
        for (Path folder : List.of(out, dir.resolve("same-2"))) {
            assertEquals(Set.of("results.json"), filesUnder(folder), "no lock or temporary file left in " + folder);
            assertFalse(new ObjectMapper().readTree(folder.resolve("results.json").toFile()).path("partial").asBoolean());
        }
    }

    /** Reads lines until one contains {@code text}; false if the output ends first. */
    private static boolean waitFor(BufferedReader r, String text) throws Exception {
        String line;
        while ((line = r.readLine()) != null) {
            if (line.contains(text)) {
                return true;
            }
        }
        return false;
    }

    // A SIGINT or SIGTERM during the final write left no results.json and a 6-8 MB stray .tmp: the
    // hook was gone already. The test hook holds the write, before its rename, until the JVM is
    // shutting down, so the signal lands exactly there.
    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void signalDuringFinalWrite_leavesCompleteResults(String signal) throws Exception {
        Path out = dir.resolve("run");
        Process p = Cli.fork(Map.of(), List.of("-Dstagesim.test.holdBeforeRename=true"),
                args(List.of("run", Cli.MM1, "--out", out.toString()), SHORT));
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertTrue(waitFor(r, "holding before the rename"), "the final write never started");
            Cli.signal(p, signal);
            while (r.readLine() != null) {
                // until the process, stopping, closes its output
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process did not stop");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(Set.of("results.json"), filesUnder(out), "no temporary file or lock left");
        JsonNode root = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertFalse(root.path("partial").asBoolean(), "the complete result, not a partial one");
        assertEquals(1, root.path("replications").asInt());
    }

    // compare on a full disk wrote the charts first and lost compare.json and report.html. Here the
    // charts cannot be written (a file named charts is in the way): the figures and the report are
    // kept, and the message says so.
    @Test
    void compareCannotWriteCharts_keepsFiguresAndReport() throws Exception {
        Path out = dir.resolve("cmp");
        Files.createDirectories(out);
        Files.writeString(out.resolve("charts"), "in the way");
        Cli.Result r = Cli.run(args(List.of("compare", Cli.MM1, "--p99", "60ms", "--precision", "0.2", "--out",
                out.toString()), SHORT));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("; kept compare.json and report.html; not written: "), r.err());
        assertTrue(new ObjectMapper().readTree(out.resolve("compare.json").toFile()).path("stages").size() == 1);
        assertTrue(Files.readString(out.resolve("report.html")).contains("</html>"));
        assertEquals(Set.of("charts", "compare.json", "report.html"), filesUnder(out), "no temporary file or lock left");
    }

    // A name is a label, not a path: '../../outside/x y' wrote outside reports/ (the repository root for '..').
    @Test
    void nameWithSlashesAndDots_staysInsideReports() throws Exception {
        Path home = dir.resolve("home");
        Path f = scenarioNamed("escape.yaml", "\"../../outside/x y\"");
        Process p = Cli.fork(Map.of("STAGESIM_HOME", home.toString()), List.of(), args(List.of("run", f.toString()),
                SHORT));
        String text = drain(p);
        assertEquals(0, p.exitValue(), text);
        assertEquals(Set.of("reports/outside-x-y/results.json"), filesUnder(home));
        assertFalse(Files.exists(dir.resolve("outside")));
    }

    // Whatever a name is, its slug is one plain folder name: no separator, never '.' or '..', not hidden.
    @ParameterizedTest
    @ValueSource(strings = {"..", "../x", "/etc/passwd", "a/b\\c", " . ", "-rf", "stage-1-runserver", "Café ☕ v1.2",
        "x.................................................................................................................."})
    void slug_isOnePlainFolderName(String name) {
        String slug = ScenarioName.slug(name);
        if (slug.isEmpty()) {
            assertTrue(ScenarioName.problem(name) != null, "a name without a slug is refused: " + name);
            return;
        }
        assertEquals(1, Path.of(slug).getNameCount(), slug);
        assertFalse(slug.contains("/") || slug.contains("\\") || slug.startsWith(".") || slug.startsWith("-"), slug);
        assertTrue(slug.getBytes(StandardCharsets.UTF_8).length <= 200, slug);
    }

    static Stream<String> impossibleNames() {
        return Stream.of("\"..\"", "\"a\\0b\"", "\"\\e[31mred\"", "x".repeat(300));
    }

    // '..' wrote to the repository root; a NUL gave exit 3 and a 300-character name exit 2, both only
    // after the whole simulation; an escape sequence was printed raw. Now each is refused, located,
    // before anything runs, and printed escaped.
    @ParameterizedTest
    @MethodSource("impossibleNames")
    void impossibleName_refusedBeforeRunning(String yamlName) throws Exception {
        Path f = scenarioNamed("bad.yaml", yamlName);
        Path out = dir.resolve("never");
        Cli.Result r = Cli.run(args(List.of("run", f.toString(), "--out", out.toString()), SHORT));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("bad.yaml:2:7 name: a scenario name"), r.err());
        assertEquals("", r.out(), "nothing ran");
        assertFalse(Files.exists(out));
        assertFalse(r.err().chars().anyMatch(c -> c < 0x20 && c != '\n'), "control characters are escaped: " + r.err());
    }

    // A key that would clear the screen (service and host names are keys) was quoted raw; it is refused, escaped.
    @Test
    void escapeSequenceInAKey_printedEscaped() throws Exception {
        Path f = dir.resolve("keys.yaml");
        Files.writeString(f, "extends: " + Cli.MM1 + "\n\"\\e[2J\": 1\n");
        for (String command : new String[] {"validate", "run"}) {
            Cli.Result r = Cli.run(command, f.toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("\\u001B[2J"), r.err());
            assertFalse(r.err().contains("\u001B"), "no raw escape character: " + r.err());
        }
    }

    // Two stages of the same name (or whose names give one file name) ran every stress test, then exit 3.
    @Test
    void compare_sharedNames_refusedBeforeAnyStressTest() throws Exception {
        Path twin = scenarioNamed("twin.yaml", "textbook-mm1");
        Path out = dir.resolve("cmp");
        Cli.Result r = Cli.run(args(List.of("compare", Cli.MM1, twin.toString(), "--p99", "60ms", "--out",
                out.toString()), SHORT));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("are both named 'textbook-mm1'"), r.err());
        assertEquals("", r.out(), "nothing ran");
        assertFalse(Files.exists(out));
        Cli.Result slash = Cli.run("compare", scenarioNamed("a.yaml", "a/b").toString(),
                scenarioNamed("b.yaml", "A-b").toString(), "--p99", "60ms", "--out", out.toString());
        assertEquals(2, slash.code(), slash.err());
        assertTrue(slash.err().contains("which give the same file name 'a-b'"), slash.err());
    }
}
