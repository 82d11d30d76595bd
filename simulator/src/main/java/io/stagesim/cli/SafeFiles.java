package io.stagesim.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writing outputs without ever leaving a half-written or temporary file: each goes to a hidden
 * temporary sibling, renamed into place when complete (and deleted if anything fails). Which
 * folder may be written is {@link OutputFolder}'s business.
 */
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
                holdBeforeRename();
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UserError("cannot write " + shown(target) + ": " + reason(e));
        }
    }

    /**
     * Writes {@code files} (names relative to {@code folder}, to contents) one by one in their
     * order, most precious first; if one cannot be written (a full disk), the message says which
     * were kept.
     */
    static void writeAll(Path folder, Map<String, byte[]> files) {
        List<String> kept = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            try {
                write(folder.resolve(f.getKey()), f.getValue());
            } catch (UserError e) {
                throw new UserError(e.getMessage() + "; " + kept(kept, files.keySet()));
            }
            kept.add(f.getKey());
        }
    }

    /** "kept a; not written: b and 40 files in charts/": files by name, those in folders counted. */
    private static String kept(List<String> kept, Collection<String> all) {
        List<String> lost = all.stream().filter(n -> !kept.contains(n)).toList();
        return "kept " + (kept.isEmpty() ? "nothing" : listed(kept)) + "; not written: " + listed(lost);
    }

    /** "a, b and 3 files in charts/". */
    private static String listed(List<String> names) {
        List<String> parts = new ArrayList<>(names.stream().filter(n -> !n.contains("/")).toList());
        Map<String, Integer> folders = new LinkedHashMap<>();
        for (String n : names) {
            if (n.contains("/")) {
                folders.merge(n.substring(0, n.indexOf('/') + 1), 1, Integer::sum);
            }
        }
        folders.forEach((f, n) -> parts.add(n + (n == 1 ? " file in " : " files in ") + f));
        return parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** The reason an I/O operation failed, as a few words. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way";
        }
        if (e instanceof NoSuchFileException) {
            return "no such folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Test hook ({@code -Dstagesim.test.holdBeforeRename=true}): between writing a file and renaming
     * it into place, waits until the JVM begins shutting down (a minute at most), so that a test can
     * land a SIGINT or SIGTERM exactly there.
     */
    private static void holdBeforeRename() {
        if (!Boolean.getBoolean("stagesim.test.holdBeforeRename")) {
            return;
        }
        System.err.println("stagesim: test hook: holding before the rename");
        long end = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < end) {
            Thread probe = new Thread(() -> { });
            try {
                Runtime.getRuntime().addShutdownHook(probe);
                Runtime.getRuntime().removeShutdownHook(probe);
                Thread.sleep(10);
            } catch (IllegalStateException shuttingDown) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
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
