package io.stagesim.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scenarios/reference.yaml} read line by line, as the tests that tie it to the code need
 * it: every block key with its path, its value as written and its comment (the comment on its line
 * and the comment-only lines under it), so a test can find what the file says a key's default is
 * and load the file with that key left out or changed.
 */
final class ReferenceYaml {

    /** The reference scenario. */
    static final Path FILE = Path.of("..", "scenarios", "reference.yaml");

    private static final Pattern KEY = Pattern.compile("^( *)([a-z_0-9]+):(?: +([^#]*?))? *(?:#(.*))?$");
    private static final Pattern COMMENT_ONLY = Pattern.compile("^ *#(.*)$");
    private static final Pattern COMMENTED_KEY = Pattern.compile("^ *[a-z_]+:.*");

    /** One {@code key: value  # comment} line; {@code value} is empty for a key holding a block. */
    record Entry(int line, String path, String key, String value, String comment) {

        /** True for a single value written on the key's line (not a block, not a flow list or mapping). */
        boolean scalar() {
            return !value.isEmpty() && !value.startsWith("{") && !value.startsWith("[");
        }

        /**
         * What the comment says the default is: the value after {@code default}, up to the first
         * {@code ", "}, {@code ": "} or unbalanced {@code ")"}; "as shown" is the value written.
         * Null when the comment names no default; {@code "default:"} (a default that depends on
         * other things) gives {@link #COMPUTED}.
         */
        String writtenDefault() {
            Matcher m = Pattern.compile("\\bdefault([: ])").matcher(comment);
            if (!m.find()) {
                return null;
            }
            if (m.group(1).equals(":")) {
                return COMPUTED;
            }
            String rest = comment.substring(m.end());
            StringBuilder out = new StringBuilder();
            int depth = 0;
            for (int i = 0; i < rest.length(); i++) {
                char c = rest.charAt(i);
                if (c == ')' && depth == 0 || depth == 0 && (rest.startsWith(", ", i) || rest.startsWith(": ", i)
                        || rest.startsWith("; ", i))) {
                    break;
                }
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                out.append(c);
            }
            String literal = out.toString().trim();
            if (literal.endsWith(".")) {
                literal = literal.substring(0, literal.length() - 1);
            }
            return literal.equals("as shown") ? value : literal;
        }
    }

    /** What {@link Entry#writtenDefault()} gives for a default that is no single value. */
    static final String COMPUTED = "(computed)";

    private final List<String> lines;
    private final List<Entry> entries = new ArrayList<>();

    private ReferenceYaml(List<String> lines) {
        this.lines = List.copyOf(lines);
        List<String> parents = new ArrayList<>();
        List<Integer> indents = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = KEY.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            int indent = m.group(1).length();
            while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
                indents.remove(indents.size() - 1);
                parents.remove(parents.size() - 1);
            }
            String key = m.group(2);
            String path = parents.isEmpty() ? key : String.join(".", parents) + "." + key;
            StringBuilder comment = new StringBuilder(m.group(4) == null ? "" : m.group(4).trim());
            for (int j = i + 1; j < lines.size(); j++) {
                Matcher c = COMMENT_ONLY.matcher(lines.get(j));
                if (!c.matches() || COMMENTED_KEY.matcher(c.group(1).trim()).matches()) {
                    break; // a commented-out example key has a comment of its own
                }
                comment.append(' ').append(c.group(1).trim());
            }
            String value = m.group(3) == null ? "" : m.group(3).trim();
            entries.add(new Entry(i, path, key, value, comment.toString()));
            if (value.isEmpty()) {
                parents.add(key);
                indents.add(indent);
            }
        }
    }

    /** The reference as it is in the repository. */
    static ReferenceYaml read() {
        try {
            return new ReferenceYaml(Files.readAllLines(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every block key, in file order. */
    List<Entry> entries() {
        return entries;
    }

    /** The entry at {@code path} ("services.app.workers"), or null. */
    Entry at(String path) {
        return entries.stream().filter(e -> e.path().equals(path)).findFirst().orElse(null);
    }

    /** The file's text without its {@code extends} line (a scenario given as text cannot extend another). */
    String text() {
        return textWith(-1, null);
    }

    /** The text with line {@code line}'s value replaced by {@code value}, or the line left out when null. */
    String textWith(int line, String value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("extends:")) {
                continue;
            }
            if (i == line) {
                if (value == null) {
                    continue;
                }
                Matcher m = KEY.matcher(l);
                if (!m.matches()) {
                    throw new IllegalArgumentException("line " + (i + 1) + " is no key: " + l);
                }
                l = m.group(1) + m.group(2) + ": " + value;
            }
            sb.append(l).append('\n');
        }
        return sb.toString();
    }
}
