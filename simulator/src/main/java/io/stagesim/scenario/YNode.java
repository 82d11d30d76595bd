package io.stagesim.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where each value came from, so that every problem can
 * be reported at its line and column.
 */
public sealed interface YNode permits YNode.Scalar, YNode.Mapping, YNode.Sequence {

    /** Where the value starts. */
    Location location();

    /** A word for the kind of value, for messages: "a number", "a list", "a mapping". */
    String kind();

    /** A scalar: its text as written, or null ({@code ~}, {@code null} or nothing). */
    record Scalar(String text, boolean isNull, Location location) implements YNode {
        @Override
        public String kind() {
            return isNull ? "nothing (null)" : "'" + text + "'";
        }
    }

    /** A mapping, in file order; each key keeps its own location. */
    record Mapping(Map<String, YNode> entries, Map<String, Location> keyLocations, Location location)
            implements YNode {

        /** An immutable copy. */
        public Mapping {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyLocations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keyLocations));
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** A list. */
    record Sequence(List<YNode> items, Location location) implements YNode {

        /** An immutable copy. */
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }
}
