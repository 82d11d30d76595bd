package io.stagesim.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagesim.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The what-if answers {@code docs/guide.md} shows ("which setting flips the stage ranking?"): the
 * tornado of stage 3 and of stage 7 and the heat map of stage 3's Gunicorn workers × persistent
 * database connections, each run exactly as the command the golden file names (through the command
 * line, so the same bytes), short enough for the suite. Their capacities are pinned in
 * {@code golden/whatif-<name>.json}, which the docs quote (docs/figures.yaml); {@code
 * -Dgolden.update=true} rewrites the files and redraws the pictures under {@code docs/} from the
 * same run.
 */
final class WhatIfGoldenTest {

    /** Short runs: 20 s of simulated time, two replications per load point, searches to 10 %. */
    private static final List<String> SHORT = List.of("--duration", "20s", "--replications", "2", "--precision", "0.1");

    /** Each run: its arguments after {@code sweep}, and the picture the docs show. */
    private static final Map<String, List<String>> RUNS = Map.of(
            "tornado-stage-3", List.of("scenarios/stage-3-nginx.yaml", "--sensitivity", "20%", "--param",
                    "requests.page.view.cpu", "--param", "services.gunicorn.workers", "--param",
                    "services.nginx.workers"),
            "tornado-stage-7", List.of("scenarios/stage-7-load-balancer.yaml", "--sensitivity", "20%", "--param",
                    "requests.page.view.cpu", "--param", "services.gunicorn.workers"),
            "heatmap-stage-3", List.of("scenarios/stage-3-nginx.yaml", "--vary", "services.gunicorn.workers=3,5,9",
                    "--vary", "services.gunicorn.conn_max_age=0s,60s"));

    private static final Map<String, String> PICTURES = Map.of("tornado-stage-3", "tornado.png",
            "tornado-stage-7", "tornado.png", "heatmap-stage-3", "heatmap.png");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tornado-stage-3", "tornado-stage-7", "heatmap-stage-3"})
    void whatIf_matchesItsGoldenFile(String name) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("sweep"));
        List<String> given = RUNS.get(name);
        args.add(Path.of("..").resolve(given.get(0)).toString());
        args.addAll(given.subList(1, given.size()));
        args.addAll(SHORT);
        args.addAll(List.of("--out", dir.toString()));
        assertEquals(Main.OK, Main.execute(args.toArray(new String[0])));
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("command", "./stagesim sweep " + String.join(" ", given) + " " + String.join(" ", SHORT));
        if (name.startsWith("tornado")) {
            JsonNode f = m.readTree(dir.resolve("sensitivity.json").toFile());
            root.put("capacity", GoldenScenariosTest.round(f.get("base").get("value").asDouble()));
            ObjectNode swings = root.putObject("swings");
            for (JsonNode s : f.get("swings")) {
                ObjectNode n = swings.putObject(s.get("key").asText());
                n.put("low", s.get("low").asText());
                n.put("capacity_low", GoldenScenariosTest.round(s.get("capacity_low").get("value").asDouble()));
                n.put("high", s.get("high").asText());
                n.put("capacity_high", GoldenScenariosTest.round(s.get("capacity_high").get("value").asDouble()));
                n.put("effect", GoldenScenariosTest.round(s.get("effect").asDouble()));
            }
        } else {
            JsonNode f = m.readTree(dir.resolve("sweep.json").toFile());
            ObjectNode points = root.putObject("capacity");
            for (JsonNode p : f.get("points")) {
                List<String> settings = new java.util.ArrayList<>();
                p.get("settings").fields().forEachRemaining(e -> settings.add(e.getKey().replaceFirst(".*\\.", "")
                        + "=" + e.getValue().asText()));
                points.put(String.join(" ", settings), GoldenScenariosTest.round(p.get("capacity").get("value")
                        .asDouble()));
            }
        }
        String text = m.writeValueAsString(root) + "\n";
        Path golden = GoldenScenariosTest.GOLDEN.resolve("whatif-" + name + ".json");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, text, StandardCharsets.UTF_8);
            Files.copy(dir.resolve(PICTURES.get(name)), Path.of("..", "docs", "whatif-" + name + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        assertTrue(Files.exists(golden), "no golden file " + golden + ": run with -Dgolden.update=true, review it "
                + "and commit it with the picture under docs/");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), text, "the what-if " + name + " moved from "
                + golden + ": if the change is intended, rerun with -Dgolden.update=true (which redraws "
                + "docs/whatif-" + name + ".png), review the diff and update docs/guide.md");
    }
}
