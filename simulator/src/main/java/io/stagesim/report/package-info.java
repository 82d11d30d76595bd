/**
 * Reporters: pure functions of results (the terminal summary, results.json, stress and comparison
 * reports, the HTML page and its charts), each writing what a run produced without running
 * anything.
 */
package io.stagesim.report;
