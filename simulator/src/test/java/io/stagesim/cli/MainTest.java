package io.stagesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, messages without stack traces, outputs. */
final class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

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

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static final String MM1 = Path.of("..", "scenarios", "textbook-mm1.yaml").toString();

    // A bad file: located message, exit code 2, and never a stack trace.
    @Test
    void validate_badFile_exits2WithLocatedMessage() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "name: x\nservices:\n  b: {type: browzer}\n");
        assertEquals(Main.BAD_INPUT, Main.execute("validate", f.toString()));
        assertTrue(stderr().contains("bad.yaml:3:"), stderr());
        assertTrue(stderr().contains("did you mean 'browser'"), stderr());
        assertFalse(stderr().contains("Exception"), stderr());
        assertFalse(stderr().contains("\tat "), stderr());
    }

    @Test
    void run_badOptionValue_exits2() {
        assertEquals(Main.BAD_INPUT, Main.execute("run", MM1, "--rate", "fast", "--out", dir.toString()));
        assertTrue(stderr().contains("--rate"), stderr());
        assertEquals(Main.BAD_INPUT, Main.execute("run", "no-such-file.yaml"));
        assertTrue(stderr().contains("file not found"), stderr());
        assertEquals(Main.BAD_INPUT, Main.execute("frobnicate"));
    }

    // --set changes the scenario for this run only, and results.json and the summary say so; a
    // mistyped key is a located message with the nearest name.
    @Test
    void set_changesTheRunAndIsRecorded() throws Exception {
        Path a = dir.resolve("set");
        assertEquals(Main.OK, Main.execute("run", MM1, "--set", "run.duration=30s", "--set", "run.warmup=3s", "--set",
                "run.replications=2", "--out", a.toString()));
        JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(a.resolve("results.json")));
        assertEquals(30.0, root.path("duration_s").asDouble());
        assertEquals(List.of("run.duration=30s", "run.warmup=3s", "run.replications=2"),
                new ObjectMapper().convertValue(root.path("overrides"), List.class));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("with --set run.duration=30s, --set run.warmup=3s"));
        assertEquals(Main.BAD_INPUT, Main.execute("validate", MM1, "--set", "run.duraton=30s"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--set run.duraton=30s: run.duraton: unknown key "
                + "(did you mean 'duration'?)"), err.toString(StandardCharsets.UTF_8));
    }

    // results.json has the documented fields, and the same seed gives the same bytes whatever
    // the number of threads.
    @Test
    void run_writesResultsJson_identicalAcrossThreadCounts() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(Main.OK, Main.execute("run", MM1, "--duration", "40s", "--warmup", "5s", "--replications", "4",
                "--threads", "1", "--out", a.toString()));
        assertEquals(Main.OK, Main.execute("run", MM1, "--duration", "40s", "--warmup", "5s", "--replications", "4",
                "--threads", "2", "--out", b.toString()));
        byte[] ja = Files.readAllBytes(a.resolve("results.json"));
        assertTrue(java.util.Arrays.equals(ja, Files.readAllBytes(b.resolve("results.json"))));
        JsonNode root = new ObjectMapper().readTree(ja);
        JsonNode page = root.path("requests").path("page");
        for (String k : new String[] {"offered", "completed", "errors", "throughput_per_s", "latency_ms"}) {
            assertFalse(page.path(k).isMissingNode(), "missing requests.page." + k);
        }
        for (String k : new String[] {"mean", "p50", "p90", "p95", "p99", "p999", "max"}) {
            assertTrue(page.path("latency_ms").path(k).path("mean").isNumber(), "latency_ms." + k);
        }
        assertTrue(root.path("hosts").path("server").path("cpu_utilization").path("mean").isNumber());
        assertTrue(root.path("resources").get(0).path("mean_wait_ms").path("ci95").isNumber());
        assertFalse(root.path("bottleneck").path("explanation").asText().isEmpty());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("page views"));
    }

    // --precision adds replications until the mean latency's interval is within 10 % (no objective in
    // the file), says so, records it in results.json, and gives what --replications of that number
    // gives; a share outside (0, 1) or a maximum below the first batch is refused.
    @Test
    void run_precision_addsReplications_andRecordsWhatItReached() throws Exception {
        Path a = dir.resolve("precise");
        assertEquals(Main.OK, Main.execute("run", MM1, "--duration", "10s", "--warmup", "1s", "--replications", "2",
                "--precision", "0.1", "--out", a.toString()));
        JsonNode p = new ObjectMapper().readTree(Files.readAllBytes(a.resolve("results.json"))).path("precision");
        assertEquals("mean", p.path("metric").asText());
        assertTrue(p.path("met").asBoolean());
        assertTrue(p.path("reached").asDouble() <= 0.1);
        int n = p.path("replications").asInt();
        assertEquals(n, new ObjectMapper().readTree(Files.readAllBytes(a.resolve("results.json"))).path("replications")
                .asInt());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Precision: mean latency ±"));
        Path b = dir.resolve("fixed");
        assertEquals(Main.OK, Main.execute("run", MM1, "--duration", "10s", "--warmup", "1s", "--replications",
                Integer.toString(n), "--out", b.toString()));
        JsonNode fixed = new ObjectMapper().readTree(Files.readAllBytes(b.resolve("results.json")));
        JsonNode precise = new ObjectMapper().readTree(Files.readAllBytes(a.resolve("results.json")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) precise).remove("precision");
        assertEquals(fixed, precise);
        assertEquals(Main.BAD_INPUT, Main.execute("run", MM1, "--precision", "5", "--out", dir.resolve("x").toString()));
        assertTrue(stderr().contains("--precision must be above 0 and below 1"), stderr());
        assertEquals(Main.BAD_INPUT, Main.execute("run", MM1, "--precision", "0.1", "--max-replications", "3",
                "--out", dir.resolve("y").toString()));
        assertTrue(stderr().contains("--max-replications must be at least 20"), stderr());
    }

    // A run that misses the scenario's objective exits 1 (for CI), one that meets it 0.
    @Test
    void run_missedObjective_exits1() {
        String mmc = Path.of("..", "scenarios", "textbook-mmc.yaml").toString();
        assertEquals(Main.FAILED, Main.execute("run", mmc, "--rate", "300/s", "--duration", "60s", "--warmup", "5s",
                "--replications", "3", "--out", dir.resolve("miss").toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("MISSED"));
        assertEquals(Main.OK, Main.execute("run", mmc, "--rate", "150/s", "--duration", "60s", "--warmup", "5s",
                "--replications", "3", "--out", dir.resolve("meet").toString()));
        assertEquals(Main.OK, Main.execute("stress", mmc, "--duration", "30s", "--warmup", "3s", "--replications", "2",
                "--precision", "0.1", "--out", dir.resolve("stress").toString()));
        assertTrue(Files.exists(dir.resolve("stress").resolve("stress.json")));
        assertEquals(Main.BAD_INPUT, Main.execute("stress", MM1, "--out", dir.resolve("x").toString()));
        assertTrue(stderr().contains("no objective"), stderr());
    }

    // compare: every stage under one objective, side by side, in compare.json.
    @Test
    void compare_writesTheSideBySideTable() throws Exception {
        String mmc = Path.of("..", "scenarios", "textbook-mmc.yaml").toString();
        assertEquals(Main.OK, Main.execute("compare", MM1, mmc, "--p99", "60ms", "--duration", "40s", "--warmup",
                "4s", "--replications", "2", "--precision", "0.1", "--out", dir.resolve("cmp").toString()));
        JsonNode root = new ObjectMapper().readTree(dir.resolve("cmp").resolve("compare.json").toFile());
        assertTrue(Files.size(dir.resolve("cmp").resolve("report.html")) > 50_000);
        assertTrue(Files.exists(dir.resolve("cmp").resolve("charts").resolve("latency-vs-load.svg")));
        assertFalse(Files.exists(dir.resolve("cmp").resolve("charts").resolve("availability-during-faults.svg")));
        assertEquals(2, root.path("stages").size());
        double mm1 = root.path("stages").get(0).path("capacity_per_s").asDouble();
        double mm4 = root.path("stages").get(1).path("capacity_per_s").asDouble();
        // M/M/1 (10 ms) meets p99 <= 60 ms up to about 100 - ln(100)/0.06 = 23/s; M/M/4 carries far more
        assertTrue(mm1 > 15 && mm1 < 32, "M/M/1 capacity " + mm1);
        assertTrue(mm4 > 4 * mm1, "M/M/4 capacity " + mm4);
        assertEquals(3, root.path("sentences").size()); // a sentence per stage, and the cheapest that meets it
    }

    // compare with faults: the survival table, a row per fault of every stage that has faults, from a run
    // at the scenario's own load. The only server's processes down from 20 s to 30 s (refused): no page
    // view ending in those windows completes.
    @Test
    void compare_writesTheSurvivalTable() throws Exception {
        Path crash = dir.resolve("crash.yaml");
        Files.writeString(crash, "extends: " + Path.of(MM1).toAbsolutePath() + "\nname: mm1-crash\n"
                + "faults: [{type: host_crash, target: server, at: 20s, for: 10s, mode: reset}]\n");
        assertEquals(Main.OK, Main.execute("compare", MM1, crash.toString(), "--p99", "60ms", "--duration", "40s",
                "--warmup", "4s", "--replications", "2", "--precision", "0.2", "--out", dir.resolve("surv").toString()));
        JsonNode root = new ObjectMapper().readTree(dir.resolve("surv").resolve("compare.json").toFile());
        JsonNode survival = root.path("survival");
        assertEquals(1, survival.size(), survival.toString());
        assertEquals("mm1-crash", survival.get(0).path("scenario").asText());
        assertTrue(survival.get(0).path("availability").isNumber(), survival.toString());
        assertTrue(survival.get(0).path("availability").asDouble() < 0.02, survival.toString());
        assertTrue(survival.get(0).path("offered_per_s").asDouble() > 0, survival.toString());
        assertEquals(0, survival.get(0).path("data_lost_writes").asDouble());
        String html = Files.readString(dir.resolve("surv").resolve("report.html"));
        assertTrue(html.contains("Survival: what each fault did") && html.contains("host_crash of server"), "report");
        assertTrue(html.contains("mostly host down"), "the survival sentence names the main cause");
        // the availability chart's data: the windows inside the crash (20-30 s) have no completed page view
        List<String> csv = Files.readAllLines(dir.resolve("surv").resolve("charts").resolve("availability-during-faults.csv"));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("mm1-crash,25.0000,0,")), String.join("\n", csv.subList(0, 5)));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("mm1-crash,10.0000,") && l.contains(",100.000,")), "before the crash");
        // failures by cause: in the crash's windows every failure is host_down
        int hostDown = List.of(csv.get(0).split(",")).indexOf("failed_host_down");
        assertTrue(hostDown > 0, csv.get(0));
        String[] w25 = csv.stream().filter(l -> l.startsWith("mm1-crash,25.0000,")).findFirst().orElseThrow().split(",");
        assertEquals(w25[3], w25[hostDown], "all the failures at 25 s are host_down: " + String.join(",", w25));
        assertTrue(Long.parseLong(w25[3]) > 0);
        assertEquals("host_down", survival.get(0).path("main_cause").asText());
    }

    // compare --baseline: a run against a saved baseline marks the changes beyond both intervals.
    @Test
    void compareBaseline_marksSignificantChanges() throws Exception {
        String[] common = {"--duration", "40s", "--warmup", "4s", "--replications", "4"};
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        assertEquals(Main.OK, Main.execute(concat(new String[] {"run", MM1, "--out", a.toString()}, common)));
        assertEquals(Main.OK, Main.execute(concat(new String[] {"run", MM1, "--out", b.toString()}, common)));
        assertEquals(Main.OK, Main.execute(concat(new String[] {"run", MM1, "--rate", "80/s", "--out", c.toString()},
                common)));
        out.reset();
        assertEquals(Main.OK, Main.execute("compare", "--baseline", a.resolve("results.json").toString(),
                b.resolve("results.json").toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("0 of "), out.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(Main.OK, Main.execute("compare", "--baseline", a.resolve("results.json").toString(),
                c.resolve("results.json").toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("page throughput/s") && l.endsWith("*")), text);
        assertEquals(Main.BAD_INPUT, Main.execute("compare", "--baseline", MM1, b.resolve("results.json").toString()));
    }

    private static String[] concat(String[] x, String[] y) {
        String[] z = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, z, x.length, y.length);
        return z;
    }

    // An offered load beyond the model's bound is announced before the run, which still goes on.
    @Test
    void run_warnsUpFrontWhenOverloaded() {
        assertEquals(Main.OK, Main.execute("run", MM1, "--rate", "150/s", "--duration", "30s", "--warmup", "0s",
                "--replications", "1", "--out", dir.resolve("over").toString()));
        assertTrue(stderr().contains("warning: 150.0 page views/s offered, but the CPU of host server can serve at most"),
                stderr());
        err.reset();
        assertEquals(Main.OK, Main.execute("run", MM1, "--rate", "50/s", "--duration", "30s", "--warmup", "0s",
                "--replications", "1", "--out", dir.resolve("fine").toString()));
        assertFalse(stderr().contains("warning"), stderr());
    }

    // An existing report is never overwritten silently: a new folder is chosen.
    @Test
    void run_neverOverwritesAnExistingReport() throws Exception {
        Path a = dir.resolve("r");
        Files.createDirectories(a);
        Files.writeString(a.resolve("results.json"), "mine");
        assertEquals(Main.OK, Main.execute("run", MM1, "--duration", "10s", "--warmup", "1s", "--replications", "1",
                "--out", a.toString()));
        assertEquals("mine", Files.readString(a.resolve("results.json")));
        assertTrue(Files.exists(dir.resolve("r-2").resolve("results.json")));
    }

    private static final Path CLOSED = Path.of("..", "scenarios", "textbook-closed.yaml");

    // --users N runs what the file would with 'users: N' written in it (the same results, seed for
    // seed), for run and explain; on an open workload it is refused where the rate is written.
    @Test
    void users_isTheSameAsWritingThem_andRefusedForAnOpenWorkload() throws Exception {
        Path written = dir.resolve("twelve.yaml");
        String text = Files.readString(CLOSED);
        assertTrue(text.contains("    users: 30\n"));
        Files.writeString(written, text.replace("    users: 30\n", "    users: 12\n"));
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        String[] common = {"--duration", "60s", "--warmup", "5s", "--replications", "2"};
        List<String> argsA = new java.util.ArrayList<>(List.of("run", CLOSED.toString(), "--users", "12"));
        argsA.addAll(List.of(common));
        argsA.addAll(List.of("--out", a.toString()));
        List<String> argsB = new java.util.ArrayList<>(List.of("run", written.toString()));
        argsB.addAll(List.of(common));
        argsB.addAll(List.of("--out", b.toString()));
        assertEquals(Main.OK, Main.execute(argsA.toArray(String[]::new)), stderr());
        assertEquals(Main.OK, Main.execute(argsB.toArray(String[]::new)), stderr());
        ObjectMapper json = new ObjectMapper();
        JsonNode pa = json.readTree(a.resolve("results.json").toFile()).path("requests");
        JsonNode pb = json.readTree(b.resolve("results.json").toFile()).path("requests");
        assertFalse(pa.isMissingNode());
        assertEquals(pb, pa);
        assertEquals(Main.OK, Main.execute("explain", CLOSED.toString(), "--users", "12", "--duration", "20s",
                "--warmup", "2s", "--replications", "1"), stderr());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("12 users"), out.toString(StandardCharsets.UTF_8));

        assertEquals(Main.BAD_INPUT, Main.execute("run", MM1, "--users", "5", "--out", dir.resolve("c").toString()));
        assertTrue(stderr().contains("textbook-mm1.yaml:"), stderr());
        assertTrue(stderr().contains("--users sets the users of a closed workload"), stderr());
        assertEquals(Main.BAD_INPUT, Main.execute("run", CLOSED.toString(), "--users", "0"));
        assertTrue(stderr().contains("--users must be >= 1, was 0"), stderr());
    }
}
