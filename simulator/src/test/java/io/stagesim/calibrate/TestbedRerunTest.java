package io.stagesim.calibrate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The validation page's figures on two runs of one testbed configuration (NGINX in front,
 * CONN_MAX_AGE=0) are those of their recorded summaries: PostgreSQL's CPU per request at low load
 * and the throughput at N = 64.
 */
final class TestbedRerunTest {

    private static JsonNode step(String run, String step) throws Exception {
        JsonNode s = new ObjectMapper().readTree(ValidationTableTest.RESULTS.resolve("2026-12-02-" + run)
                .resolve("summary.json").toFile());
        for (JsonNode st : s.get("steps")) {
            if (st.get("step").asText().equals(step)) {
                return st;
            }
        }
        throw new AssertionError(run + " has no step " + step);
    }

    @Test
    void thePagesFigures_areTheRecordedRuns() throws Exception {
        String page = Files.readString(ValidationTableTest.PAGE).replaceAll("\\s+", " ");
        double pgFirst = step("nginx-cma0", "low-load").get("cpu").get("postgres").get("cpu_ms_per_request").asDouble();
        double pgRerun = step("nginx-cma0-rerun", "low-load").get("cpu").get("postgres").get("cpu_ms_per_request")
                .asDouble();
        double topFirst = step("nginx-cma0", "load-64").get("throughput_per_s").asDouble();
        double topRerun = step("nginx-cma0-rerun", "load-64").get("throughput_per_s").asDouble();
        String quoted = String.format(Locale.ROOT, "gave PostgreSQL %.2f ms a request at low load where the first "
                + "gives %.2f (whole-step figures), and a plateau at N = 64 of %.1f requests/s against %.1f",
                pgRerun, pgFirst, topRerun, topFirst);
        assertTrue(page.contains(quoted), quoted);
    }
}
