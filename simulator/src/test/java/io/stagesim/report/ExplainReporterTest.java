package io.stagesim.report;

import io.stagesim.run.Explanation;
import io.stagesim.run.RequestPaths;
import io.stagesim.run.ScenarioResult;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code explain} prints what it printed when it walked the specs and solved MVA itself: the
 * approved files were written by {@code stagesim explain} before {@link RequestPaths} and
 * {@link Explanation} moved that work to {@code run}, so a change to a path's wording or to a figure
 * shows up as a diff.
 */
final class ExplainReporterTest {

    private static final long S = 1_000_000_000L;

    // Every kind of front service, static files from each server, caches with misses, tasks.
    @Test
    void paths_asBefore() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String name : List.of("stage-1-runserver", "stage-5-database-server", "stage-6-object-storage",
                "stage-7-load-balancer", "stage-8-managed-lb", "cache-on-host", "tasks-separate", "textbook-mm1",
                "textbook-closed")) {
            Scenario s = ScenarioLoader.load(Path.of("..", "scenarios", name + ".yaml"));
            sb.append("== ").append(name).append(" ==\n").append(ExplainReporter.paths(RequestPaths.of(s)));
        }
        ResultsRoundTripTest.approved("explain-paths.txt", sb.toString());
    }

    // A closed workload: the operational analysis of a fixed-seed run, then the MVA curve beside it.
    @Test
    void closedWorkload_analysisAndMva_asBefore() throws Exception {
        Scenario s = ResultsRoundTripTest.shipped("textbook-closed.yaml", 20 * S, 2 * S, 2, 3);
        ScenarioResult r = ResultsRoundTripTest.run(s);
        ResultsRoundTripTest.approved("explain-textbook-closed.txt",
                ExplainReporter.paths(RequestPaths.of(s)) + ExplainReporter.analysis(Explanation.of(s, r)));
    }

    // The analysis fits the terminal: at 60 and 100 columns no line is longer, no name is cut ("…"), and the
    // resources go by their short names (the table was 102 columns wide and cut names at 52 characters).
    @Test
    void analysis_fitsTheTerminal_withShortNamesNeverCut() throws Exception {
        Scenario s = ResultsRoundTripTest.shipped("textbook-closed.yaml", 20 * S, 2 * S, 2, 3);
        Explanation e = Explanation.of(s, ResultsRoundTripTest.run(s));
        for (int width : new int[] {60, 100}) {
            String text = ExplainReporter.analysis(e, width);
            for (String line : text.split("\n")) {
                org.junit.jupiter.api.Assertions.assertTrue(line.length() <= width, width + ": " + line);
            }
            org.junit.jupiter.api.Assertions.assertFalse(text.contains("…"), text);
            org.junit.jupiter.api.Assertions.assertTrue(text.contains("app workers (1)"), text);
        }
    }

    // A read to a database with replicas says where its queries go; its writes (to the primary) do not.
    @Test
    void readsOfADatabaseWithReplicas_nameTheReplicas() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("..", "scenarios", "failures", "replica-crash-stage-5.yaml"));
        String paths = ExplainReporter.paths(RequestPaths.of(s));
        org.junit.jupiter.api.Assertions.assertTrue(paths.contains(
                "-> db × 4, CPU 300us each, each query to a replica (replica1, replica2; random)\n"), paths);
        org.junit.jupiter.api.Assertions.assertTrue(paths.contains("-> db × 2, CPU 500us each, write\n"), paths);
    }
}
