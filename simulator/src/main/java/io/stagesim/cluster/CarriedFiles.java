package io.stagesim.cluster;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A work item's files as a file system of their own: a zip file system (the JDK's) that holds the
 * item's files and nothing else, so that whatever the scenario names (an {@code extends} base, an
 * {@code empirical(...)} samples file, a price book, an absolute path, {@code ../..}) is looked for
 * among them and never on the worker's disk. The zip lives in a private temporary file for the
 * item's run and is deleted after.
 */
public final class CarriedFiles {

    private CarriedFiles() {
    }

    /** What to do with the item's scenario. */
    @FunctionalInterface
    public interface Use<T> {
        T apply(Path scenario) throws Exception;
    }

    /** {@code use} applied to the item's scenario, inside the item's own file system. */
    public static <T> T with(WorkItem item, Use<T> use) throws Exception {
        Path zip = Files.createTempFile("stagesim-item-", ".zip");
        Files.delete(zip); // the zip file system creates its file itself
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            for (Map.Entry<String, byte[]> f : item.files().entrySet()) {
                Path p = fs.getPath("/" + checked(f.getKey()));
                if (p.getParent() != null) {
                    Files.createDirectories(p.getParent());
                }
                Files.write(p, f.getValue());
            }
            return use.apply(fs.getPath("/" + checked(item.scenario())));
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    /** A carried file's name: relative, '/'-separated, no empty, '.' or '..' part. */
    static String checked(String name) throws IOException {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\0")) {
            throw new IOException("a carried file named '" + name + "'");
        }
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IOException("a carried file named '" + name + "'");
            }
        }
        return name;
    }
}
