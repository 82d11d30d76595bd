package io.stagesim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagesim.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare --baseline} on results that do not match says so, instead of quietly comparing fewer figures. */
final class BaselineWarningTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path mm1;
    private static Path mm1Again;
    private static Path mmc;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeAll
    static void results() {
        mm1 = run("textbook-mm1.yaml", "a");
        mm1Again = run("textbook-mm1.yaml", "b");
        mmc = run("textbook-mmc.yaml", "c");
    }

    private static Path run(String scenario, String folder) {
        Path to = shared.resolve(folder);
        assertEquals(Main.OK, Main.execute("run", Path.of("..", "scenarios", scenario).toString(), "--duration", "20s",
                "--warmup", "2s", "--replications", "3", "--seed", "7", "--out", to.toString()));
        return to.resolve("results.json");
    }

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A copy of the MM1 results with {@code change} applied to its JSON tree. */
    private Path edited(String name, Consumer<ObjectNode> change) throws Exception {
        ObjectNode tree = (ObjectNode) MAPPER.readTree(mm1.toFile());
        change.accept(tree);
        Path f = dir.resolve(name);
        MAPPER.writeValue(f.toFile(), tree);
        return f;
    }

    private int compare(Path baseline, Path run) {
        return Main.execute("compare", "--baseline", baseline.toString(), run.toString());
    }

    // Two runs of the same scenario are the normal case: no warning may cry wolf there.
    @Test
    void sameScenario_noWarning() {
        assertEquals(Main.OK, compare(mm1, mm1Again));
        assertFalse(stderr().contains("warning"), stderr());
        assertTrue(stdout().contains("figures changed significantly"), stdout());
    }

    // Results of two different scenarios were compared silently, as if the change were the code's.
    @Test
    void differentScenarios_warn() {
        assertEquals(Main.OK, compare(mm1, mmc));
        assertTrue(stderr().replaceAll("\\s+", " ").contains("warning: the two results are of different scenarios "
                + "('textbook-mm1'"), stderr());
    }

    // A partial baseline (a run stopped with Ctrl-C) was compared as if it were whole.
    @Test
    void partialBaseline_warns() throws Exception {
        Path partial = edited("partial.json", t -> {
            t.put("partial", true);
            t.putArray("stopped_early").add("interrupted: 1 of 3 replications finished");
        });
        assertEquals(Main.OK, compare(partial, mm1Again));
        // warnings wrap to the terminal's width: read them with their line breaks as spaces
        assertTrue(stderr().replaceAll("\\s+", " ").contains("warning: " + partial + " is partial (interrupted: 1 of 3 "
                + "replications finished)"), stderr());
    }

    // A figure of the wrong type (a string for a number, text for a mapping) was silently left out.
    @Test
    void wronglyTypedFigures_warn() throws Exception {
        Path typed = edited("typed.json", t -> {
            ObjectNode page = (ObjectNode) t.path("requests").path("page");
            ((ObjectNode) page.path("throughput_per_s")).put("mean", "49.9");
            page.put("latency_ms", "fast");
        });
        assertEquals(Main.OK, compare(mm1Again, typed));
        assertTrue(stderr().contains("wrong type"), stderr());
        assertTrue(stderr().replaceAll("\\s+", " ").contains("requests.page.throughput_per_s, requests.page.latency_ms"),
                stderr());
    }

    // Nothing in common printed "0 of 0 figures changed significantly", which reads like "no change".
    @Test
    void nothingInCommon_saysSoAndNamesWhatIsMissing() throws Exception {
        Path empty = edited("empty.json", t -> {
            t.putObject("requests");
            t.remove("hosts");
            t.remove("resources");
        });
        assertEquals(Main.OK, compare(empty, mm1Again));
        assertFalse(stdout().contains("0 of 0"), stdout());
        assertTrue(stdout().contains("No figure is in both files"), stdout());
        assertTrue(stderr().replaceAll("\\s+", " ").contains("warning: in " + mm1Again + " only, not compared: "
                + "requests.page"), stderr());
    }

    // 'requests' of the wrong type passed the check for a results.json and compared nothing.
    @Test
    void requestsNotAMapping_isBadInput() throws Exception {
        Path f = dir.resolve("req.json");
        Files.writeString(f, "{\"requests\": 5}");
        assertEquals(Main.BAD_INPUT, compare(f, mm1Again));
        assertTrue(stderr().contains("req.json: not a results.json written by 'stagesim run'"), stderr());
    }

    // JSON past Jackson's limits named StreamReadConstraints in the message; broken JSON had no line and column.
    @Test
    void jsonPastLimitsOrBroken_plainLocatedMessage() throws Exception {
        Path deep = dir.resolve("deep.json");
        Files.writeString(deep, "{\"requests\": " + "[".repeat(1200) + "]".repeat(1200) + "}");
        assertEquals(Main.BAD_INPUT, compare(deep, mm1Again));
        assertFalse(stderr().contains("StreamReadConstraints"), stderr());
        assertTrue(stderr().contains("nesting depth"), stderr());
        err.reset();
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"requests\": {},\n x}");
        assertEquals(Main.BAD_INPUT, compare(broken, mm1Again));
        assertTrue(stderr().contains("broken.json:2:"), stderr());
        assertFalse(stderr().contains("Exception"), stderr());
    }
}
