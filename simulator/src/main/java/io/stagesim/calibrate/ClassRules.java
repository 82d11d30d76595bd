package io.stagesim.calibrate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Rules that put requests into classes: {@code NAME=[METHOD ]REGEX}, tried in order, the first
 * whose method (when given) and path pattern (found anywhere in the path, so anchor it with ^ and
 * $) match wins. A request no rule takes is in {@link #OTHER}.
 */
public final class ClassRules {

    /** The class of requests no rule takes. */
    public static final String OTHER = "other";

    private record Rule(String name, String method, Pattern path) {
    }

    private final List<Rule> rules;

    private ClassRules(List<Rule> rules) {
        this.rules = rules;
    }

    /** Rules from {@code --class} values, each {@code name=[METHOD ]regex}. */
    public static ClassRules parse(List<String> specs) throws CalibrationException {
        List<Rule> rules = new ArrayList<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new CalibrationException("--class " + spec + ": expected NAME=[METHOD ]REGEX, such as "
                        + "page='GET ^/articles/' or write='POST ^/articles/new$'");
            }
            String name = spec.substring(0, eq).trim();
            if (!name.matches("[a-z][a-z0-9_]*")) {
                throw new CalibrationException("--class " + spec + ": the name '" + name + "' must be lower-case "
                        + "letters, digits and _, starting with a letter (it becomes a request class), such as page");
            }
            if (OTHER.equals(name)) {
                throw new CalibrationException("--class " + spec + ": '" + OTHER + "' is the class of requests no "
                        + "rule takes; choose another name");
            }
            String rest = spec.substring(eq + 1).trim();
            String method = null;
            int space = rest.indexOf(' ');
            if (space > 0 && rest.substring(0, space).matches("[A-Z]+")) {
                method = rest.substring(0, space);
                rest = rest.substring(space + 1).trim();
            }
            try {
                rules.add(new Rule(name, method, Pattern.compile(rest)));
            } catch (PatternSyntaxException e) {
                throw new CalibrationException("--class " + spec + ": '" + rest + "' is not a regular expression: "
                        + e.getDescription() + " at index " + e.getIndex());
            }
        }
        return new ClassRules(List.copyOf(rules));
    }

    /** The class of a request. */
    public String classify(String method, String path) {
        for (Rule r : rules) {
            if ((r.method == null || r.method.equals(method)) && r.path.matcher(path).find()) {
                return r.name;
            }
        }
        return OTHER;
    }

    /** The class names in rule order (a name given twice once), then {@link #OTHER}. */
    public List<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (Rule r : rules) {
            names.add(r.name);
        }
        names.add(OTHER);
        return List.copyOf(names);
    }
}
