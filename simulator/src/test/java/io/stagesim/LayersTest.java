package io.stagesim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages form floors and every dependency points down: a package uses only packages on lower
 * floors (read from the code's imports and qualified names, comments left out). Without this a
 * convenient import upward, say from {@code assembly} to {@code operations}, would go unnoticed.
 */
final class LayersTest {

    /** Each package's floor: engine ← random, stats ← model, workload, scenario ← nodes ← assembly ← … ← cli. */
    private static final Map<String, Integer> FLOOR = Map.ofEntries(
            Map.entry("engine", 0), Map.entry("random", 1), Map.entry("stats", 1), Map.entry("analytic", 1),
            Map.entry("model", 2), Map.entry("workload", 2), Map.entry("scenario", 2), Map.entry("nodes", 3),
            Map.entry("assembly", 4), Map.entry("operations", 5), Map.entry("run", 6), Map.entry("report", 7),
            Map.entry("verify", 7), Map.entry("cli", 8));

    private static final Pattern USE = Pattern.compile("\\bio\\.stagesim\\.([a-z]+)\\.");

    @Test
    void everyDependency_pointsDown() throws IOException {
        Path root = Path.of("src", "main", "java", "io", "stagesim");
        List<String> upward = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(files.size() > 100, "sources not found under " + root.toAbsolutePath());
        for (Path file : files) {
            String pkg = root.relativize(file).getName(0).toString();
            assertTrue(FLOOR.containsKey(pkg), "package " + pkg + " has no floor in " + LayersTest.class.getName());
            for (String line : Files.readAllLines(file)) {
                String code = line.strip();
                if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//") || code.startsWith("package ")) {
                    continue;
                }
                Matcher m = USE.matcher(code);
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg) && FLOOR.getOrDefault(used, Integer.MAX_VALUE) >= FLOOR.get(pkg)) {
                        upward.add(root.relativize(file) + " uses " + used + ": " + code);
                    }
                }
            }
        }
        assertEquals(List.of(), upward);
    }
}
