package io.stagesim.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every problem found in a scenario, collected rather than thrown, so that a user sees all of them
 * at once, each as {@code file:line:column path: message}.
 */
public final class Problems {

    /** One problem at one place. */
    public record Problem(Location location, String path, String message) {
        @Override
        public String toString() {
            return location + " " + (path.isEmpty() ? "" : path + ": ") + message;
        }
    }

    private final List<Problem> list = new ArrayList<>();
    private final List<java.nio.file.Path> read = new ArrayList<>();

    /**
     * Records that the load read {@code file} (the scenario, a base it extends, a samples file, a
     * price book), so that a sweep on a cluster can carry exactly those files to its workers.
     */
    void read(java.nio.file.Path file) {
        java.nio.file.Path p = file.toAbsolutePath().normalize();
        if (!read.contains(p)) {
            read.add(p);
        }
    }

    /** The files this load read, in the order it first read them. */
    public List<java.nio.file.Path> filesRead() {
        return List.copyOf(read);
    }

    /** Records a problem at {@code location} for the key path {@code path} (may be empty). */
    public void add(Location location, String path, String message) {
        list.add(new Problem(location, path, message));
    }

    /** True when nothing is wrong. */
    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** Number of problems. */
    public int size() {
        return list.size();
    }

    /** The problems sorted by file, line and column. */
    public List<Problem> sorted() {
        List<Problem> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparing((Problem p) -> p.location().file())
                .thenComparingInt(p -> p.location().line())
                .thenComparingInt(p -> p.location().column()));
        return copy;
    }

    /** All problems, one per line. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (Problem p : sorted()) {
            sb.append(p).append('\n');
        }
        return sb.toString();
    }
}
