package io.stagesim.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Docs that cannot go stale: every figure the docs quote from a simulation is listed in
 * {@code docs/figures.yaml} with the golden run it comes from, and must read in the doc exactly as
 * the golden summary formats it. A model change that moves a quoted figure fails here, naming the
 * doc, the sentence and the new value, instead of leaving a page that says something no longer true.
 *
 * <p>The manifest maps a doc to golden runs, and each golden run to sentences copied from the doc
 * with their figures replaced by holes {@code {pointer|format}}: a JSON Pointer into the golden
 * summary ({@code simulator/src/test/resources/golden/<run>.json}, written by
 * {@code GoldenScenariosTest}), optionally {@code / pointer} to divide by another figure and
 * {@code * number} to scale, then a {@link java.util.Formatter} pattern. Runs of spaces and line
 * breaks match one space, so a sentence may wrap and a table may be realigned.
 *
 * <p>A manifest rather than markers in the docs: markers would show inside code blocks (where
 * command output is quoted) and make the Markdown hard to read and to edit; the manifest keeps the
 * pages plain and is itself readable as the list of figures the docs depend on.
 */
final class DocsFiguresTest {

    private static final Path ROOT = Path.of("..");
    private static final Path MANIFEST = ROOT.resolve("docs/figures.yaml");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final Pattern HOLE = Pattern.compile("\\{(/[^{}]*)}");
    private static final Pattern OPERATOR = Pattern.compile("\\s+([/*])\\s+");
    private static final Pattern COMMAND_OUTPUT = Pattern.compile("^\\$ \\./stagesim (run|stress|compare|explain|verify)\\b.*");
    private static final Pattern RECORDED = Pattern.compile("(?i)(recorded|drawn)\\b.*\\b\\d{4}-\\d{2}-\\d{2}\\b");

    /** One quoted passage: the doc it is in, the golden run its figures come from, the text with holes. */
    record Quote(String doc, String golden, String template) {
    }

