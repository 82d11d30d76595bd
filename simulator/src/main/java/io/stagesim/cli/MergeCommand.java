package io.stagesim.cli;

import io.stagesim.report.Json;
import io.stagesim.report.SweepReporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stagesim merge DIR… --out DIR}: the shards of a sweep as the one result a single machine gives. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Joins the folders of a sweep run in shards (sweep --shard i/N on several machines) into",
            "the sweep.json, sweep.csv and chart one machine would have written, byte for byte."})
final class MergeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "The shards' output folders (each with sweep.json).")
    private List<Path> folders;

    @Option(names = "--out", required = true, description = "Folder for the merged results.")
    private Path out;

    @Option(names = "--force", description = "Overwrite results already in the output folder.")
    private boolean force;

    @Override
    public Integer call() {
        List<SweepReporter.SweepFile> shards = new ArrayList<>();
        for (Path dir : folders) {
            Path json = dir.resolve("sweep.json");
            try {
                shards.add(Json.read(Files.readString(json, StandardCharsets.UTF_8), SweepReporter.SweepFile.class));
            } catch (IOException e) {
                throw new UserError("cannot read " + SafeFiles.shown(json) + ": " + e.getMessage().lines().findFirst()
                        .orElse("") + " (give the folders 'sweep --shard i/N' wrote)");
            }
        }
        SweepReporter.SweepFile merged;
        try {
            merged = SweepReporter.merge(shards);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        try (OutputFolder folder = OutputFolder.reserve(out, force, "sweep.json", "sweep.csv", "report.html")) {
            SweepCommand.write(folder, merged);
            System.out.print(SweepReporter.summary(merged));
            System.out.println("\nResults: " + SafeFiles.shown(folder.resolve("sweep.json")));
        }
        return Main.OK;
    }
}
