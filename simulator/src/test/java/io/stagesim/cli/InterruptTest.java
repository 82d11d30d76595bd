package io.stagesim.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stress test stopped mid-search by Ctrl-C (SIGINT, which runs the JVM's shutdown hooks) keeps
 * the load points it finished: stress.json is written, marked partial.
 */
final class InterruptTest {

    @TempDir
    Path dir;

    /** Starts stagesim with {@code args} in a JVM of its own, its output and errors merged. */
    private static Process start(String... args) throws java.io.IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void stoppedStress_writesFinishedPointsMarkedPartial() throws Exception {
        Path out = dir.resolve("stress");
        Process p = start("stress", Path.of("..", "scenarios", "textbook-mmc.yaml").toString(), "--duration", "3000s",
                "--replications", "8", "--threads", "1", "--precision", "0.0001", "--out", out.toString());
        boolean sawPoint = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String line;
            while (System.nanoTime() < deadline && (line = r.readLine()) != null) {
                if (line.contains("done,")) { // a progress line: at least one load point has finished
                    sawPoint = true;
                    // Ctrl-C: SIGINT (Process.destroy would also close our end of its output)
                    new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
                    break;
                }
            }
            assertTrue(sawPoint, "no progress line before the deadline");
            StringBuilder rest = new StringBuilder();
            while ((line = r.readLine()) != null) { // until the process, stopping, closes its output
                rest.append(line).append('\n');
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process did not stop");
            assertTrue(rest.toString().contains("marked partial"), rest.toString());
        } finally {
            p.destroyForcibly();
        }
        JsonNode root = new ObjectMapper().readTree(Files.readString(out.resolve("stress.json")));
        assertTrue(root.path("partial").asBoolean(), root.toString());
        assertTrue(root.path("points").size() >= 1);
    }

    // The same for compare: the stages finished before Ctrl-C are kept in compare-partial.json.
    @Test
    void stoppedCompare_writesFinishedStages() throws Exception {
        Path out = dir.resolve("cmp");
        String mm1 = Path.of("..", "scenarios", "textbook-mm1.yaml").toString();
        String slow = Path.of("..", "scenarios", "textbook-mmc.yaml").toString();
        Process p = start("compare", mm1, slow, "--p99", "60ms", "--duration", "3000s", "--replications", "2",
                "--threads", "1", "--precision", "0.2", "--out", out.toString());
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            String line;
            boolean second = false;
            while (System.nanoTime() < deadline && (line = r.readLine()) != null) {
                if (line.startsWith("textbook-mmc at")) { // the first stage is done: the second has begun
                    second = true;
                    new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
                    break;
                }
            }
            assertTrue(second, "the second stage never started before the deadline");
            while (r.readLine() != null) {
                // drain until the process exits
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        JsonNode root = new ObjectMapper().readTree(Files.readString(out.resolve("compare-partial.json")));
        assertTrue(root.path("partial").asBoolean());
        assertTrue(root.path("stages").size() >= 1);
        assertTrue(root.path("stages").get(0).path("scenario").asText().equals("textbook-mm1"), root.toString());
    }

    // The same for run: the replications finished before Ctrl-C are summarised in results.json,
    // marked partial with which ones they were.
    @Test
    void stoppedRun_writesFinishedReplications() throws Exception {
        Path out = dir.resolve("run");
        Process p = start("run", Path.of("..", "scenarios", "textbook-mm1.yaml").toString(), "--duration", "20000s",
                "--replications", "20", "--threads", "1", "--out", out.toString());
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String line;
            boolean sawOne = false;
            while (System.nanoTime() < deadline && (line = r.readLine()) != null) {
                if (line.contains("done,")) {
                    sawOne = true;
                    new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
                    break;
                }
            }
            assertTrue(sawOne, "no replication finished before the deadline");
            StringBuilder rest = new StringBuilder();
            while ((line = r.readLine()) != null) {
                rest.append(line).append('\n');
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process did not stop");
            assertTrue(rest.toString().contains("marked partial"), rest.toString());
        } finally {
            p.destroyForcibly();
        }
        JsonNode root = new ObjectMapper().readTree(Files.readString(out.resolve("results.json")));
        assertTrue(root.path("partial").asBoolean(), root.toString());
        int reps = root.path("replications").asInt();
        assertTrue(reps >= 1 && reps < 20, "replications " + reps);
        assertTrue(root.path("stopped_early").toString().contains("interrupted: " + reps + " of 20"), root.toString());
        assertTrue(root.path("requests").path("all").path("completed").path("mean").asDouble() > 0);
    }
}
