package io.stagesim.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs stay a map that leads somewhere: every relative link in README.md and docs/*.md reaches
 * a file (and, for a link to a heading, that heading), every calibration entry a scenario or the
 * code cites exists in docs/calibration.md, the README stays short, and prose lines stay readable.
 */
final class DocsLinksTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern LINK = Pattern.compile("!?\\[(?:[^\\]\\[]|\\[[^\\]]*])*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
    private static final Pattern CITATION = Pattern.compile("(?<![\\w.])([AC]\\.\\d{1,2})(?![\\d.]*\\d)");
    private static final Pattern CALIBRATION_HEADING = Pattern.compile("^## ([AC]\\.\\d{1,2}) ");

    /** README.md and every Markdown page under docs/. */
    static List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    @Test
    void everyRelativeLink_reachesAFileAndHeadingThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        Map<Path, Set<String>> anchors = new HashMap<>();
        int links = 0;
        for (Path doc : docs()) {
            List<String> lines = prose(doc);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = LINK.matcher(INLINE_CODE.matcher(lines.get(i)).replaceAll(""));
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
                        continue; // http:, https:, mailto: — outside the repository
                    }
                    links++;
                    int hash = target.indexOf('#');
                    String file = hash < 0 ? target : target.substring(0, hash);
                    Path to = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
                    String where = ROOT.relativize(doc) + ":" + (i + 1) + " links to " + target;
                    if (!Files.exists(to)) {
                        broken.add(where + ", which does not exist");
                    } else if (hash >= 0 && to.toString().endsWith(".md")
                            && !anchors.computeIfAbsent(to, DocsLinksTest::headings).contains(target.substring(hash + 1))) {
                        broken.add(where + ": no such heading in " + ROOT.relativize(to));
                    }
                }
            }
        }
        assertTrue(links > 20, "too few links found (" + links + "): is the link pattern still right?");
        assertTrue(broken.isEmpty(), String.join("\n", broken));
    }

    @Test
    void readme_isAMapOfAtMost220Lines() throws IOException {
        long lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8).size();
        assertTrue(lines <= 220, "README.md has " + lines + " lines; move the detail into a page under docs/");
    }

    /** Prose wraps at 120 characters; code blocks (quoted output) and table rows may be wider. */
    @Test
    void proseLines_areAtMost120Characters() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Path doc : docs()) {
            List<String> lines = prose(doc);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.codePointCount(0, line.length()) > 120 && !line.startsWith("|")) {
                    tooLong.add(ROOT.relativize(doc) + ":" + (i + 1) + " has " + line.length() + " characters");
                }
            }
        }
        assertTrue(tooLong.isEmpty(), String.join("\n", tooLong));
    }

    /** Scenario comments and code comments cite calibration entries by id; each id must be a heading. */
    @Test
    void everyCalibrationCitation_pointsAtAnEntryThatExists() throws IOException {
        Set<String> entries = new HashSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("docs/calibration.md"), StandardCharsets.UTF_8)) {
            Matcher m = CALIBRATION_HEADING.matcher(line);
            if (m.find()) {
                entries.add(m.group(1));
            }
        }
        List<String> missing = new ArrayList<>();
        int citations = 0;
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Stream.concat(Files.walk(ROOT.resolve("scenarios")),
                Files.walk(ROOT.resolve("simulator/src/main/java")))) {
            s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".java")).sorted().forEach(files::add);
        }
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String comment = comment(lines.get(i), f.toString().endsWith(".yaml"));
                Matcher m = CITATION.matcher(comment);
                while (m.find()) {
                    citations++;
                    if (!entries.contains(m.group(1))) {
                        missing.add(ROOT.relativize(f) + ":" + (i + 1) + " cites " + m.group(1)
                                + ", which has no heading in docs/calibration.md");
                    }
                }
            }
        }
        assertTrue(citations > 50, "too few citations found (" + citations + "): is the pattern still right?");
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    /** The comment part of a line: after '#' in YAML, after '//' or a javadoc '*' in Java; "" if none. */
    private static String comment(String line, boolean yaml) {
        if (yaml) {
            int hash = line.startsWith("#") ? 0 : line.indexOf(" #");
            return hash < 0 ? "" : line.substring(hash);
        }
        int slashes = line.indexOf("//");
        if (slashes >= 0) {
            return line.substring(slashes);
        }
        String t = line.strip();
        return t.startsWith("*") || t.startsWith("/*") ? t : "";
    }

    /** The lines of a Markdown file with fenced code blocks blanked out (their text is not Markdown). */
    private static List<String> prose(Path doc) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(doc, StandardCharsets.UTF_8));
            boolean inFence = false;
            for (int i = 0; i < lines.size(); i++) {
                boolean fence = lines.get(i).startsWith("```");
                if (fence || inFence) {
                    lines.set(i, "");
                }
                if (fence) {
                    inFence = !inFence;
                }
            }
            return lines;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** GitHub's anchors for the headings of a Markdown file: lower case, punctuation dropped, spaces as '-'. */
    static Set<String> headings(Path doc) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(doc)) {
            if (!line.matches("#{1,6} .*")) {
                continue;
            }
            String text = line.replaceFirst("^#+ ", "").strip().toLowerCase(Locale.ROOT);
            String slug = text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int n = seen.merge(slug, 1, Integer::sum);
            anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
        }
        return anchors;
    }
}
