package io.stagesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

final class SweepCommandTest {

    private static final String MM1 = Path.of("..", "scenarios", "textbook-mm1.yaml").toString();

    @TempDir
    Path dir;

    @RegisterExtension
    final StandardError err = new StandardError();

    @Test
    void gridWritesJsonAndCsvWithARowPerPoint() throws Exception {
        Path out = dir.resolve("sweep");
        assertEquals(Main.OK, Main.execute("sweep", MM1, "--vary", "requests.page.view.cpu=exponential(5ms),constant(5ms)",
                "--vary", "services.browser.rate=40/s,60/s", "--measure", "run", "--duration", "20s", "--warmup", "2s",
                "--replications", "2", "--out", out.toString()));
        List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
        assertEquals(5, csv.size(), csv.toString());
        assertTrue(csv.get(0).startsWith("requests.page.view.cpu,services.browser.rate,throughput_per_s"), csv.get(0));
        assertTrue(csv.get(1).startsWith("exponential(5ms),40/s,") && csv.get(4).startsWith("constant(5ms),60/s,"),
                csv.toString());
        assertTrue(Files.readString(out.resolve("sweep.json")).contains("\"measure\" : \"run\""));
    }

    // Every point's settings are checked before anything runs.
    @Test
    void aBadKeyStopsTheSweepBeforeItRuns() {
        assertEquals(Main.BAD_INPUT, Main.execute("sweep", MM1, "--vary", "services.app.workrs=1,2", "--measure", "run",
                "--out", dir.resolve("bad").toString()));
        String e = err.text();
        assertTrue(e.contains("services.app.workrs: unknown key (did you mean 'workers'?)"), e);
        assertTrue(!Files.exists(dir.resolve("bad").resolve("sweep.json")));
        assertEquals(Main.BAD_INPUT, Main.execute("sweep", MM1, "--vary", "services.app.workers=1,1"));
        assertEquals(Main.BAD_INPUT, Main.execute("sweep", MM1));
        assertEquals(Main.BAD_INPUT, Main.execute("sweep", MM1, "--sensitivity", "20%", "--param", "services.app.type"));
    }
}
