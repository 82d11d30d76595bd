package io.stagesim.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A report folder reserved by one command from its start to its end, so that two commands never
 * write the same report. The reservation is a hidden {@link #LOCK} file created exclusively (the
 * file system lets only one process create it), and a folder already holding one of the command's
 * reports is never taken: the first free {@code wanted}, {@code wanted-2}, {@code wanted-3}, … is.
 * A report is written before the lock is removed, so a later command finds either the lock or the
 * report. {@code --force} takes {@code wanted} as it is, without a reservation.
 *
 * <p>Public for the hostile-input tests, which take the same folder twice in one JVM.
 */
public final class OutputFolder implements AutoCloseable {

    /** The file that reserves a folder while a command writes there. */
    public static final String LOCK = ".stagesim.lock";
    /** Folders tried before giving up ({@code wanted-2} … {@code wanted-1000}). */
    private static final int MAX_TRIES = 1000;

    private final Path path;
    private final boolean created;
    private final Path lock;
    private final AtomicBoolean released = new AtomicBoolean();

    private OutputFolder(Path path, boolean created, Path lock) {
        this.path = path;
        this.created = created;
        this.lock = lock;
    }

    /**
     * Reserves {@code wanted}, or the first free {@code wanted-N}, for a command writing the files
     * named {@code reports}; with {@code force}, {@code wanted} itself, whatever it holds.
     */
    public static OutputFolder reserve(Path wanted, boolean force, String... reports) {
        Path first = wanted.toAbsolutePath().normalize();
        if (first.getFileName() == null) {
            throw new UserError("--out " + wanted + ": give a folder below the root, e.g. --out reports/mine");
        }
        try {
            Files.createDirectories(first.getParent());
            if (force) {
                return new OutputFolder(first, create(first), null);
            }
            for (int i = 1; i <= MAX_TRIES; i++) {
                Path p = i == 1 ? first : first.resolveSibling(first.getFileName() + "-" + i);
                boolean created = create(p);
                Path lock = p.resolve(LOCK);
                try {
                    Files.createFile(lock);
                } catch (FileAlreadyExistsException busy) {
                    continue; // another command is writing there (or was killed while it did)
                }
                if (Arrays.stream(reports).noneMatch(r -> Files.exists(p.resolve(r)))) {
                    return new OutputFolder(p, created, lock);
                }
                Files.delete(lock); // a finished report: never replaced
            }
        } catch (IOException e) {
            throw new UserError("cannot create the output folder " + SafeFiles.shown(first) + ": " + SafeFiles.reason(e));
        }
        throw new UserError(SafeFiles.shown(first) + " and " + (MAX_TRIES - 1) + " numbered folders beside it all hold "
                + "reports (or " + LOCK + " files left by stopped runs); move some away or give --out");
    }

    private static boolean create(Path p) throws IOException {
        try {
            Files.createDirectory(p);
            return true;
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(p)) {
                throw new UserError(SafeFiles.shown(p) + " is a file, not a folder; give --out a folder");
            }
            return false;
        }
    }

    /** The folder. */
    public Path path() {
        return path;
    }

    /** A file in the folder. */
    public Path resolve(String name) {
        return path.resolve(name);
    }

    /**
     * Ends the reservation: removes the lock, and the folder if this command created it and wrote
     * nothing there. Safe to call more than once, from any thread.
     */
    @Override
    public void close() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        if (lock != null) {
            try {
                Files.deleteIfExists(lock);
            } catch (IOException e) {
                // a lock left behind only sends the next command to a numbered folder
                System.err.println("stagesim: warning: could not remove " + SafeFiles.shown(lock) + ": "
                        + SafeFiles.reason(e));
            }
        }
        if (created) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException notEmpty) {
                // the report (or anything else) is there: the folder stays
            }
        }
    }
}
