package io.stagesim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesim.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory is bounded whatever the input: in a JVM limited to 256 MB of heap, 100 times a stage's
 * capacity, a rate of 10⁹ page views/s, ten million users and ten thousand replications each end
 * with a one-line reason and no stack trace. Before, each ran out of memory with a stack trace and
 * exit 1 (the "objective missed" code), having written nothing.
 */
final class SmallHeapTest {

    @TempDir
    Path dir;

    private static final String MM1 = """
            name: small
            run: {duration: 60s, warmup: 0s, replications: %s, seed: 1%s}
            hosts:
              server: {cores: 1, memory: 1GiB}
            services:
              browser: {type: browser, %s, rtt: 0s, target: app}
              app: {type: app_server, host: server, workers: 1, memory_per_worker: 100MiB}
            requests:
              page:
                share: 100%%
                view: {cpu: exponential(10ms)}
            """;

    /** Runs stagesim in a JVM with 256 MB of heap; returns the exit code, the output in {@code log}. */
    private int run(List<String> log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("log-" + System.nanoTime() + ".txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = p.waitFor(5, TimeUnit.MINUTES); // a safety net against a hang, not a timing
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "did not end");
        log.add(Files.readString(out));
        return p.exitValue();
    }

    private static void noStackTrace(String log) {
        assertFalse(log.contains("\tat ") || log.contains("Exception in thread") || log.contains("OutOfMemoryError"),
                log);
    }

    private JsonNode results(Path out) throws Exception {
        return new ObjectMapper().readTree(out.resolve("results.json").toFile());
    }

    // 100 times stage 7's capacity of about 540 page views/s: stopped at the in-flight limit.
    @Test
    void hundredTimesCapacity_stopsAtTheInFlightLimit() throws Exception {
        List<String> log = new ArrayList<>();
        Path out = dir.resolve("stage7");
        int code = run(log, "run", Path.of("..", "scenarios", "stage-7-load-balancer.yaml").toString(), "--rate",
                "54000/s", "--replications", "2", "--duration", "60s", "--warmup", "5s", "--out", out.toString());
        noStackTrace(log.get(0));
        assertTrue(code == Main.OK || code == Main.FAILED, log.get(0));
        JsonNode r = results(out);
        assertTrue(r.path("partial").asBoolean() || r.path("requests").path("all").path("not_served_rate")
                .path("mean").asDouble() > 0.9, log.get(0));
    }

    // 10⁹ page views/s: the in-flight limit is checked at each request, so it stops at 100,001. One
    // replication at a time: since a page view in flight keeps its connections per origin (2026-12-02), two
    // replications of 100,000 in flight each side by side need about 250 MB, too near the limit to be
    // sure of (docs/limits.md says so).
    @Test
    void billionPerSecond_stopsCleanly() throws Exception {
        List<String> log = new ArrayList<>();
        Path f = dir.resolve("billion.yaml");
        Files.writeString(f, MM1.formatted("2", "", "rate: 1e9/s"));
        Path out = dir.resolve("billion");
        int code = run(log, "run", f.toString(), "--threads", "1", "--out", out.toString());
        noStackTrace(log.get(0));
        assertEquals(Main.FAILED, code, log.get(0));
        JsonNode r = results(out);
        assertTrue(r.path("partial").asBoolean(), log.get(0));
        assertTrue(r.path("stopped_early").get(0).asText().contains("more than 100000 requests in flight"),
                log.get(0));
    }

    // Ten million users cannot all have their first think timer in 256 MB: refused before running.
    @Test
    void tenMillionUsers_refusedWithWhatToChange() throws Exception {
        List<String> log = new ArrayList<>();
        Path f = dir.resolve("users.yaml");
        Files.writeString(f, MM1.formatted("2", "", "users: 10000000, think: exponential(1s)"));
        int code = run(log, "run", f.toString(), "--out", dir.resolve("users").toString());
        noStackTrace(log.get(0));
        assertEquals(Main.FAILED, code, log.get(0));
        assertTrue(log.get(0).contains("10000000 users would need about"), log.get(0));
        assertTrue(log.get(0).contains("STAGESIM_JAVA_OPTS=-Xmx"), log.get(0));
    }

    // Ten thousand replications within a 3 s wall-clock limit for the whole run: what finished is
    // kept, merged as each ended, and the reason says how many ran.
    @Test
    void tenThousandReplications_endAtTheWallClockLimit() throws Exception {
        List<String> log = new ArrayList<>();
        Path f = dir.resolve("many.yaml");
        Files.writeString(f, MM1.formatted("10000", ", max_wall_time: 3s", "rate: 50/s"));
        Path out = dir.resolve("many");
        int code = run(log, "run", f.toString(), "--out", out.toString());
        noStackTrace(log.get(0));
        JsonNode r = results(out);
        assertTrue(r.path("partial").asBoolean(), log.get(0));
        String why = r.path("stopped_early").toString();
        assertTrue(why.contains("wall-clock limit of 3000 ms") && why.contains("of 10000 replications run"), why);
        int ran = r.path("replications").asInt();
        assertTrue(ran > 10 && ran < 10_000, "replications " + ran);
        assertTrue(code == Main.OK || code == Main.FAILED, log.get(0));
    }

    // When the heap does run out (a 24 MB heap and no in-flight limit to speak of): one line, exit 3.
    @Test
    void outOfMemory_isOneLineAndExit3() throws Exception {
        List<String> log = new ArrayList<>();
        Path f = dir.resolve("oom.yaml");
        Files.writeString(f, MM1.formatted("1", ", max_in_flight: 100000000", "rate: 1e9/s"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx24m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", f.toString(),
                "--out", dir.resolve("oom").toString()));
        Path out = dir.resolve("oom.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        String text = Files.readString(out);
        assertEquals(Main.INTERNAL_ERROR, p.exitValue(), text);
        noStackTrace(text);
        assertTrue(text.contains("stagesim: out of memory (the Java heap may use"), text);
    }
}
