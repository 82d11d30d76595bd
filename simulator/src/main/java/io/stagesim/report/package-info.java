/**
 * Reports: pure functions of results (and of the scenario, for its picture) into text, JSON, CSV,
 * HTML and charts. A service describes itself, so a new kind of service needs no change here. What
 * is written as JSON is a record per file ({@link io.stagesim.report.ResultsFile},
 * {@link io.stagesim.report.StressFile}, {@link io.stagesim.report.CompareFile}), written and read
 * back by the one mapper in {@link io.stagesim.report.Json}.
 */
package io.stagesim.report;
