package io.stagesim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages a user reads: they agree with each other and with the figures, and name no library. */
final class MessagesTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    private static final String MM1 = Path.of("..", "scenarios", "textbook-mm1.yaml").toString();
    private static final String AUTOSCALING = Path.of("..", "scenarios", "textbook-autoscaling.yaml").toString();

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

    /** Exit code 2, and a message with no stack trace and no library class name. */
    private void assertPlainBadInput(int code) {
        assertEquals(Main.BAD_INPUT, code, stderr());
        for (String bad : List.of("Exception", "\tat ", "StreamReadConstraints", "snakeyaml", "jackson", "Event(")) {
            assertFalse(stderr().contains(bad), "'" + bad + "' in: " + stderr());
        }
    }

    private Path scenario(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    /** The autoscaling scenario with its {@code autoscaling} block's {@code max: 4} line replaced. */
    private Path autoscaling(String name, String replacement) throws Exception {
        String text = Files.readString(Path.of(AUTOSCALING));
        assertTrue(text.contains("      max: 4\n"));
        return scenario(name, text.replace("      max: 4\n", replacement));
    }

    private int validate(Path f) {
        return Main.execute("validate", f.toString());
    }

    // The stress sentence once said "met at every load tried" under six rows that said missed.
    @Test
    void stressWithNoisyMisses_sentenceFollowsTheRows() {
        assertEquals(Main.OK, Main.execute("stress", MM1, "--p99", "100ms", "--replications", "2", "--duration", "20s",
                "--warmup", "2s", "--threads", "1", "--out", dir.resolve("s").toString()));
        List<String> rows = stdout().lines().filter(l -> l.matches("\\s+\\d.*")).toList();
        assertTrue(rows.stream().anyMatch(l -> l.contains("missed")), stdout());
        // the sentence wraps to the terminal's width: read it whole
        String sentence = stdout().substring(stdout().indexOf("Capacity")).replaceAll("\\s+", " ");
        assertFalse(sentence.contains("met at every load"), sentence);
        assertFalse(sentence.contains("at least 0.0"), sentence);
        assertTrue(sentence.contains("within the noise"), sentence);
    }

    // Shares adding up to 100.01 % were reported as "add up to 100.0 %", which looks right.
    @Test
    void shares100point01_printsTwoDecimals() throws Exception {
        String text = Files.readString(Path.of(MM1)).replace("share: 100%", "share: 50.01%")
                + "  api:\n    share: 50%\n    view:\n      cpu: 5ms\n";
        assertPlainBadInput(validate(scenario("shares.yaml", text)));
        assertTrue(stderr().contains("add up to 100.01%"), stderr());
    }

    // max: 0 was reported both as missing and as out of range.
    @Test
    void autoscalingMaxZero_oneMessageNotMissing() throws Exception {
        assertPlainBadInput(validate(autoscaling("max0.yaml", "      max: 0\n")));
        List<String> onMax = stderr().lines().filter(l -> l.contains("autoscaling.max:")).toList();
        assertEquals(1, onMax.size(), stderr());
        assertFalse(onMax.get(0).contains("missing"), stderr());
        assertTrue(onMax.get(0).contains("was 0"), stderr());
    }

    // min above the backends written blamed max as well, asking it to be at least a min that is itself wrong.
    @Test
    void autoscalingMinAboveInitial_blamesMinOnly() throws Exception {
        assertPlainBadInput(validate(autoscaling("min3.yaml", "      max: 4\n      min: 3\n")));
        assertFalse(stderr().contains("autoscaling.max:"), stderr());
        assertTrue(stderr().contains("autoscaling.min: must be at most the number of backends written (1)"), stderr());
        assertTrue(stderr().contains("was 3"), stderr());
    }

    // max below the backends written spoke of a 'min' the user never wrote.
    @Test
    void autoscalingMaxBelowInitial_namesBackendsNotMin() throws Exception {
        String text = Files.readString(Path.of(AUTOSCALING)).replace("backends: [app]", "backends: [app, app2]")
                .replace("      max: 4\n", "      max: 1\n")
                .replace("  app1: {cores: 1, memory: 1GiB, cost_per_hour: 0.10}\n",
                        "  app1: {cores: 1, memory: 1GiB, cost_per_hour: 0.10}\n  app2h: {cores: 1, memory: 1GiB}\n")
                .replace("requests:\n", "  app2:\n    type: app_server\n    host: app2h\n    workers: 1\n"
                        + "    memory_per_worker: 100MiB\nrequests:\n");
        assertPlainBadInput(validate(scenario("max1.yaml", text)));
        List<String> onMax = stderr().lines().filter(l -> l.contains("autoscaling.max:")).toList();
        assertEquals(1, onMax.size(), stderr());
        assertFalse(onMax.get(0).contains("'min'"), stderr());
        assertTrue(onMax.get(0).contains("backends written (2)") && onMax.get(0).contains("was 1"), stderr());
    }

    // A YAML complex key showed SnakeYAML's event class (MappingStartEvent) to the user.
    @Test
    void complexKey_plainMessage() throws Exception {
        assertPlainBadInput(validate(scenario("complex.yaml", "name: x\n? [a, b] : 1\n")));
        assertTrue(stderr().contains("complex.yaml:2:"), stderr());
        assertTrue(stderr().contains("key"), stderr());
    }

    // Deep nesting showed Jackson's StreamReadConstraints, located at 1:1 instead of where it happens.
    @Test
    void deepNesting_plainLocatedMessage() throws Exception {
        assertPlainBadInput(validate(scenario("deep.yaml", "name: x\nd: " + "[".repeat(70) + "]".repeat(70) + "\n")));
        assertTrue(stderr().contains("deep.yaml:2:"), stderr());
        assertTrue(stderr().contains("nesting deeper than 64 levels"), stderr());
    }

    // A key without its colon was placed at the line before, where the parser's last token was.
    @Test
    void missingColon_locatedWhereTheKeyStarts() throws Exception {
        assertPlainBadInput(validate(scenario("colon.yaml", "name: x\nfoo\nbar: 1\n")));
        assertTrue(stderr().contains("colon.yaml:2:1 not valid YAML: could not find expected ':'"), stderr());
    }

    // A '!!binary' tag with a bad value told the user about Jackson's Base64Variant configuration.
    @Test
    void binaryTag_plainMessage() throws Exception {
        assertPlainBadInput(validate(scenario("binary.yaml", "name: !!binary x\n")));
        assertFalse(stderr().contains("Base64Variant"), stderr());
        assertTrue(stderr().contains("binary.yaml:1:"), stderr());
    }

    // An empirical file that is missing or not text gave the bare path, or "Input length = 1".
    @Test
    void empiricalFileMissingOrBinary_saysWhich() throws Exception {
        String text = Files.readString(Path.of(MM1));
        Files.write(dir.resolve("bin.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, '\n'});
        assertPlainBadInput(validate(scenario("nofile.yaml", text.replace("exponential(10ms)", "empirical(none.txt)"))));
        assertTrue(stderr().contains("none.txt': file not found"), stderr());
        err.reset();
        assertPlainBadInput(validate(scenario("binfile.yaml", text.replace("exponential(10ms)", "empirical(bin.txt)"))));
        assertTrue(stderr().contains("bin.txt': not UTF-8 text"), stderr());
    }

    // --p99 0ms was read as "no objective"; a zero bound can never be met, so it is refused.
    @Test
    void p99Zero_isRefusedAsABound() {
        assertPlainBadInput(Main.execute("stress", MM1, "--p99", "0ms", "--out", dir.resolve("z").toString()));
        assertTrue(stderr().contains("--p99 must be greater than 0"), stderr());
        assertFalse(stderr().contains("no objective"), stderr());
        err.reset();
        assertPlainBadInput(Main.execute("compare", MM1, "--p95", "0s", "--out", dir.resolve("c").toString()));
        assertTrue(stderr().contains("--p95 must be greater than 0"), stderr());
    }

    // slo: {p99: 0ms} in a file said "an objective needs at least one of p50, p95, p99" though p99 was given.
    @Test
    void sloP99ZeroInFile_isRefusedAtItsPlace() throws Exception {
        String text = Files.readString(Path.of(MM1)) + "slo:\n  p99: 0ms\n  error_rate: 1%\n";
        assertPlainBadInput(validate(scenario("slo0.yaml", text)));
        assertTrue(stderr().contains("slo.p99: must be greater than 0"), stderr());
        assertFalse(stderr().contains("needs at least one"), stderr());
    }

    // "1%" and "99.9%" in descriptions made picocli print "[picocli WARN] Could not format" lines.
    @Test
    void everyCommandHelp_hasNoPicocliWarning() {
        for (String c : List.of("run", "stress", "compare", "explain", "validate", "verify", "sweep",
                "merge", "worker", "serve")) {
            assertEquals(Main.OK, Main.execute(c, "--help"), c);
        }
        assertFalse(stderr().contains("picocli"), stderr());
        assertFalse(stdout().contains("%%"), stdout());
        assertTrue(stdout().contains(" 1%."), stdout());
        assertTrue(stdout().contains("99.9% confidence"), stdout());
    }

    // The top-level --help cut each command's description at the end of its first source line.
    @Test
    void topLevelHelp_showsWholeFirstSentences() {
        assertEquals(Main.OK, Main.execute("--help"));
        String text = stdout();
        String commands = text.substring(text.indexOf("Commands:"));
        List<String> entries = new ArrayList<>();
        for (String l : commands.lines().skip(1).toList()) {
            if (l.matches("  \\S.*")) {
                entries.add(l.trim());
            } else {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + l.trim());
            }
        }
        assertEquals(12, entries.size(), commands); // run … validate, calibrate, sweep, merge, worker, verify, serve, help
        for (String e : entries) {
            assertTrue(e.endsWith("."), e);
        }
        assertTrue(commands.replaceAll("\\s+", " ").contains("utilisation of every resource"), commands);
    }
}
