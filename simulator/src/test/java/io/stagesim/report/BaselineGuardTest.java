package io.stagesim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.Estimate;
import io.stagesim.scenario.Scenario;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code compare --baseline} says when the two runs are unlike: the case, stage 2 at 60/s
 * against stage 3 at 40/s with another seed, warns of the load, the seed, the topology and the
 * service (nginx) in one run only; a run against itself warns of nothing. diff.html carries the same.
 */
final class BaselineGuardTest {

    private static final long S = 1_000_000_000L;

    private static Json.Lenient<ResultsFile> stage2;
    private static Json.Lenient<ResultsFile> stage3;

    private static Json.Lenient<ResultsFile> run(String file, double rate, long seed) throws Exception {
        Scenario s = ResultsRoundTripTest.shipped(file, 40 * S, 5 * S, 2, seed).withPeakRate(rate);
        return new Json.Lenient<>(ResultsFile.of(Conservation.run(s, 2)), Set.of());
    }

    @BeforeAll
    static void runBoth() throws Exception {
        stage2 = run("stage-2-gunicorn.yaml", 60, 1);
        stage3 = run("stage-3-nginx.yaml", 40, 9);
    }

    @Test
    void unlikeRuns_warnOfLoadSeedTopologyAndServices() {
        List<String> w = BaselineReporter.compare("b.json", stage2, "r.json", stage3).warnings();
        assertTrue(w.stream().anyMatch(x -> x.startsWith("the offered loads differ (")
                && x.contains(" page views/s in b.json, ")), w.toString());
        assertTrue(w.contains("the seeds differ (1 in b.json, 9 in r.json): figures differ by chance too; only the "
                + "changes marked * are beyond the noise"), w.toString());
        assertTrue(w.stream().anyMatch(x -> x.startsWith("the topologies differ (the same hosts, other services)")),
                w.toString());
        assertTrue(w.contains("services in r.json only: nginx"), w.toString());
    }

    @Test
    void runAgainstItself_warnsOfNothing() {
        assertEquals(List.of(), BaselineReporter.compare("b.json", stage2, "r.json", stage2).warnings());
    }

    // the offered loads as arrivals at random give them: 5 % apart, or 2 % and beyond both half-widths
    @Test
    void loadsDiffer_onlyBeyondTheNoiseAndTwoPercent() {
        assertTrue(BaselineGuard.differ(new Estimate(60, 0.5), new Estimate(40, 0.5)));
        assertFalse(BaselineGuard.differ(new Estimate(100, 1), new Estimate(101.5, 0.2))); // 1.5 < 2 % of 101.5
        assertFalse(BaselineGuard.differ(new Estimate(100, 3), new Estimate(105, 3))); // within 6 of noise
        assertTrue(BaselineGuard.differ(new Estimate(100, Double.NaN), new Estimate(103, Double.NaN)));
        // two replications at 30/s and 45/s: wide intervals, yet 35 % apart
        assertTrue(BaselineGuard.differ(new Estimate(30.6, 3.9), new Estimate(46.8, 27.5)));
    }

    @Test
    void diffHtml_warningsFirst_aRowPerFigure() {
        BaselineReporter.Result r = BaselineReporter.compare("b.json", stage2, "r.json", stage3);
        String html = DiffReport.html("b.json", "r.json", r);
        assertTrue(html.indexOf("class=\"warn\"") < html.indexOf("<table>"));
        for (String w : r.warnings()) {
            assertTrue(html.contains("<li>" + HtmlReport.escape(w) + "</li>"), w);
        }
        assertEquals(r.lines().size(), html.split("<tr", -1).length - 2); // less the header row
        assertEquals(r.lines().stream().filter(BaselineReporter.Line::significant).count(),
                html.split("<tr class=\"sig\">", -1).length - 1);
        assertFalse(html.contains("<script") || html.contains("http"), "self-contained");
    }
}
