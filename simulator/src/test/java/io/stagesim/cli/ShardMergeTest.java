package io.stagesim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A sweep split over machines and merged is byte for byte the sweep one machine runs. */
final class ShardMergeTest {

    private static final String MM1 = Path.of("..", "scenarios", "textbook-mm1.yaml").toString();
    private static final String[] SWEEP = {"sweep", MM1, "--vary", "services.browser.rate=30/s,50/s",
        "--vary", "requests.page.view.cpu=exponential(5ms),constant(5ms)", "--measure", "run", "--duration", "20s",
        "--warmup", "2s", "--replications", "2"};

    @TempDir
    Path dir;

    @RegisterExtension
    final StandardError err = new StandardError();

    private int sweep(String... more) {
        String[] args = java.util.Arrays.copyOf(SWEEP, SWEEP.length + more.length);
        System.arraycopy(more, 0, args, SWEEP.length, more.length);
        return Main.execute(args);
    }

    @Test
    void threeShardsMergedAreTheWholeSweepByteForByte() throws Exception {
        assertEquals(Main.OK, sweep("--out", dir.resolve("whole").toString()));
        for (int i = 1; i <= 3; i++) {
            assertEquals(Main.OK, sweep("--shard", i + "/3", "--out", dir.resolve("s" + i).toString()));
        }
        assertTrue(Files.readString(dir.resolve("s2/sweep.json")).contains("\"shard\" : \"2/3\""));
        assertEquals(Main.OK, Main.execute("merge", dir.resolve("s3").toString(), dir.resolve("s1").toString(),
                dir.resolve("s2").toString(), "--out", dir.resolve("merged").toString()));
        assertTrue(!Files.exists(dir.resolve("s1/report.html")), "a shard's share has no report");
        for (String f : new String[] {"sweep.json", "sweep.csv", "report.html"}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("whole").resolve(f)),
                    Files.readAllBytes(dir.resolve("merged").resolve(f)), f);
        }
        // a shard missing, or given twice: said, nothing written
        assertEquals(Main.BAD_INPUT, Main.execute("merge", dir.resolve("s1").toString(), dir.resolve("s2").toString(),
                "--out", dir.resolve("m2").toString()));
        assertTrue(err.text().contains("missing shards of /3: [3]"), err.text());
        assertEquals(Main.BAD_INPUT, Main.execute("merge", dir.resolve("s1").toString(), dir.resolve("s1").toString(),
                dir.resolve("s2").toString(), dir.resolve("s3").toString(), "--out", dir.resolve("m3").toString()));
        assertTrue(err.text().contains("shard 1/3 is given twice"), err.text());
        assertEquals(Main.BAD_INPUT, Main.execute("merge", dir.resolve("whole").toString(), dir.resolve("s1").toString(),
                "--out", dir.resolve("m4").toString()));
        assertEquals(Main.BAD_INPUT, sweep("--shard", "4/3"));
        assertTrue(err.text().contains("--shard 4/3: expected i/N with 1 <= i <= N"));
    }
}
