package io.stagesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The reports as the commands write them: {@code run --report}, {@code stress --report}, and
 * {@code compare --baseline} with its warnings and diff.html; the terminal's width from
 * {@code COLUMNS}, and every help text whole within 80, 100 and 160 columns.
 */
final class ReportCommandsTest {

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

    private static final String MM1 = Path.of("..", "scenarios", "textbook-mm1.yaml").toString();

    @Test
    void runAndStressReport_writeReportHtml_withTheCommandLine() throws Exception {
        Path a = dir.resolve("a");
        assertEquals(Main.OK, Main.execute("run", MM1, "--duration", "20s", "--warmup", "2s", "--replications", "2",
                "--report", "--out", a.toString()));
        String html = Files.readString(a.resolve("report.html"));
        assertTrue(html.contains("<td>stagesim run " + MM1 + " --duration 20s --warmup 2s --replications 2 --report "
                + "--out " + a + "</td>"), html.substring(html.indexOf("provenance")));
        assertTrue(Files.exists(a.resolve("charts").resolve("run-latency-over-time.png")));
        Path s = dir.resolve("s");
        assertEquals(Main.OK, Main.execute("stress", MM1, "--p99", "100ms", "--duration", "20s", "--warmup", "2s",
                "--replications", "2", "--precision", "0.1", "--report", "--out", s.toString()));
        assertTrue(Files.readString(s.resolve("report.html")).contains("<figure id=\"stress-latency-vs-load\">"));
        assertTrue(Files.exists(s.resolve("stress.json")));
    }

    // the interactive charts' data are in the page: the same run on one thread or two writes the same
    // report.html, byte for byte, but for the provenance (the command line, the date)
    @Test
    void runReport_sameRun_sameBytes_whateverTheThreads() throws Exception {
        String[] pages = new String[2];
        for (int t = 1; t <= 2; t++) {
            Path out = dir.resolve("t" + t);
            assertEquals(Main.OK, Main.execute("run", MM1, "--duration", "20s", "--warmup", "2s", "--replications",
                    "3", "--threads", String.valueOf(t), "--report", "--out", out.toString()));
            String html = Files.readString(out.resolve("report.html"));
            assertTrue(html.contains(" data-chart=\"chart-data-run-latency-over-time\""), "the chart's data inlined");
            pages[t - 1] = html.substring(0, html.indexOf("<h2 id=\"provenance\">"));
        }
        assertEquals(pages[0], pages[1]);
    }

    @Test
    void baseline_warnsOfTheLoad_andWritesDiffHtml() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(Main.OK, Main.execute("run", MM1, "--rate", "30/s", "--duration", "20s", "--warmup", "2s",
                "--replications", "2", "--out", a.toString()));
        assertEquals(Main.OK, Main.execute("run", MM1, "--rate", "45/s", "--duration", "20s", "--warmup", "2s",
                "--replications", "2", "--out", b.toString()));
        Path d = dir.resolve("d");
        assertEquals(Main.OK, Main.execute("compare", "--baseline", a.resolve("results.json").toString(),
                b.resolve("results.json").toString(), "--out", d.toString()));
        String warned = err.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertTrue(warned.contains("stagesim: warning: the offered loads differ ("), warned);
        assertTrue(Files.readString(d.resolve("diff.html")).contains("the offered loads differ"));
    }

    @Test
    void width_fromColumns_100WhenUnknown() {
        assertEquals(80, Terminal.width("80"));
        assertEquals(160, Terminal.width(" 160 "));
        assertEquals(100, Terminal.width(null));
        assertEquals(100, Terminal.width("wide"));
        assertEquals(Terminal.NARROWEST, Terminal.width("20"));
    }

    // as Main builds it: every command's help within the width, and no description cut short
    @Test
    void help_fitsEveryWidth_descriptionsWhole() {
        for (int w : new int[] {80, 100, 160}) {
            CommandLine cl = new CommandLine(new Main());
            cl.setUsageHelpWidth(w);
            HelpLayout.apply(cl);
            StringBuilder all = new StringBuilder(cl.getUsageMessage());
            for (CommandLine sub : cl.getSubcommands().values()) {
                all.append(sub.getUsageMessage());
            }
            for (String line : all.toString().split("\n")) {
                assertTrue(line.length() <= w, w + ": " + line);
            }
            String flat = all.toString().replaceAll("\\s+", " ");
            assertTrue(flat.contains("warns when the loads, seeds or topologies differ, and writes DIR/diff.html."),
                    flat);
        }
    }
}
