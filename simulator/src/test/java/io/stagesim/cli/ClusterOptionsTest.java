package io.stagesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A cluster's options said wrong are refused before any member starts, each with what would be right. */
final class ClusterOptionsTest {

    private static final String MM1 = Path.of("..", "scenarios", "textbook-mm1.yaml").toString();

    @TempDir
    Path dir;

    @RegisterExtension
    final StandardError err = new StandardError();

    private int sweep(String... more) {
        String[] base = {"sweep", MM1, "--vary", "services.browser.rate=30/s,40/s", "--measure", "run", "--out",
            dir.resolve("out").toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return Main.execute(args);
    }

    @Test
    void noSecret_aShortOne_aBadAddress_aBadName_orASensitivity_areRefused() throws Exception {
        assumeTrue(System.getenv(ClusterOptions.SECRET_VARIABLE) == null, "the secret is set in this environment");
        assertEquals(Main.BAD_INPUT, sweep("--cluster", "127.0.0.1:5701"));
        assertTrue(err.text().contains("a cluster needs a shared secret: set STAGESIM_CLUSTER_SECRET or give "
                + "--secret-file FILE (at least 16 bytes"), err.text());
        Path shortOne = Files.writeString(dir.resolve("short"), "fifteen-bytes!!\n");
        assertEquals(Main.BAD_INPUT, sweep("--cluster", "127.0.0.1:5701", "--secret-file", shortOne.toString()));
        assertTrue(err.text().contains("the cluster secret must be at least 16 bytes, was 15"), err.text());
        Path good = Files.writeString(dir.resolve("good"), "a-good-long-secret-0123456789");
        assertEquals(Main.BAD_INPUT, sweep("--cluster", "127.0.0.1", "--secret-file", good.toString()));
        assertTrue(err.text().contains("--cluster 127.0.0.1: expected HOST:PORT[,HOST:PORT…], such as "
                + "127.0.0.1:5701"), err.text());
        assertEquals(Main.BAD_INPUT, sweep("--cluster", "127.0.0.1:5701", "--secret-file", good.toString(),
                "--cluster-name", "bad name"));
        assertTrue(err.text().contains("--cluster-name must be letters, digits"), err.text());
        // a sensitivity analysis on a cluster: its cluster options checked before anything runs
        assertEquals(Main.BAD_INPUT, Main.execute("sweep", MM1, "--sensitivity", "20%", "--p99", "100ms", "--cluster",
                "127.0.0.1:5701", "--out", dir.resolve("sens").toString()));
        assertTrue(err.text().contains("a cluster needs a shared secret"), err.text());
        assertTrue(!Files.exists(dir.resolve("sens").resolve("sensitivity.json")));
        assertEquals(Main.BAD_INPUT, sweep("--cluster", "127.0.0.1:5701", "--secret-file", good.toString(),
                "--cluster-wait", "0s"));
        assertTrue(err.text().contains("--cluster-wait must be a duration above 0"), err.text());
        assertEquals(Main.BAD_INPUT, Main.execute("worker", "--port", "70000"));
        assertTrue(err.text().contains("--port must be 0 to 65535, was 70000"), err.text());
        assertEquals(Main.BAD_INPUT, Main.execute("worker", "--port", "0", "--secret-file",
                dir.resolve("missing").toString()));
        assertTrue(err.text().contains("--secret-file"), err.text());
    }
}
