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

    // --interval-precision: checked before anything runs; refused with --cluster (its items do not carry it);
    // a sweep of runs says whether every run reached it.
    @Test
    void intervalPrecision_isCheckedAndSaysWhatItReached() throws Exception {
        assertEquals(Main.BAD_INPUT, Main.execute("sweep", MM1, "--vary", "services.app.workers=1,2",
                "--interval-precision", "5", "--p99", "100ms", "--out", dir.resolve("a").toString()));
        assertTrue(err.text().contains("--interval-precision must be above 0 and below 1"), err.text());
        assertEquals(Main.BAD_INPUT, Main.execute("stress", MM1, "--interval-precision", "0.1", "--max-replications",
                "1", "--p99", "100ms", "--out", dir.resolve("b").toString()));
        assertTrue(err.text().contains("--max-replications must be at least"), err.text());
        assertEquals(Main.BAD_INPUT, Main.execute("sweep", MM1, "--vary", "services.app.workers=1,2",
                "--interval-precision", "0.1", "--p99", "100ms", "--cluster", "127.0.0.1:5701", "--out", dir.resolve("c").toString()));
        assertTrue(err.text().contains("--interval-precision runs on one machine"), err.text());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream was = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(Main.OK, Main.execute("sweep", MM1, "--vary", "requests.page.view.cpu=exponential(5ms),"
                    + "exponential(6ms)", "--measure", "run", "--duration", "20s", "--warmup", "2s", "--replications",
                    "2", "--interval-precision", "0.5", "--max-replications", "6", "--out", dir.resolve("d").toString()));
        } finally {
            System.setOut(was);
        }
        String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("Interval precision"), text);
        assertTrue(Files.readString(dir.resolve("d").resolve("sweep.json")).contains("\"differences_from_first\""));
    }
}
