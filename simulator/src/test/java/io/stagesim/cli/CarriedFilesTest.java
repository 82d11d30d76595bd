package io.stagesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.cluster.CarriedFiles;
import io.stagesim.cluster.WorkItem;
import io.stagesim.report.Json;
import io.stagesim.report.SweepReporter;
import io.stagesim.run.Sweep;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.scenario.SloSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A work item carries exactly the files its scenario reads (itself, its base, its samples, its
 * price book), a worker measures from them what this machine measures from the disk, and a
 * scenario that names a file the item does not carry finds nothing, even when the file is on the
 * worker's disk.
 */
final class CarriedFilesTest {

    private static final String MM1 = Path.of("..", "scenarios", "textbook-mm1.yaml").toString();

    @TempDir
    Path dir;

    private Path site() throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.createDirectories(dir.resolve("site/samples"));
        Files.createDirectories(dir.resolve("prices"));
        Files.copy(Path.of(MM1), dir.resolve("lib/base.yaml"));
        Files.copy(Path.of("..", "scenarios", "prices", "aws-us-east-1.yaml"), dir.resolve("prices/aws-us-east-1.yaml"));
        Files.writeString(dir.resolve("site/samples/cpu.txt"), "4ms\n9ms\n12ms\n# a comment\n6ms\n");
        Files.writeString(dir.resolve("site/unrelated.txt"), "not read by the scenario");
        return Files.writeString(dir.resolve("site/child.yaml"), """
                extends: ../lib/base.yaml
                name: child
                prices: aws-us-east-1
                requests:
                  page:
                    view:
                      cpu: empirical(samples/cpu.txt)
                """);
    }

    @Test
    void anItem_carriesWhatTheScenarioReads_andMeasuresTheSameThere() throws Exception {
        Path child = site();
        ClusterSweep.Job job = new ClusterSweep.Job(child, List.of("run.replications=2"), new RunOptions(),
                Sweep.Measure.RUN, SloSpec.NONE, 0.02);
        List<String> point = List.of("services.browser.rate=40/s");
        WorkItem item = ClusterSweep.item("s", 3, point, job);
        assertEquals(Set.of("lib/base.yaml", "prices/aws-us-east-1.yaml", "site/child.yaml", "site/samples/cpu.txt"),
                item.files().keySet());
        assertEquals("site/child.yaml", item.scenario());
        List<String> all = List.of("run.replications=2", "services.browser.rate=40/s");
        String here = measure(ScenarioLoader.load(child, all), point);
        String there = CarriedFiles.with(item, s -> measure(ScenarioLoader.load(s, all), point));
        assertEquals(here, there);
        assertTrue(here.contains("\"services.browser.rate\" : \"40/s\""), here);
    }

    @Test
    void aFileTheItemDoesNotCarry_isNotFound_evenWhenItIsOnTheWorkersDisk() throws Exception {
        Path outside = Files.writeString(dir.resolve("secret-samples.txt"), "5ms\n");
        String text = Files.readString(Path.of(MM1));
        for (String named : new String[] {outside.toString(), "../../../../../../../.." + outside}) {
            String yaml = text.replace("cpu: exponential(10ms)", "cpu: empirical(" + named + ")");
            Path onDisk = Files.writeString(dir.resolve("direct.yaml"), yaml);
            ScenarioLoader.load(onDisk); // read from the disk here: the file is there
            WorkItem item = new WorkItem("s", 0, "s.yaml", new TreeMap<>(Map.of("s.yaml",
                    yaml.getBytes(StandardCharsets.UTF_8))), List.of(), List.of(), new TreeMap<>());
            ScenarioException e = assertThrows(ScenarioException.class,
                    () -> CarriedFiles.with(item, s -> ScenarioLoader.load(s)));
            assertTrue(e.getMessage().contains("file not found"), e.getMessage());
        }
        String yaml = "extends: " + dir.resolve("lib-missing.yaml") + "\n";
        Files.copy(Path.of(MM1), dir.resolve("lib-missing.yaml"));
        WorkItem item = new WorkItem("s", 0, "s.yaml", new TreeMap<>(Map.of("s.yaml",
                yaml.getBytes(StandardCharsets.UTF_8))), List.of(), List.of(), new TreeMap<>());
        ScenarioException e = assertThrows(ScenarioException.class, () -> CarriedFiles.with(item,
                s -> ScenarioLoader.load(s)));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
    }

    private static String measure(Scenario s, List<String> point) {
        Scenario short20s = Overrides.apply(s, null, null, "20s", "2s", null, null);
        return Json.write(SweepReporter.point(Sweep.point(0, point, short20s, Sweep.Measure.RUN, SloSpec.NONE, 1,
                0.02)));
    }
}
