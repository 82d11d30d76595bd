package io.stagesim.scenario;

import io.stagesim.random.BoundedPareto;
import io.stagesim.random.Constant;
import io.stagesim.random.Distribution;
import io.stagesim.random.Empirical;
import io.stagesim.random.Exponential;
import io.stagesim.random.Gamma;
import io.stagesim.random.Lognormal;
import io.stagesim.random.TruncatedNormal;
import io.stagesim.random.Uniform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Distributions of durations written inline, with units:
 * <pre>
 * 5ms                                 constant (a bare duration)
 * constant(5ms)
 * exponential(20ms)                   exponential(mean=20ms)
 * uniform(1ms, 3ms)                   uniform(min=1ms, max=3ms)
 * erlang(k=3, mean=10ms)
 * gamma(shape=0.5, mean=10ms)
 * normal(mean=10ms, sd=2ms)           truncated at zero
 * lognormal(mean=20ms, cv=1)          lognormal(mean=20ms, p99=200ms)
 * pareto(alpha=1.5, min=1ms, max=1s)  bounded Pareto
 * empirical(samples.txt)              one duration per line, relative to the scenario file
 * </pre>
 */
public final class DistributionSyntax {

    /** The distribution names understood, for messages. */
    public static final List<String> NAMES = List.of("constant", "exponential", "uniform", "erlang", "gamma",
            "normal", "lognormal", "pareto", "empirical");

    private DistributionSyntax() {
    }

    /**
     * Parses {@code text}; {@code baseDir} resolves empirical sample files.
     *
     * @throws IllegalArgumentException with a message naming what is wrong and what would be right
     */
    public static Distribution parse(String text, Path baseDir) {
        return parse(text, baseDir, f -> { });
    }

    /** As {@link #parse(String, Path)}, telling {@code read} the samples file it reads, if any. */
    static Distribution parse(String text, Path baseDir, java.util.function.Consumer<Path> read) {
        String t = text.trim();
        int open = t.indexOf('(');
        if (open < 0) {
            try {
                return new Constant(Units.duration(t));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected a distribution such as exponential(20ms) or a duration "
                        + "such as 5ms, was '" + text + "'");
            }
        }
        if (!t.endsWith(")")) {
            throw new IllegalArgumentException("missing ')' at the end of '" + text + "'");
        }
        String name = t.substring(0, open).trim().toLowerCase(java.util.Locale.ROOT);
        Args a = Args.parse(t.substring(open + 1, t.length() - 1), text);
        return switch (name) {
            case "constant" -> new Constant(a.duration(0, "value"));
            case "exponential", "exp" -> new Exponential(a.durationPositive(0, "mean"));
            case "uniform" -> new Uniform(a.duration(0, "min"), a.duration(1, "max"));
            case "erlang" -> Gamma.erlang(a.integer("k"), a.durationPositive(-1, "mean"));
            case "gamma" -> new Gamma(a.number("shape"), a.durationPositive(-1, "mean"));
            case "normal" -> new TruncatedNormal(a.duration(-1, "mean"), a.durationPositive(-1, "sd"));
            case "lognormal" -> lognormal(a);
            case "pareto" -> new BoundedPareto(a.number("alpha"), a.durationPositive(-1, "min"),
                    a.durationPositive(-1, "max"));
            case "empirical" -> empirical(a.text(0, "file"), baseDir, read);
            default -> throw new IllegalArgumentException("unknown distribution '" + name + "'"
                    + Suggest.didYouMean(name, NAMES) + "; known: " + String.join(", ", NAMES));
        };
    }

    private static Distribution lognormal(Args a) {
        double mean = a.durationPositive(-1, "mean");
        if (a.has("p99") == a.has("cv")) {
            throw new IllegalArgumentException("lognormal needs mean and exactly one of p99 or cv, "
                    + "e.g. lognormal(mean=20ms, p99=200ms)");
        }
        return a.has("p99") ? Lognormal.ofMeanP99(mean, a.durationPositive(-1, "p99"))
                : Lognormal.ofMeanCv(mean, a.number("cv"));
    }

    private static Distribution empirical(String file, Path baseDir, java.util.function.Consumer<Path> read) {
        Path p;
        try {
            p = baseDir == null ? Path.of(file) : baseDir.resolve(file);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("'" + file + "' is not a valid file path: " + e.getReason());
        }
        List<String> lines;
        try {
            lines = SmallFile.read(p, p.toString(), "samples file").lines().toList();
            read.accept(p);
        } catch (SmallFile.Refused e) {
            throw new IllegalArgumentException("empirical(" + file + "): " + e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read empirical samples from '" + p + "': file not found");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("cannot read empirical samples from '" + p + "': not UTF-8 text");
        } catch (IOException e) {
            // the JDK's message, never its class name: "Is a directory", "Permission denied"
            throw new IllegalArgumentException("cannot read empirical samples from '" + p + "'"
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                values.add(Units.duration(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(p + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("'" + p + "' holds no samples; write one duration per line, e.g. 12ms");
        }
        return new Empirical(values.stream().mapToLong(Long::longValue).toArray());
    }

    /** Arguments of a call: positional first, then name=value pairs. */
    private record Args(List<String> positional, Map<String, String> named, String text) {

        static Args parse(String inside, String text) {
            List<String> pos = new ArrayList<>();
            Map<String, String> named = new LinkedHashMap<>();
            if (!inside.isBlank()) {
                for (String part : inside.split(",")) {
                    String p = part.trim();
                    int eq = p.indexOf('=');
                    if (eq >= 0) {
                        named.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
                    } else if (!named.isEmpty()) {
                        throw new IllegalArgumentException("in '" + text + "': positional argument '" + p
                                + "' after named ones");
                    } else {
                        pos.add(p);
                    }
                }
            }
            return new Args(pos, named, text);
        }

        boolean has(String name) {
            return named.containsKey(name);
        }

        String text(int position, String name) {
            if (named.containsKey(name)) {
                return named.get(name);
            }
            if (position >= 0 && position < positional.size()) {
                return positional.get(position);
            }
            throw new IllegalArgumentException("'" + text + "' is missing '" + name + "'");
        }

        <T> T get(int position, String name, Function<String, T> parse) {
            String v = text(position, name);
            try {
                return parse.apply(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("in '" + text + "', " + name + ": " + e.getMessage());
            }
        }

        long duration(int position, String name) {
            return get(position, name, Units::duration);
        }

        long durationPositive(int position, String name) {
            long d = duration(position, name);
            if (d <= 0) {
                throw new IllegalArgumentException("in '" + text + "', " + name + " must be > 0");
            }
            return d;
        }

        double number(String name) {
            return get(-1, name, s -> {
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected a number, was '" + s + "'");
                }
            });
        }

        int integer(String name) {
            return get(-1, name, s -> {
                try {
                    return Integer.parseInt(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected a whole number, was '" + s + "'");
                }
            });
        }

    }
}
