package io.stagesim.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.stagesim.Conservation;
import io.stagesim.scenario.Problems;
import io.stagesim.scenario.RunSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: whatever a scenario file says, stagesim either runs it or refuses it with located
 * problems — never another exception, never a hang. Cases are the shipped files mutated at random
 * (lines deleted, duplicated, swapped, re-indented or cut; values replaced with hostile ones:
 * zero, negatives, 1e308, NaN, huge counts, wrong types, long strings, broken syntax; unknown keys
 * inserted). Files that load are run briefly under tight limits. 400 cases by default; for a
 * nightly-style run: {@code STAGESIM_FUZZ_CASES=100000 mvn -pl simulator test -Dtest=ScenarioFuzzTest}.
 * Seeds are fixed: a failure reproduces.
 */
final class ScenarioFuzzTest {

    private static final String[] HOSTILE = {"0", "-1", "-0.5", "1e308", "-1e308", "NaN", "Infinity", "2147483648",
        "9223372036854775807", "99999999999999999999999", "''", "\"\"", "~", "null", "yes", "[]", "{}", "[1, 2",
        "{a: 1", "exponential(", "exponential(-5ms)", "lognormal(mean=1ms, p99=1h)", "uniform(3ms, 1ms)",
        "pareto(alpha=0, min=1ms, max=1s)", "erlang(k=0, mean=1ms)", "empirical(/nonexistent)", "1..0", "5..5000000",
        "12ms/s", "500/fortnight", "1e309ms", "0s", "-3s", "64XiB", "x".repeat(10_000), "&a x", "*a", "!!binary AAAA",
        "\"\\u0000\"", "100%%", "150%", "1e-320", "0/s", "1e10/s", "true", "[a, b, c]"};

    private static final String[] KEYS = {"wokers", "type", "host", "rate", "users", "target", "upstreams",
        "backends", "calls", "times", "share", "extends", "slo", "max_in_flight", "p99", "cores", "memory", "app"};

    @TempDir
    Path dir;

    @Test
    void mutatedScenarios_runOrAreRefusedWithLocatedProblems() throws IOException {
        String env = System.getenv("STAGESIM_FUZZ_CASES");
        int cases = env != null ? Integer.parseInt(env.trim()) : Integer.getInteger("stagesim.fuzz.cases", 400);
        Path shipped = Path.of("..", "scenarios");
        List<Path> files;
        try (Stream<Path> s = Files.list(shipped)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        // the mutated file sits beside copies of the originals, so 'extends' still resolves
        for (Path f : files) {
            Files.copy(f, dir.resolve(f.getFileName()));
        }
        Files.createDirectories(dir.resolve("prices")); // the price books they name
        try (Stream<Path> s = Files.list(shipped.resolve("prices"))) {
            for (Path f : s.toList()) {
                Files.copy(f, dir.resolve("prices").resolve(f.getFileName()));
            }
        }
        SplittableRandom random = new SplittableRandom(20261129);
        int loaded = 0;
        int refused = 0;
        for (int i = 0; i < cases; i++) {
            Path base = files.get(random.nextInt(files.size()));
            String text = mutate(Files.readString(base), random);
            Path file = dir.resolve("case.yaml");
            Files.writeString(file, text);
            long start = System.nanoTime();
            try {
                Scenario s = ScenarioLoader.load(file);
                loaded++;
                RunSpec r = s.run();
                Scenario quick = s.withRun(new RunSpec(Math.min(r.duration(), 5_000_000_000L), 0, 1, r.seed(),
                        r.window(), 300_000, 5_000, 20_000));
                Conservation.replication(quick, 0);
            } catch (ScenarioException e) {
                refused++;
                for (Problems.Problem p : e.problems().sorted()) {
                    if (p.location() == null || p.location().line() < 1 || p.message().isBlank()) {
                        fail("an unlocated or empty problem for case " + i + ": " + p + "\n" + text);
                    }
                }
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("case " + i + " (from " + base.getFileName() + ") threw " + e + "\n" + text, e);
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 10_000, "case " + i + " took " + ms + " ms\n" + text);
        }
        System.out.printf("fuzz: %d cases, %d loaded and ran, %d refused with located problems%n", cases, loaded,
                refused);
        assertTrue(loaded > 0 && refused > 0, "the mutations should produce both kinds");
    }

    private static String mutate(String text, SplittableRandom r) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int n = 1 + r.nextInt(3);
        for (int k = 0; k < n && !lines.isEmpty(); k++) {
            int i = r.nextInt(lines.size());
            String line = lines.get(i);
            switch (r.nextInt(8)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, line);
                case 2 -> {
                    int j = r.nextInt(lines.size());
                    lines.set(i, lines.get(j));
                    lines.set(j, line);
                }
                case 3 -> lines.set(i, (r.nextBoolean() ? "  " : "") + line.stripLeading());
                case 4 -> {
                    return String.join("\n", lines.subList(0, i)) + "\n" + line.substring(0, r.nextInt(line.length() + 1));
                }
                case 5 -> {
                    String indent = line.substring(0, line.length() - line.stripLeading().length());
                    lines.add(i, indent + KEYS[r.nextInt(KEYS.length)] + ": " + HOSTILE[r.nextInt(HOSTILE.length)]);
                }
                default -> {
                    int colon = line.indexOf(": ");
                    if (colon > 0) {
                        lines.set(i, line.substring(0, colon + 2) + HOSTILE[r.nextInt(HOSTILE.length)]);
                    } else {
                        lines.set(i, line + " " + HOSTILE[r.nextInt(HOSTILE.length)]);
                    }
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    // Very large documents are refused quickly, with a message, before any parsing.
    @Test
    void hugeFile_isRefusedWithAMessage() throws IOException {
        Path f = dir.resolve("huge.yaml");
        Files.writeString(f, "name: x\ndescription: " + "y".repeat(20_000_000) + "\n");
        long start = System.nanoTime();
        try {
            ScenarioLoader.load(f);
            fail("a 20 MB scenario was accepted");
        } catch (ScenarioException e) {
            assertTrue(e.getMessage().contains("larger than scenario files may be"), e.getMessage());
        }
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }

    // Exponential alias expansion ("billion laughs") never happens: the first anchor is refused.
    @Test
    void billionLaughs_isRefusedAtTheFirstAnchor() throws IOException {
        StringBuilder sb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int k = 0; k < 9; k++) {
                sb.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            sb.append("]\n");
        }
        Path f = dir.resolve("laughs.yaml");
        Files.writeString(f, sb.toString());
        try {
            ScenarioLoader.load(f);
            fail("accepted");
        } catch (ScenarioException e) {
            assertTrue(e.getMessage().contains("are not supported"), e.getMessage());
        }
    }
}
