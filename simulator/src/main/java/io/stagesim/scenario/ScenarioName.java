package io.stagesim.scenario;

import java.nio.charset.StandardCharsets;

/**
 * A scenario's name where it meets file systems and terminals. A name is a label for people, so
 * it may hold spaces, slashes or accents; the folder a report goes to is its {@link #slug} (letters,
 * digits, {@code . _ -}, never {@code ..}, never a path), and a name is only refused when no folder
 * could be named after it or a terminal could be fooled by it (see {@link #problem}).
 */
public final class ScenarioName {

    /** Longest name accepted, in characters. */
    public static final int MAX_LENGTH = 100;
    /**
     * Longest slug in UTF-8 bytes: with {@code -stress}, a {@code -1000} suffix or
     * {@code topology-…svg} around it, a folder or file name stays under the usual 255-byte limit.
     */
    static final int MAX_SLUG_BYTES = 200;

    private ScenarioName() {
    }

    /** Why {@code name} cannot be a scenario's name, or null if it can. */
    public static String problem(String name) {
        if (name.length() > MAX_LENGTH) {
            return "a scenario name is at most " + MAX_LENGTH + " characters, was " + name.length();
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return "a scenario name cannot hold control characters, found " + printable(String.valueOf(name.charAt(i)))
                        + " in '" + printable(name) + "'";
            }
        }
        if (slug(name).isEmpty()) {
            return "a scenario name needs at least one letter or digit (it names the report's folder), was '"
                    + printable(name) + "'";
        }
        return null;
    }

    /**
     * The name as a folder or file name: runs of anything but letters, digits, {@code .}, {@code _}
     * and {@code -} become one {@code -}; leading and trailing dots and dashes go; at most
     * {@link #MAX_SLUG_BYTES} bytes. Empty when the name has no letter or digit.
     */
    public static String slug(String name) {
        StringBuilder b = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            boolean kept = Character.isLetterOrDigit(cp) || cp == '.' || cp == '_' || cp == '-';
            String piece = kept ? new String(Character.toChars(cp)) : "-";
            if (piece.equals("-") && (b.length() == 0 || b.charAt(b.length() - 1) == '-')) {
                continue;
            }
            int n = piece.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > MAX_SLUG_BYTES) {
                break;
            }
            b.append(piece);
            bytes += n;
        }
        int start = 0;
        int end = b.length();
        while (start < end && (b.charAt(start) == '.' || b.charAt(start) == '-')) {
            start++;
        }
        while (end > start && (b.charAt(end - 1) == '.' || b.charAt(end - 1) == '-')) {
            end--;
        }
        String s = b.substring(start, end);
        return s.codePoints().anyMatch(Character::isLetterOrDigit) ? s : "";
    }

    /**
     * {@code text} safe to print: control characters (escape sequences included) and the
     * invisible characters that reorder text are shown as {@code \}{@code uXXXX}, so a name cannot
     * move the cursor, recolour the terminal or disguise itself.
     */
    public static String printable(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hidden = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
            if (hidden && b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (b != null) {
                if (hidden) {
                    b.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? text : b.toString();
    }
}
