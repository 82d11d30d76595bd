package io.stagesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory is bounded by the model, not by the run length: 10 million HTTP requests of stage 7
 * (1.53 million page views of 6.6 requests each at 420/s, below its capacity, 3,650 s of simulated
 * time, 3,650 statistics windows merged down to at most 1,024) complete in a JVM limited to 256 MB of heap.
 */
final class MemoryBoundTest {

    @TempDir
    Path dir;

    @Test
    void tenMillionRequests_runIn256MbOfHeap() throws Exception {
        Path out = dir.resolve("big");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                Path.of("..", "scenarios", "stage-7-load-balancer.yaml").toString(), "--rate", "420/s", "--duration",
                "3650s", "--warmup", "10s", "--replications", "1", "--threads", "1", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the run did not finish in 10 minutes");
        String log = Files.readString(dir.resolve("log.txt"));
        assertEquals(0, p.exitValue(), log);
        JsonNode root = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        double views = root.path("requests").path("all").path("offered").path("mean").asDouble();
        double pages = root.path("requests").path("page").path("offered").path("mean").asDouble();
        double httpRequests = views + 8 * pages; // every page view's HTML, and 8 assets per 'page' view
        System.out.printf("%.0f page views, %.0f HTTP requests measured in 256 MB of heap%n", views, httpRequests);
        assertTrue(httpRequests >= 10_000_000, "only " + httpRequests + " requests");
        assertTrue(!root.path("partial").asBoolean(), log);
    }
}
