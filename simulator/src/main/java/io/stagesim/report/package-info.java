/**
 * Reporters: pure functions of results, one method each (the terminal summaries, the comparison's
 * HTML and charts, {@code explain}'s tables, a run against a baseline). What is written as JSON is a
 * record per file ({@link io.stagesim.report.ResultsFile}, {@link io.stagesim.report.StressFile},
 * {@link io.stagesim.report.CompareFile}), written and read back by the one mapper in
 * {@link io.stagesim.report.Json}.
 */
package io.stagesim.report;
