package io.stagesim.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writing outputs without ever leaving a half-written file or overwriting a user's report. */
final class SafeFiles {

    private SafeFiles() {
    }

    /** Writes {@code text} to a temporary file beside {@code target}, then renames it into place. */
    static void write(Path target, String text) {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} to a temporary file beside {@code target}, then renames it into place. */
    static void write(Path target, byte[] bytes) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            // a hidden sibling, created with the usual permissions, renamed over the target when complete
            Path tmp = target.toAbsolutePath().resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
                    + "." + System.nanoTime() + ".tmp");
            try {
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UserError("cannot write " + target + ": " + e.getMessage());
        }
    }

    /**
     * The folder to write a new report in: {@code wanted} if it holds no results yet (or
     * {@code force}), else the first free {@code wanted-2}, {@code wanted-3}, …
     */
    static Path freshFolder(Path wanted, boolean force) {
        return freshFolder(wanted, force, "results.json");
    }

    /** As {@link #freshFolder(Path, boolean)}, for a report written as {@code fileName}. */
    static Path freshFolder(Path wanted, boolean force, String fileName) {
        if (force || !Files.exists(wanted.resolve(fileName))) {
            return wanted;
        }
        for (int i = 2; ; i++) {
            Path p = wanted.resolveSibling(wanted.getFileName() + "-" + i);
            if (!Files.exists(p.resolve(fileName))) {
                return p;
            }
        }
    }

    /** A path as shown to the user: relative to the current folder when inside it. */
    static Path shown(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return abs.startsWith(here) ? here.relativize(abs) : abs;
    }

    /** Where reports go by default: {@code reports/} of the stagesim checkout, or of the current folder. */
    static Path reportsRoot() {
        String home = System.getenv("STAGESIM_HOME");
        return home == null || home.isBlank() ? Path.of("reports") : Path.of(home, "reports");
    }
}
