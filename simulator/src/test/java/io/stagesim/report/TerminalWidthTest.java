package io.stagesim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.CapacitySearch;
import io.stagesim.run.Comparison;
import io.stagesim.run.Estimate;
import io.stagesim.run.ScenarioResult;
import io.stagesim.scenario.SloSpec;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The terminal reports fit the terminal: at 80, 100 and 160 columns no line of {@code run},
 * {@code stress} or {@code compare} is longer than the width, and the figures keep their meaning
 * when columns go (a capacity never prints outside its own interval, no "±0.0").
 */
final class TerminalWidthTest {

    private static final int[] WIDTHS = {80, 100, 160};
    private static final long S = 1_000_000_000L;
    private static final SloSpec P99_60MS = new SloSpec(0, 0, 60_000_000, Double.NaN);

    private static Comparison.Result compared;
    private static ScenarioResult crash;
    private static CapacitySearch.Result stress;

    @BeforeAll
    static void runOnce() throws Exception {
        compared = Comparison.run(List.of(ResultsRoundTripTest.mm1Crash(),
                ResultsRoundTripTest.shipped("textbook-mmc.yaml", 20 * S, 2 * S, 2, 3)), P99_60MS, 2, 0.2,
                (n, r, st, sts, p) -> { }, 20 * S);
        crash = Conservation.run(ResultsRoundTripTest.shipped("failures/crash-stage-3.yaml", 90 * S, 10 * S, 2, 5), 2);
        stress = compared.rows().get(1).stress();
    }

    private static void fits(String text, int width) {
        for (String line : text.split("\n")) {
            assertTrue(line.codePointCount(0, line.length()) <= width, "longer than " + width + ": " + line
                    + "\n" + text);
        }
    }

    @Test
    void everyReport_fitsEveryWidth() {
        for (int w : WIDTHS) {
            fits(CompareReporter.summary(compared, w), w);
            fits(TextReporter.summary(crash, w), w);
            fits(StressReporter.summary(stress, w), w);
        }
    }

    // the layouts as a reader sees them, approved (-Dstagesim.approve=true writes them again)
    @Test
    void layouts_asApproved() throws Exception {
        ResultsRoundTripTest.approved("compare-mm1-crash-80.txt", CompareReporter.summary(compared, 80));
        ResultsRoundTripTest.approved("compare-mm1-crash-160.txt", CompareReporter.summary(compared, 160));
        ResultsRoundTripTest.approved("run-crash-stage-3-100.txt", TextReporter.summary(crash, 100));
        ResultsRoundTripTest.approved("stress-textbook-mmc-80.txt", StressReporter.summary(stress, 80));
    }

    @Test
    void narrowTerminal_shortNamesAndFewerColumns_saidSo() {
        String wide = CompareReporter.summary(compared, 160);
        String narrow = CompareReporter.summary(compared, 80);
        assertTrue(wide.contains("capacity/s") && wide.contains("bottleneck at capacity"), wide);
        assertFalse(wide.contains("left out to fit"), wide);
        assertTrue(narrow.contains("cap/s"), narrow);
        assertTrue(narrow.contains("left out to fit 80 columns"), narrow);
    }

    // a failure comparison leads with survival, each fault as a block of its own
    @Test
    void survival_comesFirst_asBlocks() {
        String text = CompareReporter.summary(compared, 100);
        int survival = text.indexOf("Survival:");
        assertTrue(survival > 0 && survival < text.indexOf("\nstage "), text);
        assertTrue(text.contains("mm1-crash: host_crash of server"), text);
        assertTrue(text.contains("  offered/s 49.5; availability 0.00%; goodput 0.00%; failed 268; mostly host_down"),
                text);
    }

    // the shown capacity lies inside its shown interval: both rounded to one decimal
    @Test
    void capacity_neverPrintedOutsideItsInterval() {
        Matcher m = Pattern.compile("\\s(\\d+\\.\\d)\\s+\\[(\\d+\\.\\d), (\\d+\\.\\d|–)]")
                .matcher(CompareReporter.summary(compared, 160));
        int rows = 0;
        while (m.find()) {
            double cap = Double.parseDouble(m.group(1));
            assertTrue(Double.parseDouble(m.group(2)) <= cap, m.group());
            assertTrue(m.group(3).equals("–") || cap <= Double.parseDouble(m.group(3)), m.group());
            rows++;
        }
        assertEquals(2, rows);
        // the case the issue saw: 169.6 with a lower end of 169.5 read "169.6 [170, 174]"
        assertEquals("[169.5, 174.2]", Figures.interval(169.5, 174.2, 1));
        assertEquals("[106.8, –]", Figures.interval(106.8179, Double.POSITIVE_INFINITY, 1));
    }

    @Test
    void halfWidth_neverReadsZero() {
        assertEquals("316.7", Figures.estimate(new Estimate(316.7, 0), 1)); // the same in every replication
        assertEquals("316.7", Figures.estimate(new Estimate(316.7, Double.NaN), 1)); // one replication
        assertEquals("0.2 ±<0.1", Figures.estimate(new Estimate(0.152, 0.003), 1));
        assertEquals("12.3 ±0.1", Figures.estimate(new Estimate(12.34, 0.06), 1));
        assertEquals("-", Figures.estimate(new Estimate(Double.NaN, Double.NaN), 1));
        for (int w : WIDTHS) {
            assertFalse(TextReporter.summary(crash, w).contains("±0.0 "), TextReporter.summary(crash, w));
        }
    }

    @Test
    void table_dropsHighestRankFirst_wrapsItsTextColumn() {
        TextTable t = new TextTable(List.of(TextTable.Column.text("name", "n", 0),
                TextTable.Column.figure("a long figure name", "fig", 1), TextTable.Column.figure("another", "oth", 2),
                TextTable.Column.wrapping("what it means", "means", 0)));
        t.row("x", "1.0", "2.0", "a sentence of several words that wraps when the table is narrow");
        assertEquals("""
                name  a long figure name  another  what it means
                x                    1.0      2.0  a sentence of several words that wraps when the table is narrow
                """, t.render(160));
        assertEquals("""
                n  fig  oth  means
                x  1.0  2.0  a sentence of
                             several words
                             that wraps when
                             the table is
                             narrow
                """, t.render(30));
        assertEquals("""
                n  fig  means
                x  1.0  a sentence of
                        several words
                        that wraps when
                        the table is
                        narrow
                (left out to fit 24
                columns: another; widen
                the terminal or set
                COLUMNS to see them)
                """, t.render(24));
    }

    @Test
    void fit_wrapsOnlyTheLongLines_keepingTheirIndent() {
        assertEquals("short\n  a b c d\n    e f\n", TextTable.fit("short\n  a b c d e f\n", 10));
    }
}
