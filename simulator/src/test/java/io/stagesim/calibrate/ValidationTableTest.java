package io.stagesim.calibrate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesim.Conservation;
import io.stagesim.report.CurveChart;
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
 * results hold, run closed-loop at the measured levels (one replication of 6 s after 1 s, seed 1),
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
                        "run: {duration: 6s, warmup: 1s, replications: 1, seed: 1}")
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

    static final List<String> CMA0 = List.of("calibrated.yaml", "calibrated-connection.yaml",
            "calibrated-connection-after.yaml", "calibrated-connection-after-scaled.yaml");
    static final List<String> CMA60 = List.of("calibrated.yaml", "calibrated-after.yaml", "calibrated-after-scaled.yaml");

    /**
     * The what-if's scenarios: with Gunicorn alone its whole CPU per request is below A.7's cost of a
     * connection, so the low-load scenario's CPU figures are all 0 and kept connections cost nothing
     * (there is nothing to predict, and tens of thousands of requests a second to simulate).
     */
    static List<String> whatIf(String top) {
        return top.equals("gunicorn") ? CMA0.subList(1, 3) : CMA0.subList(0, 3);
    }

    static List<String> all() throws Exception {
        // every run once, two at a time (each is seeded and alone in its model: the order does not matter)
        List<Object[]> jobs = new ArrayList<>();
        for (String top : List.of("gunicorn", "nginx")) {
            for (int n : LEVELS) {
                CMA0.forEach(f -> jobs.add(new Object[] {top + "-cma0", f, n, false}));
                CMA60.forEach(f -> jobs.add(new Object[] {top + "-cma60", f, n, false}));
                whatIf(top).forEach(f -> jobs.add(new Object[] {top + "-cma0", f, n, true}));
            }
        }
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(2);
        try {
            pool.submit(() -> jobs.parallelStream().forEach(j -> {
                try {
                    predict((String) j[0], (String) j[1], (Integer) j[2], (Boolean) j[3]);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            })).get();
        } finally {
            pool.shutdown();
        }
        List<String> out = new ArrayList<>();
        for (String top : List.of("gunicorn", "nginx")) {
            out.addAll(table(top + "-cma0", top + "-cma0", CMA0, false));
            out.addAll(table(top + "-cma60", top + "-cma60", CMA60, false));
            out.addAll(table(top + "-cma0", top + "-cma60", whatIf(top), true));
        }
        return out;
    }

    /**
     * The page's chart, drawn again with {@code -Dstagesim.approve=true}: each run's measured
     * throughput and the prediction from its low-load step (the CPU after the response split off, and
     * the fitted connection cost where CONN_MAX_AGE = 0).
     */
    @Test
    void chartIsDrawnWhenApproving() throws Exception {
        if (!Boolean.getBoolean("stagesim.approve")) {
            assertTrue(Files.exists(PAGE.resolveSibling("validation-throughput.png")));
            return;
        }
        List<CurveChart.Curve> curves = new ArrayList<>();
        double[] x = java.util.Arrays.stream(LEVELS).asDoubleStream().toArray();
        String[][] runs = {{"gunicorn-cma0", "calibrated-connection-after.yaml"},
            {"gunicorn-cma60", "calibrated-after.yaml"}, {"nginx-cma0", "calibrated-connection-after.yaml"},
            {"nginx-cma60", "calibrated-after.yaml"}};
        for (int i = 0; i < runs.length; i++) {
            Measured m = measured(runs[i][0]);
            double[] y = new double[LEVELS.length];
            double[] p = new double[LEVELS.length];
            for (int k = 0; k < LEVELS.length; k++) {
                y[k] = m.byLevel().get(LEVELS[k])[0];
                p[k] = predict(runs[i][0], runs[i][1], LEVELS[k], false)[0];
            }
            curves.add(new CurveChart.Curve(runs[i][0] + " measured", x, y, true, i));
            curves.add(new CurveChart.Curve(runs[i][0] + " predicted", x, p, false, i));
        }
        Files.write(PAGE.resolveSibling("validation-throughput.png"), CurveChart.png(
                "Testbed: measured and predicted throughput", "wrk connections (closed loop)", "requests/s", curves));
    }

    /** The fitted figures the page quotes are those in the scenarios calibrate wrote. */
    @Test
    void thePageQuotesTheFittedFigures() throws Exception {
        String page = Files.readString(PAGE).replaceAll("\\s+", " ");
        List<String> missing = new ArrayList<>();
        for (String run : List.of("gunicorn-cma0", "gunicorn-cma60", "nginx-cma0", "nginx-cma60")) {
            Path dir = RESULTS.resolve("2026-12-02-" + run);
            String after = run.endsWith("cma0") ? "calibrated-connection-after.yaml" : "calibrated-after.yaml";
            for (String line : Files.readAllLines(dir.resolve(after))) {
                java.util.regex.Matcher m = java.util.regex.Pattern
                        .compile("of the [0-9.]+ ms of CPU per request, [0-9.]+ ms ran after the response").matcher(line);
                if (m.find() && !page.contains(m.group())) {
                    missing.add(m.group());
                }
            }
            if (run.endsWith("cma0")) {
                for (String line : Files.readAllLines(dir.resolve("calibrated-connection.yaml"))) {
                    if (line.contains("a new connection ") && !page.contains(line.substring(line.indexOf("# ") + 2)
                            .strip())) {
                        missing.add(line);
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "docs/validation.md does not quote:\n" + String.join("\n", missing));
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
