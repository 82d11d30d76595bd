package io.stagesim.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagesim.Conservation;
import io.stagesim.run.CapacitySearch;
import io.stagesim.run.Comparison;
import io.stagesim.run.ReplicationRunner;
import io.stagesim.run.ScenarioResult;
import io.stagesim.scenario.RunSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stage ladder compared twice, as {@code docs/ladder.md} shows it: the stages as shipped (naive
 * settings) and the production ladder ({@code scenarios/production/}: the same stages with browser
 * caching, persistent connections and a buffering proxy), pinned like a golden summary in
 * {@code golden/ladder-<name>.json}: each stage's capacity with its interval, its gain over the stage it
 * extends and the bottleneck at its capacity. The docs quote these figures (docs/figures.yaml), so a
 * model change that moves a capacity fails here and there, not silently in a stale page.
 *
 * <p>It runs the comparison exactly as {@code ./stagesim compare FILES --replications 3
 * --stress-duration 60s} does (same seeds, same searches: byte-identical figures), shorter than the
 * command's defaults so that both ladders take about two minutes; the docs' charts are drawn by that
 * command, so they show the same capacities. {@code -Dgolden.update=true} rewrites the files;
 * {@code docs/ladder.sh} does that and redraws the charts.
 */
final class LadderGoldenTest {

    /** The options the docs' compare runs with: {@code --replications 3 --stress-duration 60s}. */
    static final int REPLICATIONS = 3;
    static final long STRESS_DURATION = 60_000_000_000L;
    /** compare's default {@code --precision}. */
    static final double PRECISION = 0.05;

    private static final Path SCENARIOS = Path.of("..", "scenarios");
    private static final Pattern EXTENDS = Pattern.compile("(?m)^extends:\\s*(\\S+)");

    /**
     * The variants that decide the ranking, each one setting changed from a stage of the naive ladder;
     * each one's gain is over that stage's capacity in the naive ladder's golden comparison.
     */
    static final List<String> VARIANTS = List.of("connections/stage-2-conn-max-age.yaml",
            "connections/stage-3-conn-max-age.yaml", "connections/stage-5-conn-max-age.yaml",
            "edge/stage-2-browser-cache.yaml", "edge/stage-3-browser-cache.yaml", "edge/stage-6-cdn.yaml",
            "connections/stage-7-small-database.yaml", "clients/stage-8-buffering.yaml");

