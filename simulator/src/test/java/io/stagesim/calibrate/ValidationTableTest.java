package io.stagesim.calibrate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The validation table of docs/validation.md, recomputed: every calibrated scenario the testbed's
 * results hold, run closed-loop at the measured levels (one replication of 10 s after 2 s, seed 1),
 * beside the measured throughput and median latency in the same folder's summary.json. The page
 * must hold every row exactly as computed here, so its figures cannot go stale.
 */
final class ValidationTableTest {

    static final Path RESULTS = Path.of("..", "validation", "testbed", "results");
    static final Path PAGE = Path.of("..", "docs", "validation.md");
    static final int[] LEVELS = {1, 2, 4, 8, 16, 32, 64};
    private static final Map<String, double[]> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /** Measured throughput (/s) and p50 (ms) by level. */
    record Measured(Map<Integer, double[]> byLevel) {
    }

    static Measured measured(String run) throws Exception {
        JsonNode s = new ObjectMapper().readTree(RESULTS.resolve("2026-12-02-" + run).resolve("summary.json").toFile());
        Map<Integer, double[]> m = new LinkedHashMap<>();
        for (JsonNode step : s.get("steps")) {
            if (step.get("step").asText().startsWith("load-")) {
                m.put(step.get("connections").asInt(), new double[] {step.get("throughput_per_s").asDouble(),
                    step.get("latency_ms").get("p50").asDouble()});
            }
        }
        return new Measured(m);
    }

    /** Predicted throughput (/s) and p50 (ms) of {@code file} in {@code run}'s folder at {@code users}. */
    static double[] predict(String run, String file, int users, boolean persistent) throws Exception {
        String key = run + "/" + file + "/" + users + "/" + persistent;
        double[] known = CACHE.get(key);
        if (known != null) {
            return known;
        }
        Path p = RESULTS.resolve("2026-12-02-" + run).resolve(file);
        String yaml = Files.readString(p)
                .replace("run: {duration: 120s, warmup: 20s, replications: 5, seed: 1}",
                        "run: {duration: 10s, warmup: 2s, replications: 1, seed: 1}")
                .replace("    users: 1          #", "    users: " + users + "          #");
        if (persistent) {
            yaml = yaml.replace("    conn_max_age: 0s\n", "    conn_max_age: 60s\n");
        }
        Scenario s = ScenarioLoader.loadText(file, yaml, p.getParent());
        ReplicationResult r = Conservation.replication(s, 0);
        double[] out = {r.all().completed() / r.measuredSeconds(), r.all().latency().p50() / 1e6};
        CACHE.put(key, out);
        return out;
    }

    static String cell(double predicted, double measured) {
        double e = (predicted / measured - 1) * 100;
        return String.format(Locale.ROOT, "%.0f (%s%.0f %%)", predicted, e < -0.5 ? "−" : "+", Math.abs(e));
    }

    /** One table: measured {@code target} beside each of {@code files} of {@code source}. */
    static List<String> table(String source, String target, List<String> files, boolean persistent) throws Exception {
        Measured m = measured(target);
        List<String> rows = new ArrayList<>();
        for (int n : LEVELS) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %d | %.0f |", n, m.byLevel().get(n)[0]));
            for (String f : files) {
                row.append(' ').append(cell(predict(source, f, n, persistent)[0], m.byLevel().get(n)[0])).append(" |");
            }
            rows.add(row.toString());
        }
        double[] half = m.byLevel().get(1);
        StringBuilder p50 = new StringBuilder(String.format(Locale.ROOT, "| p50 at N = 1 | %.2f ms |", half[1]));
        for (String f : files) {
            double pr = predict(source, f, 1, persistent)[1];
            double e = (pr / half[1] - 1) * 100;
            p50.append(String.format(Locale.ROOT, " %.2f ms (%s%.0f %%) |", pr, e < -0.5 ? "−" : "+", Math.abs(e)));
        }
        rows.add(p50.toString());
        return rows;
    }

    static List<String> all() throws Exception {
        List<String> out = new ArrayList<>();
        for (String top : List.of("gunicorn", "nginx")) {
            out.addAll(table(top + "-cma0", top + "-cma0",
                    List.of("calibrated.yaml", "calibrated-connection.yaml", "calibrated-connection-scaled.yaml"), false));
            out.addAll(table(top + "-cma60", top + "-cma60", List.of("calibrated.yaml", "calibrated-scaled.yaml"),
                    false));
            out.addAll(table(top + "-cma0", top + "-cma60",
                    List.of("calibrated.yaml", "calibrated-connection.yaml", "calibrated-connection-scaled.yaml"), true));
        }
        return out;
    }

    @Test
    void thePageHoldsTheTableAsComputed() throws Exception {
        String page = Files.readString(PAGE).replaceAll("[ \\t]+", " ");
        List<String> missing = new ArrayList<>();
        for (String row : all()) {
            System.out.println(row);
            if (!page.contains(row)) {
                missing.add(row);
            }
        }
        assertTrue(missing.isEmpty(), "docs/validation.md lacks these rows (as computed):\n" + String.join("\n", missing));
    }
}
