package io.stagesim.report;

import io.stagesim.run.ScenarioResult;

/**
 * Writes a {@link ScenarioResult} as {@code results.json}: its figures as a {@link ResultsFile},
 * every figure {@code {"mean": …, "ci95": …}}, keys in snake_case, in a fixed order, so the same
 * results give the same bytes. The README documents every field.
 */
public final class JsonReporter {

    private JsonReporter() {
    }

    /** The JSON text of {@code r}. */
    public static String toJson(ScenarioResult r) {
        return Json.write(ResultsFile.of(r));
    }

    /** The JSON text of {@code r}, with what {@code run --precision} reached. */
    public static String toJson(ScenarioResult r, io.stagesim.run.Precision.Outcome precision) {
        return Json.write(ResultsFile.of(r).withPrecision(precision));
    }
}
