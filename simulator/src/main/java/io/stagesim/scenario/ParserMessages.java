package io.stagesim.scenario;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML or JSON parser's error message in the user's words: its first line, without the
 * library's class names (Jackson's {@code StreamReadConstraints} and {@code StreamReadFeature},
 * SnakeYAML's event classes), which say nothing to someone who wrote a scenario or kept a result.
 */
public final class ParserMessages {

    /** Jackson's pointer to the setting behind a limit, e.g. ", from `StreamReadConstraints.getMaxNestingDepth()`". */
    private static final Pattern SETTING = Pattern.compile(",?\\s*(?:from\\s+)?`[A-Za-z]+\\.[A-Za-z_.()]+`");
    /** Jackson's place in its input, e.g. "[Source: REDACTED (`StreamReadFeature...` disabled); line: 1, column: 1]". */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]");
    /** A SnakeYAML event as Jackson prints it, e.g. "<org.yaml.snakeyaml.events.MappingStartEvent(...)>". */
    private static final Pattern EVENT = Pattern.compile("<org\\.yaml\\.snakeyaml\\.events\\.(\\w+)Event[^>]*>");

    private ParserMessages() {
    }

    /** The first line of {@code message}, with library class names left out or put in words. */
    public static String plain(String message) {
        String first = message == null ? "" : message.lines().map(String::trim).filter(l -> !l.isEmpty())
                .findFirst().orElse("");
        String words = SETTING.matcher(SOURCE.matcher(first).replaceAll("line $1, column $2")).replaceAll("");
        Matcher m = EVENT.matcher(words);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, switch (m.group(1)) {
                case "MappingStart" -> "a mapping";
                case "SequenceStart" -> "a list";
                case "Scalar" -> "a value";
                default -> "something else";
            });
        }
        m.appendTail(sb);
        return sb.toString().trim();
    }
}
