package io.stagesim.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.scenario.AppServerSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CPU per request off the critical path, from a capture taken one request at a time. */
final class OffPathTest {

    // 90 pages of 4 ms at the server and 10 writes of 2 ms: 3.8 ms on average. Gunicorn 2 ms and
    // PostgreSQL 3 ms of CPU per request: 5 ms, so 1.2 ms ran after the response, and every other
    // figure keeps 1 − 1.2 / 5 = 0.76 of itself.
    private static Calibration.Result capture() {
        List<Calibration.ClassSummary> classes = List.of(
                new Calibration.ClassSummary("page", 90, 0.9, 3000, 0.004, 0.01, 0.004, 0.004, 0, false),
                new Calibration.ClassSummary("write", 10, 0.1, 200, 0.002, 0.01, 0.002, 0.002, 0, true));
        DemandFit.Result app = DemandFit.byServiceDemandLaw("gunicorn", 0.2, new double[] {90, 10},
                new double[] {1, 1}, List.of("page", "write"), 5, List.of());
        DemandFit.Result db = DemandFit.byServiceDemandLaw("postgres", 0.3, new double[] {90, 10},
                new double[] {1, 1}, List.of("page", "write"), 5, List.of());
        return new Calibration.Result(classes, Map.of("gunicorn", app, "postgres", db), 10, 10, 5, 2, List.of(),
                List.of(), 0, Map.of(), Map.of("gunicorn", 0.002, "postgres", 0.003));
    }

    @Test
    void offPathIsTheCpuBeyondTheMeanTimeAtTheServer() {
        assertEquals(0.0012, Calibration.offPath(capture(), null, "gunicorn", "postgres"), 1e-15);
        assertEquals(0.005, Calibration.modelledDemand(capture(), null, "gunicorn", "postgres"), 1e-15);
    }

    @Test
    void writtenAsAfterResponseCpuWithTheRestInProportion() throws Exception {
        ScenarioWriter.Setup setup = new ScenarioWriter.Setup("t", null, "gunicorn", "postgres", 2, 3, 1, 60, 1, 0,
                "test");
        String yaml = ScenarioWriter.write(capture(), setup, new ScenarioWriter.ConnectionCost(0.0052, 0.0044),
                List.of(), null, 0.0012);
        assertTrue(yaml.contains("after_response_cpu: 1200us"), yaml);
        // the view: 2 ms × 0.76; the query: 3 ms × 0.76
        assertTrue(yaml.contains("cpu: constant(1520us)"), yaml);
        assertTrue(yaml.contains("cpu: exponential(2280us)"), yaml);
        Scenario s = ScenarioLoader.loadText("t.yaml", yaml, Path.of("."));
        assertEquals(1_200_000, ((AppServerSpec) s.services().get("gunicorn")).afterResponseCpu().mean(), 1e-6);
    }
}
