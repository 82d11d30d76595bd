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
