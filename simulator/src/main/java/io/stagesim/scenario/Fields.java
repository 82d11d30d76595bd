package io.stagesim.scenario;

import io.stagesim.random.Distribution;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the keys of one YAML mapping into typed values, recording a located problem (and
 * returning the default) for each value that is wrong, so that binding continues and every
 * problem is reported at once. Every key asked for is known; {@link #finish()} reports the rest
 * as unknown, with a "did you mean".
 */
final class Fields {

    private final YNode.Mapping node;
    private final String path;
    private final Problems problems;
    private final Path baseDir;
    private final Set<String> known = new LinkedHashSet<>();

    Fields(YNode.Mapping node, String path, Problems problems, Path baseDir) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.baseDir = baseDir;
    }

    /** Fields of {@code value}, or null (with a problem) when it is not a mapping. */
    static Fields of(YNode value, String path, Problems problems, Path baseDir) {
        if (value instanceof YNode.Mapping m) {
            return new Fields(m, path, problems, baseDir);
        }
        problems.add(value.location(), path, "expected a mapping of keys to values, found " + value.kind());
        return null;
    }

    String path() {
        return path;
    }

    Location location() {
        return node.location();
    }

    Path baseDir() {
        return baseDir;
    }

    Problems problems() {
        return problems;
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        known.add(key);
        return node.entries().containsKey(key);
    }

    YNode raw(String key) {
        known.add(key);
        return node.entries().get(key);
    }

    /** Location of a key (or of the mapping when absent). */
    Location keyLocation(String key) {
        Location l = node.keyLocations().get(key);
        return l == null ? node.location() : l;
    }

    void problem(String key, String message) {
        YNode v = node.entries().get(key);
        problems.add(v == null ? node.location() : v.location(), key == null ? path : child(key), message);
    }

    private String scalar(String key) {
        YNode v = raw(key);
        if (v == null) {
            return null;
        }
        if (v instanceof YNode.Scalar s && !s.isNull()) {
            return s.text();
        }
        problem(key, "expected a single value, found " + v.kind());
        return null;
    }

    private <T> T parsed(String key, T fallback, Function<String, T> parse) {
        String text = scalar(key);
        if (text == null) {
            return fallback;
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return fallback;
        }
    }

    String string(String key, String fallback) {
        return parsed(key, fallback, s -> s);
    }

    String required(String key) {
        if (!has(key)) {
            problems.add(node.location(), child(key), "missing; this key is required");
            return null;
        }
        return string(key, null);
    }

    String choice(String key, String fallback, List<String> allowed) {
        String v = string(key, fallback);
        if (v != null && !allowed.contains(v)) {
            problem(key, "'" + v + "' is not one of " + String.join(", ", allowed) + Suggest.didYouMean(v, allowed));
            return fallback;
        }
        return v;
    }

    int integer(String key, int fallback, int min, int max) {
        return parsed(key, fallback, s -> {
            long v;
            try {
                v = Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number, was '" + s + "'");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max + ", was " + v);
            }
            return (int) v;
        });
    }

    double number(String key, double fallback, double min, double max) {
        return parsed(key, fallback, s -> {
            double v;
            try {
                v = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a number, was '" + s + "'");
            }
            if (!(v >= min && v <= max)) {
                throw new IllegalArgumentException("must be between " + min + " and " + max + ", was " + s.trim());
            }
            return v;
        });
    }

    /** A ratio written as a number (0.9) or a percentage (90%), from {@code min} to {@code max}. */
    double ratio(String key, double fallback, double min, double max) {
        return parsed(key, fallback, s -> {
            double v = Units.ratio(s, "a ratio such as 90% or 0.9");
            if (!(v >= min && v <= max)) {
                throw new IllegalArgumentException("must be between " + Units.trim(min * 100) + "% and "
                        + Units.trim(max * 100) + "%, was " + s.trim());
            }
            return v;
        });
    }

    boolean bool(String key, boolean fallback) {
        return parsed(key, fallback, s -> switch (s.trim()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false, was '" + s + "'");
        });
    }

    long duration(String key, long fallback) {
        return parsed(key, fallback, Units::duration);
    }

    /** A duration, or the word {@code word} standing for {@code wordValue} (Django's None, say). */
    long durationOr(String key, long fallback, String word, long wordValue) {
        return parsed(key, fallback, s -> {
            if (s.trim().equals(word)) {
                return wordValue;
            }
            try {
                return Units.duration(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + ", or '" + word + "'");
            }
        });
    }

    long positiveDuration(String key, long fallback) {
        return parsed(key, fallback, s -> {
            long d = Units.duration(s);
            if (d <= 0) {
                throw new IllegalArgumentException("must be greater than 0, was '" + s + "'");
            }
            return d;
        });
    }

    double rate(String key, double fallback) {
        return parsed(key, fallback, Units::rate);
    }

    long size(String key, long fallback) {
        return parsed(key, fallback, Units::size);
    }

    /** A bandwidth in bytes per second ({@link Units#bandwidth}). */
    double bandwidth(String key, double fallback) {
        return parsed(key, fallback, Units::bandwidth);
    }

    double fraction(String key, double fallback) {
        return parsed(key, fallback, Units::fraction);
    }

    Distribution distribution(String key, Distribution fallback) {
        return parsed(key, fallback, s -> DistributionSyntax.parse(s, baseDir, problems::read));
    }

    List<String> names(String key) {
        YNode v = raw(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof YNode.Scalar s && !s.isNull()) {
            out.add(s.text());
        } else if (v instanceof YNode.Sequence seq) {
            for (YNode item : seq.items()) {
                if (item instanceof YNode.Scalar s && !s.isNull()) {
                    out.add(s.text());
                } else {
                    problems.add(item.location(), child(key), "expected a name, found " + item.kind());
                }
            }
        } else {
            problem(key, "expected a name or a list of names, found " + v.kind());
        }
        return out;
    }

    Map<String, YNode> entries() {
        return node.entries();
    }

    /** Reports every key that was never asked for. */
    void finish() {
        for (Map.Entry<String, YNode> e : node.entries().entrySet()) {
            if (!known.contains(e.getKey())) {
                problems.add(keyLocation(e.getKey()), child(e.getKey()), "unknown key" + Suggest.didYouMean(e.getKey(), known)
                        + "; known keys here: " + String.join(", ", known));
            }
        }
    }
}
