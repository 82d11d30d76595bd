package io.stagesim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.run.Comparison;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.SloSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison report's structure: a failure comparison leads with survival, then the verdicts
 * and the summary chart, then the table, the per-class breakdown, the charts, the topologies, and
 * the provenance block last, with its files' SHA-256 as computed by hand.
 */
final class HtmlReportTest {

    private static final long S = 1_000_000_000L;

    private static Comparison.Result compared;
    private static String html;
    private static Map<String, byte[]> files;

    /** A provenance for scenarios as if read from files named after them (the hash of a missing file says so). */
    static Provenance provenance(List<Scenario> scenarios) {
        List<Path> paths = new ArrayList<>();
        for (Scenario s : scenarios) {
            paths.add(Path.of(s.name() + ".yaml"));
        }
        return Provenance.of("stagesim test", "stagesim compare " + String.join(" ", paths.stream()
                .map(Path::toString).toList()), paths, scenarios);
    }

    @BeforeAll
    static void draw() throws Exception {
        System.setProperty("java.awt.headless", "true");
        List<Scenario> stages = List.of(ResultsRoundTripTest.mm1Crash(),
                ResultsRoundTripTest.shipped("textbook-mmc.yaml", 20 * S, 2 * S, 2, 3));
        compared = Comparison.run(stages, new SloSpec(0, 0, 60_000_000, Double.NaN), 2, 0.2,
                (n, r, st, sts, p) -> { }, 20 * S);
        files = HtmlReport.files(compared, provenance(stages));
        html = new String(files.get("report.html"), StandardCharsets.UTF_8);
    }

    @Test
    void failureComparison_leadsWithSurvival_thenVerdicts_thenSummaryChart() {
        assertTrue(html.contains("<h1>Failure stories compared"), html.substring(0, 2000));
        int survival = html.indexOf("<h2>Survival");
        int verdicts = html.indexOf("<h2>What each stage carries");
        int summary = html.indexOf("<figure id=\"summary\">");
        int table = html.indexOf("<h2>Side by side");
        int classes = html.indexOf("<h2>By request class");
        int charts = html.indexOf("<h2>Charts");
        int provenance = html.indexOf("<h2 id=\"provenance\">");
        assertTrue(0 < survival && survival < verdicts && verdicts < summary && summary < table && table < classes
                && classes < charts && charts < provenance, List.of(survival, verdicts, summary, table, classes,
                charts, provenance).toString());
        assertTrue(files.containsKey("charts/summary.png") && files.containsKey("charts/summary.csv"));
        assertFalse(html.contains("source document"), "an internal phrase");
    }

    @Test
    void summaryChartData_isEachStagesCapacityInterval_andCostPerMillion() {
        String csv = new String(files.get("charts/summary.csv"), StandardCharsets.UTF_8);
        String[] lines = csv.split("\n");
        assertEquals("stage,capacity_per_s,capacity_low_per_s,capacity_high_per_s,cost_per_million_views", lines[0]);
        assertEquals(3, lines.length);
        for (int i = 0; i < 2; i++) {
            Comparison.Row r = compared.rows().get(i);
            assertEquals(r.scenario() + "," + Charts.num(r.stress().capacity()) + "," + Charts.num(r.stress()
                    .capacityLow()) + "," + Charts.num(r.stress().capacityHigh()) + "," + Charts.num(r.costPerMillion()),
                    lines[i + 1]);
        }
    }

    @Test
    void perClassBreakdown_hasARowPerClass() {
        int from = html.indexOf("<h2>By request class");
        String part = html.substring(from, html.indexOf("</table>", from));
        assertTrue(part.contains("<td>mm1-crash</td><td>page</td>"), part);
        assertTrue(part.contains("<td>textbook-mmc</td><td>"), part);
    }

    @Test
    void interval_printedWithTheCapacitysDecimals() {
        Comparison.Row r = compared.rows().get(0);
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "<td class=\"n\">%.1f</td><td class=\"n\">%s</td>",
                r.stress().capacity(), Figures.interval(r.stress().capacityLow(), r.stress().capacityHigh(), 1))), html);
    }

    @Test
    void provenance_namesVersionCommandSeedsAndMachine() {
        String p = html.substring(html.indexOf("<h2 id=\"provenance\">"));
        assertTrue(p.contains("<th>stagesim</th><td>stagesim test</td>"), p);
        assertTrue(p.contains("<th>command</th><td>stagesim compare mm1-crash.yaml textbook-mmc.yaml</td>"), p);
        assertTrue(p.contains(Runtime.getRuntime().availableProcessors() + " cores"), p);
        assertTrue(p.contains("Java " + System.getProperty("java.vendor")), p);
        // mm1-crash: seed 1, one replication of 40 s after 4 s of warm-up
        assertTrue(p.contains("<td>mm1-crash</td><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">40</td>"
                + "<td class=\"n\">4.0</td>"), p);
        assertTrue(p.matches("(?s).*<th>date</th><td>20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ</td>.*"), p);
    }

    // FIPS 180-2's first example: SHA-256("abc")
    @Test
    void fileHash_isTheSha256OfItsBytes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("abc.yaml");
        Files.writeString(f, "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Provenance.sha256(f));
        assertTrue(Provenance.sha256(dir.resolve("none.yaml")).startsWith("unreadable"));
    }
}