    /** The files of a ladder, in the order {@code compare} is given them by the shell's glob. */
    static List<Path> files(String ladder) throws IOException {
        if (ladder.equals("variants")) {
            return VARIANTS.stream().map(SCENARIOS::resolve).toList();
        }
        Path dir = ladder.equals("naive") ? SCENARIOS : SCENARIOS.resolve(ladder);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("stage-.*\\.yaml")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"naive", "production", "variants"})
    void ladder_matchesItsGoldenComparison(String ladder) throws Exception {
        List<Path> files = files(ladder);
        List<Scenario> scenarios = new ArrayList<>();
        for (Path f : files) {
            Scenario s = ScenarioLoader.load(f);
            RunSpec r = s.run();
            scenarios.add(s.withRun(r.with(r.duration(), r.warmup(), REPLICATIONS, r.seed())));
        }
        Comparison.Result c = Comparison.run(scenarios, scenarios.get(0).slo(), ReplicationRunner.defaultThreads(),
                PRECISION, (name, rate, stage, stages, point) -> { }, STRESS_DURATION);
        Map<String, String> parents = parents(files, ladder.equals("variants"));
        Map<String, Double> capacities = new HashMap<>();
        if (ladder.equals("variants")) { // each variant's gain is over its stage in the naive ladder
            JsonNode naive = new ObjectMapper().readTree(GoldenScenariosTest.GOLDEN.resolve("ladder-naive.json")
                    .toFile());
            naive.get("stages").fields().forEachRemaining(e -> capacities.put(e.getKey(),
                    e.getValue().get("capacity").asDouble()));
        }
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("ladder", ladder);
        root.put("command", "./stagesim compare " + String.join(" ", ladder.equals("variants")
                ? VARIANTS.stream().map(v -> "scenarios/" + v).toList()
                : List.of("scenarios/" + (ladder.equals("naive") ? "" : ladder + "/") + "stage-*.yaml"))
                + " --replications " + REPLICATIONS + " --stress-duration 60s");
        root.put("reference_rate", GoldenScenariosTest.round(c.referenceRate()));
        ObjectNode stages = root.putObject("stages");
        for (Comparison.Row row : c.rows()) {
            CapacitySearch.Result stress = row.stress();
            // gains between the capacities as written (six digits), as a variant's parent is read back
            double capacity = Double.parseDouble(GoldenScenariosTest.round(stress.capacity()));
            capacities.put(row.scenario(), capacity);
            ObjectNode n = stages.putObject(row.scenario());
            String parent = parents.get(row.scenario());
            n.put("extends", parent);
            n.put("capacity", GoldenScenariosTest.round(stress.capacity()));
            n.put("low", GoldenScenariosTest.round(stress.capacityLow()));
            n.put("high", GoldenScenariosTest.round(stress.capacityHigh()));
            if (parent != null) {
                assertTrue(capacities.containsKey(parent), row.scenario() + " extends " + parent
                        + ", which must come before it in the ladder");
                n.put("gain_pct", GoldenScenariosTest.round((capacity / capacities.get(parent) - 1) * 100));
            }
            ScenarioResult at = stress.atCapacity() == null ? null : stress.atCapacity().result();
            if (at != null && at.bottleneck() != null) {
                n.put("bottleneck", at.bottleneck().service() + ": " + at.bottleneck().resource());
                n.put("bottleneck_utilization", GoldenScenariosTest.round(at.bottleneck().utilization()));
            }
            if (at != null) {
                ObjectNode hosts = n.putObject("host_cpu_at_capacity");
                at.hosts().forEach(h -> hosts.put(h.name(), GoldenScenariosTest.round(h.cpuUtilization().mean())));
            }
            n.put("p99_ms_at_reference", GoldenScenariosTest.round(row.atReference().all().latencyMs().p99().mean()));
            n.put("cost_per_hour", GoldenScenariosTest.round(row.costPerHour()));
        }
        // the books of one run of every stage at its capacity, as the search ran it
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i).withFaults(List.of());
            RunSpec r = s.run();
            double capacity = c.rows().get(i).stress().capacity();
            if (capacity > 0) {
                Conservation.replication(s.withRun(r.with(STRESS_DURATION, Math.min(r.warmup(), STRESS_DURATION / 5),
                        1, r.seed())).withPeakRate(capacity), 0);
            }
        }
        String text = m.writeValueAsString(root) + "\n";
        Path golden = GoldenScenariosTest.GOLDEN.resolve("ladder-" + ladder + ".json");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GoldenScenariosTest.GOLDEN);
            Files.writeString(golden, text, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(golden), "no golden comparison " + golden + ": run with -Dgolden.update=true, "
                + "review the new file and commit it");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), text, "the " + ladder + " ladder moved from "
                + golden + ": if the change is intended, run docs/ladder.sh (or this test with -Dgolden.update=true), "
                + "review the diff and update docs/ladder.md");
    }

    /**
     * Each stage's parent: the stage its file extends, within the ladder. A production file extends
     * its stage as shipped, so its parent is the production counterpart of that stage's parent; a
     * variant's is the stage it extends, in the naive ladder.
     */
    static Map<String, String> parents(List<Path> files, boolean variants) throws IOException {
        Map<String, String> extendsOf = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            names.add(name(f));
            extendsOf.put(name(f), base(f));
        }
        Map<String, String> parents = new HashMap<>();
        for (Path f : files) {
            String base = extendsOf.get(name(f));
            if (base == null || names.contains(base) || variants) {
                parents.put(name(f), base);
                continue;
            }
            // a production file: the stage it extends lies outside the ladder
            String grand = base(SCENARIOS.resolve(base + ".yaml"));
            String parent = null;
            for (Map.Entry<String, String> e : extendsOf.entrySet()) {
                if (grand != null && grand.equals(e.getValue())) {
                    parent = e.getKey();
                }
            }
            assertTrue(grand == null || parent != null, f + " extends " + base + ", whose parent " + grand
                    + " has no counterpart in the ladder");
            parents.put(name(f), parent);
        }
        return parents;
    }

    private static String name(Path f) {
        return f.getFileName().toString().replaceFirst("\\.yaml$", "");
    }

    /** The name of the file {@code f} extends, or null. */
    private static String base(Path f) throws IOException {
        Matcher m = EXTENDS.matcher(Files.readString(f, StandardCharsets.UTF_8));
        return m.find() ? Path.of(m.group(1)).getFileName().toString().replaceFirst("\\.yaml$", "") : null;
    }
}