    static List<Quote> quotes() throws IOException {
        JsonNode manifest = new YAMLMapper().readTree(MANIFEST.toFile());
        List<Quote> quotes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> docs = manifest.fields(); docs.hasNext(); ) {
            Map.Entry<String, JsonNode> doc = docs.next();
            for (Iterator<Map.Entry<String, JsonNode>> runs = doc.getValue().fields(); runs.hasNext(); ) {
                Map.Entry<String, JsonNode> run = runs.next();
                for (JsonNode text : run.getValue()) {
                    quotes.add(new Quote(doc.getKey(), run.getKey(), text.asText()));
                }
            }
        }
        return quotes;
    }

    @TestFactory
    Stream<DynamicTest> everyQuotedFigure_readsAsItsGoldenRunGivesIt() throws IOException {
        List<Quote> quotes = quotes();
        assertTrue(quotes.stream().mapToLong(q -> HOLE.matcher(q.template()).results().count()).sum() > 0,
                "the manifest quotes no figure");
        return quotes.stream().map(q -> DynamicTest.dynamicTest(q.doc() + " ← " + q.golden() + ": " + q.template(),
                () -> check(q)));
    }

    private static void check(Quote q) throws IOException {
        Path docFile = ROOT.resolve(q.doc());
        assertTrue(Files.isRegularFile(docFile), "docs/figures.yaml names " + q.doc() + ", which does not exist");
        Path goldenFile = GOLDEN.resolve(q.golden() + ".json");
        assertTrue(Files.isRegularFile(goldenFile), "docs/figures.yaml quotes golden run '" + q.golden()
                + "', but there is no " + goldenFile + " (GoldenScenariosTest writes one per shipped scenario)");
        assertTrue(HOLE.matcher(q.template()).find(), "a quote without a figure: " + q.template());
        JsonNode golden = new ObjectMapper().readTree(goldenFile.toFile());
        String expected = squash(render(q.template(), golden, q.golden()));
        String doc = squash(Files.readString(docFile, StandardCharsets.UTF_8));
        if (doc.contains(expected)) {
            return;
        }
        Matcher found = Pattern.compile(asPattern(q.template())).matcher(doc);
        fail(q.doc() + " quotes golden run " + q.golden() + ", which now reads:\n  " + expected + "\n"
                + (found.find() ? "but the doc says:\n  " + found.group() + "\nIf the model changed on purpose, "
                        + "put the new figures in the doc (after reviewing the golden diff)."
                        : "and the doc has no such passage: if its wording changed, change the quote in "
                        + "docs/figures.yaml to match."));
    }

    /** The template with each hole replaced by its figure from the golden summary. */
    static String render(String template, JsonNode golden, String run) {
        Matcher m = HOLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(figure(m.group(1), golden, run)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** One hole: {@code pointer [/ pointer] [* number] [|format]}. */
    static String figure(String hole, JsonNode golden, String run) {
        int bar = hole.lastIndexOf('|');
        String expression = bar < 0 ? hole : hole.substring(0, bar);
        String format = bar < 0 ? null : hole.substring(bar + 1);
        String[] parts = OPERATOR.split(expression.strip());
        Matcher ops = OPERATOR.matcher(expression.strip());
        JsonNode first = at(golden, parts[0], run);
        if (parts.length == 1 && format == null) {
            return first.asText();
        }
        double value = number(first, parts[0], run);
        for (int i = 1; i < parts.length; i++) {
            assertTrue(ops.find(), "bad hole {" + hole + "}");
            if (ops.group(1).equals("/")) {
                value /= number(at(golden, parts[i], run), parts[i], run);
            } else {
                value *= Double.parseDouble(parts[i]);
            }
        }
        if (format == null) {
            fail("the hole {" + hole + "} computes a figure, so it needs a format such as |%.1f");
        }
        if (format.endsWith("d")) {
            assertEquals(Math.rint(value), value, "{" + hole + "} is not a whole number in " + run + ": " + value);
            return String.format(Locale.ROOT, format, (long) value);
        }
        return String.format(Locale.ROOT, format, value);
    }

    private static JsonNode at(JsonNode golden, String pointer, String run) {
        JsonNode n = golden.at(JsonPointer.compile(pointer));
        if (n.isMissingNode() || n.isNull() || n.isContainerNode()) {
            fail("golden run " + run + " has no figure at " + pointer);
        }
        return n;
    }

    private static double number(JsonNode n, String pointer, String run) {
        double v = n.isNumber() ? n.asDouble() : Double.parseDouble(n.asText());
        assertTrue(Double.isFinite(v), pointer + " in golden run " + run + " is " + n.asText() + ", not a figure");
        return v;
    }

    /** A regular expression for the template with any figure in each hole, to show what the doc says. */
    private static String asPattern(String template) {
        StringBuilder p = new StringBuilder();
        int last = 0;
        Matcher m = HOLE.matcher(template);
        while (m.find()) {
            p.append(Pattern.quote(squash(template.substring(last, m.start())))).append("\\S+?");
            last = m.end();
        }
        return p.append(Pattern.quote(squash(template.substring(last)))).toString();
    }

    private static String squash(String s) {
        return s.replaceAll("\\s+", " ");
    }

    /**
     * Command output shown in the docs is either checked (some quoted figure lies inside it) or
     * labelled, just above it, as a recording with its date; a picture drawn from a run carries its
     * date likewise. No simulated figure is left to pass for current without one or the other.
     */
    @Test
    void commandOutputsAndPictures_areCheckedOrDated() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path doc : DocsLinksTest.docs()) {
            String name = ROOT.relativize(doc).toString().replace('\\', '/');
            List<String> checked = new ArrayList<>();
            for (Quote q : quotes()) {
                Path golden = GOLDEN.resolve(q.golden() + ".json");
                if (q.doc().equals(name) && Files.isRegularFile(golden)) {
                    checked.add(squash(render(q.template(), new ObjectMapper().readTree(golden.toFile()), q.golden())));
                }
            }
            List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.startsWith("```") && i + 1 < lines.size() && COMMAND_OUTPUT.matcher(lines.get(i + 1)).matches()) {
                    int end = i + 1;
                    while (end < lines.size() && !lines.get(end).startsWith("```")) {
                        end++;
                    }
                    String block = squash(String.join("\n", lines.subList(i + 1, end)));
                    boolean isChecked = checked.stream().anyMatch(block::contains);
                    if (!isChecked && !labelled(lines, i)) {
                        problems.add(name + ":" + (i + 2) + " shows `" + lines.get(i + 1)
                                + "` neither checked against a golden run nor labelled 'recorded … YYYY-MM-DD'");
                    }
                    i = end;
                } else if (line.startsWith("![") && !RECORDED.matcher(line).find() && !labelled(lines, i)
                        && !(i + 2 < lines.size() && RECORDED.matcher(lines.get(i + 1) + lines.get(i + 2)).find())) {
                    problems.add(name + ":" + (i + 1) + " shows a picture without the date it was drawn");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Whether one of the three lines above {@code line} says when what follows was recorded. */
    private static boolean labelled(List<String> lines, int line) {
        String above = String.join(" ", lines.subList(Math.max(0, line - 3), line));
        return RECORDED.matcher(above).find();
    }
}
