package io.stagesim.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into a {@link YNode} tree with locations, through Jackson's streaming YAML
 * parser. It refuses, with a located message, what a scenario never needs and an attacker could
 * abuse: anchors and aliases (the "billion laughs" expansion), duplicate keys, keys holding control
 * characters (service and host names are keys, and get printed), nesting deeper than
 * {@link #MAX_DEPTH}, texts larger than {@link #MAX_CHARS}, and more than one document.
 */
public final class YamlReader {

    /** Largest scenario text accepted, in characters. */
    public static final int MAX_CHARS = 4 * 1024 * 1024;
    /** Deepest nesting of mappings and lists accepted. */
    public static final int MAX_DEPTH = 64;

    private final String file;
    private final Problems problems;

    private YamlReader(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * Parses {@code text}; returns the root, or null after adding the problem to {@code problems}
     * if the text is not usable YAML.
     */
    public static YNode read(String file, String text, Problems problems) {
        if (text.length() > MAX_CHARS) {
            problems.add(new Location(file, 1, 1), "", "file is " + text.length()
                    + " characters long; scenario files are limited to " + MAX_CHARS);
            return null;
        }
        return new YamlReader(file, problems).parse(text);
    }

    private YNode parse(String text) {
        YAMLFactory factory = YAMLFactory.builder()
                // above our own limit, so that ours (located, in our words) is the one that speaks
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 2).build())
                .build();
        try (YAMLParser p = (YAMLParser) factory.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                problems.add(new Location(file, 1, 1), "", "the file is empty; a scenario is a YAML mapping");
                return null;
            }
            YNode root = value(p, t, 0);
            if (root != null && p.nextToken() != null) {
                problems.add(location(p.currentTokenLocation()), "",
                        "more than one YAML document; a scenario file holds exactly one");
                return null;
            }
            return root;
        } catch (StopParsing e) {
            return null;
        } catch (JsonProcessingException e) {
            syntaxError(e);
            return null;
        } catch (IOException e) {
            problems.add(new Location(file, 1, 1), "", "cannot read: " + e.getMessage());
            return null;
        }
    }

    /**
     * A parse error as a problem. SnakeYAML's own errors carry where the construct that failed
     * began (the parser's location is that of its last token, often lines earlier) and say what
     * was wrong in two parts; Jackson's own messages can name SnakeYAML's classes, put in words here.
     */
    private void syntaxError(JsonProcessingException e) {
        Location where = e.getLocation() == null ? new Location(file, 1, 1) : location(e.getLocation());
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblem() != null) {
            Mark at = m.getContextMark() != null ? m.getContextMark() : m.getProblemMark();
            problems.add(at == null ? where : new Location(file, at.getLine() + 1, at.getColumn() + 1), "",
                    "not valid YAML: " + m.getProblem().trim()
                            + (m.getContext() == null ? "" : " (" + m.getContext().trim() + ")"));
            return;
        }
        String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        problems.add(where, "", msg.startsWith("Expected a field name")
                ? "a key must be a single name such as 'workers', not a list or a mapping"
                : msg.contains("base64") ? "not valid YAML: a '!!binary' value that is not base64; "
                        + "scenario values are plain text, so leave the tag out"
                : "not valid YAML: " + ParserMessages.plain(msg));
    }

    private Location location(JsonLocation loc) {
        return new Location(file, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
    }

    private void refuseAliases(YAMLParser p) throws IOException {
        if (p.getCurrentAnchor() != null) {
            fail(p, "YAML anchors (&" + p.getCurrentAnchor() + ") are not supported; write the value out, "
                    + "or use 'extends' to share a base scenario");
        }
        if (p.currentToken() == JsonToken.VALUE_STRING && p.isCurrentAlias()) {
            fail(p, "YAML aliases (*" + p.getText() + ") are not supported; write the value out, "
                    + "or use 'extends' to share a base scenario");
        }
    }

    private void fail(JsonParser p, String message) {
        problems.add(location(p.currentTokenLocation()), "", message);
        throw new StopParsing();
    }

    private YNode value(YAMLParser p, JsonToken t, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            fail(p, "nesting deeper than " + MAX_DEPTH + " levels");
        }
        refuseAliases(p);
        Location at = location(p.currentTokenLocation());
        switch (t) {
            case START_OBJECT: {
                Map<String, YNode> entries = new LinkedHashMap<>();
                Map<String, Location> keys = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Location keyAt = location(p.currentTokenLocation());
                    if (key.chars().anyMatch(Character::isISOControl)) {
                        fail(p, "a key cannot hold control characters: '" + ScenarioName.printable(key) + "'");
                    }
                    if (entries.containsKey(key)) {
                        fail(p, "duplicate key '" + key + "' (first at line " + keys.get(key).line() + ")");
                    }
                    YNode v = value(p, p.nextToken(), depth + 1);
                    entries.put(key, v);
                    keys.put(key, keyAt);
                }
                return new YNode.Mapping(entries, keys, at);
            }
            case START_ARRAY: {
                List<YNode> items = new ArrayList<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(value(p, next, depth + 1));
                }
                return new YNode.Sequence(items, at);
            }
            case VALUE_NULL:
                return new YNode.Scalar("", true, at);
            case VALUE_STRING:
                return new YNode.Scalar(p.getText(), false, at);
            default:
                return new YNode.Scalar(p.getText(), false, at);
        }
    }

    /** Unwinds the parse after the first structural problem. */
    private static final class StopParsing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopParsing() {
            super(null, null, false, false);
        }
    }
}
