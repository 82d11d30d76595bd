package io.stagesim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagesim.run.Estimate;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A saved results.json edited by hand is read into records all the same: each value not of the
 * type stagesim writes is absent and named by its path, so {@code compare --baseline} can say
 * which figures it left out instead of failing on the first.
 */
final class LenientReadTest {

    private static ObjectNode approved() throws Exception {
        return (ObjectNode) new ObjectMapper().readTree(Path.of("src", "test", "resources", "approved",
                "results-textbook-mm1.json").toFile());
    }

    // Every kind of wrong value at once: a figure's mean as text, a mapping as text, a figure as
    // null, numbers beyond their type's range (which Jackson refuses before any handler is asked).
    @Test
    void wrongValues_readAsAbsent_namedByPath() throws Exception {
        ObjectNode t = approved();
        ObjectNode page = (ObjectNode) t.path("requests").path("page");
        ((ObjectNode) page.path("throughput_per_s")).put("mean", "49.9");
        page.put("latency_ms", "fast");
        page.putNull("error_rate");
        t.put("replications", 99_999_999_999L);
        ((ObjectNode) t.path("resources").path(0)).put("capacity", 1e20);
        Json.Lenient<ResultsFile> read = Json.lenient(t, ResultsFile.class);
        assertEquals(Set.of("requests.page.throughput_per_s", "requests.page.latency_ms", "requests.page.error_rate",
                "replications", "resources.0.capacity"), read.wrongType());
        ResultsFile.RequestClass p = read.value().requests().get("page");
        assertNull(p.throughputPerS());
        assertNull(p.latencyMs());
        assertEquals(0, read.value().replications());
        assertEquals(0, read.value().resources().get(0).capacity());
        assertEquals(read.value().requests().get("all").offered(),
                Json.lenient(approved(), ResultsFile.class).value().requests().get("all").offered(), "the rest is read");
    }

    // A missing figure is absent but not of the wrong type; a figure with no value is NaN.
    @Test
    void missingOrValuelessFigure_isNotOfTheWrongType() throws Exception {
        ObjectNode t = approved();
        ObjectNode page = (ObjectNode) t.path("requests").path("page");
        page.remove("error_rate");
        ((ObjectNode) page.path("offered")).putNull("mean");
        Json.Lenient<ResultsFile> read = Json.lenient(t, ResultsFile.class);
        assertEquals(Set.of(), read.wrongType());
        assertNull(read.value().requests().get("page").errorRate());
        assertEquals(Double.NaN, read.value().requests().get("page").offered().mean());
    }

    // Not a results file at all: no records, and nothing thrown.
    @Test
    void notAnObject_readsAsNone() throws Exception {
        ArrayNode array = new ObjectMapper().createArrayNode().add(1);
        assertNull(Json.lenient(array, ResultsFile.class).value());
        assertNull(Json.lenient(new ObjectMapper().missingNode(), ResultsFile.class).value());
    }

    // A strict read (a file stagesim wrote, read back) refuses what is not a figure.
    @Test
    void strictRead_refusesAWrongFigure() throws Exception {
        assertThrows(com.fasterxml.jackson.databind.JsonMappingException.class,
                () -> Json.read("{\"mean\": \"1\", \"ci95\": 0}", Estimate.class));
        assertEquals(new Estimate(1, 0.5), Json.read("{\"mean\": 1, \"ci95\": 0.5}", Estimate.class));
    }
}
