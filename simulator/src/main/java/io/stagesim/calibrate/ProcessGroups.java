package io.stagesim.calibrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which processes make up which service: {@code NAME=REGEX} on the command name (pidstat's
 * Command, /proc's comm), the first rule that matches wins; processes no rule takes are left out
 * and listed.
 */
public final class ProcessGroups {

    private final Map<String, List<Pattern>> rules = new LinkedHashMap<>();
    private final TreeSet<String> unmatched = new TreeSet<>();

    private ProcessGroups() {
    }

    /** Groups from {@code --process} values, each {@code name=regex}. */
    public static ProcessGroups parse(List<String> specs) throws CalibrationException {
        ProcessGroups g = new ProcessGroups();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new CalibrationException("--process " + spec + ": expected NAME=REGEX on the command name, "
                        + "such as gunicorn='gunicorn|python3' or postgres=postgres");
            }
            String name = spec.substring(0, eq).trim();
            if (!name.matches("[a-z][a-z0-9_]*")) {
                throw new CalibrationException("--process " + spec + ": the name '" + name + "' must be lower-case "
                        + "letters, digits and _, starting with a letter, such as gunicorn");
            }
            try {
                g.rules.computeIfAbsent(name, k -> new ArrayList<>()).add(Pattern.compile(spec.substring(eq + 1)));
            } catch (PatternSyntaxException e) {
                throw new CalibrationException("--process " + spec + ": not a regular expression: "
                        + e.getDescription());
            }
        }
        if (g.rules.isEmpty()) {
            throw new CalibrationException("give at least one --process NAME=REGEX, such as --process gunicorn=gunicorn "
                    + "--process postgres=postgres --process nginx=nginx");
        }
        return g;
    }

    /** The group of a command name, or null. */
    public String of(String command) {
        for (Map.Entry<String, List<Pattern>> e : rules.entrySet()) {
            for (Pattern p : e.getValue()) {
                if (p.matcher(command).find()) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    /** Notes a command no rule took. */
    void unmatched(String command) {
        unmatched.add(command);
    }

    /** Commands seen that no rule took, sorted. */
    public List<String> unmatched() {
        return List.copyOf(unmatched);
    }

    /** The group names in order. */
    public List<String> names() {
        return List.copyOf(rules.keySet());
    }

    String describe() {
        List<String> parts = new ArrayList<>();
        rules.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }
}
