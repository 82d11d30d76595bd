package io.stagesim.scenario;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a scenario file: reads the YAML with locations, resolves {@code extends} (a base file,
 * relative to the extending one, deep-merged under it: mappings merge key by key, anything else is
 * replaced, and {@code null} removes a key), binds the result to spec records and validates it as
 * a whole. Every problem is collected and reported together.
 */
public final class ScenarioLoader {

    /** Longest chain of {@code extends}. */
    public static final int MAX_EXTENDS = 16;

    private ScenarioLoader() {
    }

    /**
     * Where the key at {@code path} (e.g. services, browser, rate) is written in {@code file} or the
     * files it extends, or null when it is not there or the file cannot be read again.
     */
    public static Location locate(Path file, String... path) {
        YNode node = resolve(file.toAbsolutePath().normalize(), new Problems(), new ArrayList<>(), null);
        Location at = null;
        for (String key : path) {
            if (!(node instanceof YNode.Mapping m) || !m.entries().containsKey(key)) {
                return null;
            }
            at = m.keyLocations().get(key);
            node = m.entries().get(key);
        }
        return at;
    }

    /** Loads and validates {@code file}. */
    public static Scenario load(Path file) throws ScenarioException {
        return load(file, List.of());
    }

    /**
     * Loads {@code file}, applies the command line's {@code --set KEY=VALUE} settings to it (after
     * {@code extends}; see {@link Settings}) and validates the result, which records the settings.
     */
    public static Scenario load(Path file, List<String> settings) throws ScenarioException {
        Problems problems = new Problems();
        YNode.Mapping merged = merged(file, settings, problems);
        Scenario s = ScenarioBinder.bind(merged, file, problems);
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return settings.isEmpty() ? s : s.withOverrides(settings);
    }

    /**
     * The files loading {@code file} with {@code settings} reads: the file itself, the bases it
     * extends, the samples files its distributions name and its price book, in the order read.
     * A sweep on a cluster carries these (and nothing else) to the workers.
     */
    public static List<Path> sources(Path file, List<String> settings) throws ScenarioException {
        Problems problems = new Problems();
        YNode.Mapping merged = merged(file, settings, problems);
        ScenarioBinder.bind(merged, file, problems);
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return problems.filesRead();
    }

    /**
     * The value at a dotted {@code key} of {@code file} with {@code settings} applied, as written
     * (a scalar's text), or null when the key is not there or is not a single value.
     */
    public static String value(Path file, List<String> settings, String key) throws ScenarioException {
        YNode at = merged(file, settings, new Problems());
        for (String part : key.split("\\.")) {
            if (at instanceof YNode.Mapping m) {
                at = m.entries().get(part);
            } else if (at instanceof YNode.Sequence q && part.matches("\\d{1,9}")
                    && Integer.parseInt(part) < q.items().size()) {
                at = q.items().get(Integer.parseInt(part));
            } else {
                return null;
            }
            if (at == null) {
                return null;
            }
        }
        return at instanceof YNode.Scalar sc && !sc.isNull() ? sc.text() : null;
    }

    /**
     * The dotted keys of {@code file} (with {@code settings} applied) whose last part is one of
     * {@code names}, under the top-level sections {@code sections}, in file order: where a
     * sensitivity analysis looks by default.
     */
    public static List<String> keysNamed(Path file, List<String> sections, List<String> names)
            throws ScenarioException {
        YNode.Mapping merged = merged(file, List.of(), new Problems());
        List<String> out = new ArrayList<>();
        for (String section : sections) {
            collect(merged.entries().get(section), section, names, out);
        }
        return out;
    }

    private static void collect(YNode node, String path, List<String> names, List<String> out) {
        if (node instanceof YNode.Mapping m) {
            for (Map.Entry<String, YNode> e : m.entries().entrySet()) {
                String p = path + "." + e.getKey();
                if (names.contains(e.getKey()) && e.getValue() instanceof YNode.Scalar sc && !sc.isNull()) {
                    out.add(p);
                } else {
                    collect(e.getValue(), p, names, out);
                }
            }
        }
    }

    /** {@code file} with its extends resolved and {@code settings} applied; problems end it. */
    private static YNode.Mapping merged(Path file, List<String> settings, Problems problems)
            throws ScenarioException {
        YNode.Mapping merged = resolve(file.toAbsolutePath().normalize(), problems, new ArrayList<>(), null);
        if (merged == null || !problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        merged = Settings.apply(merged, settings, problems);
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return merged;
    }

    /** Loads a scenario from text (for tests and generated scenarios); {@code name} labels locations. */
    public static Scenario loadText(String name, String text, Path baseDir) throws ScenarioException {
        Problems problems = new Problems();
        YNode root = YamlReader.read(name, text, problems);
        if (root == null) {
            throw new ScenarioException(problems);
        }
        if (!(root instanceof YNode.Mapping m)) {
            problems.add(root.location(), "", "a scenario must be a mapping of keys to values, found " + root.kind());
            throw new ScenarioException(problems);
        }
        if (m.entries().containsKey("extends")) {
            problems.add(m.keyLocations().get("extends"), "extends", "only a scenario file can extend another");
            throw new ScenarioException(problems);
        }
        Scenario s = ScenarioBinder.bind(m, baseDir.resolve(name), problems);
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return s;
    }

    private static String display(Path file) {
        if (file.getFileSystem() != java.nio.file.FileSystems.getDefault()) {
            return file.toString(); // a worker's carried files: their own paths, no working folder
        }
        Path cwd = Path.of("").toAbsolutePath();
        try {
            Path rel = cwd.relativize(file);
            return rel.toString().startsWith("..") ? file.toString() : rel.toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }

    private static YNode.Mapping resolve(Path file, Problems problems, List<Path> chain, Location from) {
        String shown = display(file);
        Location here = from == null ? new Location(shown, 1, 1) : from;
        if (chain.contains(file)) {
            StringBuilder loop = new StringBuilder();
            for (Path p : chain.subList(chain.indexOf(file), chain.size())) {
                loop.append(p.getFileName()).append(" -> ");
            }
            problems.add(here, "extends", "extends loop: " + loop + file.getFileName());
            return null;
        }
        if (chain.size() >= MAX_EXTENDS) {
            problems.add(here, "extends", "more than " + MAX_EXTENDS + " levels of extends");
            return null;
        }
        String text;
        try {
            text = SmallFile.read(file, shown, "scenario file");
            problems.read(file);
        } catch (SmallFile.Refused e) {
            problems.add(here, from == null ? "" : "extends", e.getMessage());
            return null;
        } catch (NoSuchFileException e) {
            problems.add(here, from == null ? "" : "extends", "file not found: " + shown);
            return null;
        } catch (CharacterCodingException e) {
            problems.add(here, "", "'" + shown + "' is not UTF-8 text");
            return null;
        } catch (IOException e) {
            problems.add(here, "", "cannot read '" + shown + "': " + e.getMessage());
            return null;
        }
        YNode root = YamlReader.read(shown, text, problems);
        if (root == null) {
            return null;
        }
        if (!(root instanceof YNode.Mapping m)) {
            problems.add(root.location(), "", "a scenario must be a mapping of keys to values, found " + root.kind());
            return null;
        }
        YNode ext = m.entries().get("extends");
        if (ext == null) {
            return m;
        }
        if (ext instanceof YNode.Scalar n && n.isNull()) {
            Map<String, YNode> own = new LinkedHashMap<>(m.entries());
            Map<String, Location> ownKeys = new LinkedHashMap<>(m.keyLocations());
            own.remove("extends");
            ownKeys.remove("extends");
            return new YNode.Mapping(own, ownKeys, m.location());
        }
        if (!(ext instanceof YNode.Scalar s) || s.isNull()) {
            problems.add(ext.location(), "extends", "expected the path of a base scenario file, found " + ext.kind());
            return null;
        }
        Path basePath;
        try {
            basePath = file.resolveSibling(s.text()).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            problems.add(ext.location(), "extends", "not a valid file path: " + e.getReason());
            return null;
        }
        chain.add(file);
        YNode.Mapping base = resolve(basePath, problems, chain, ext.location());
        chain.remove(chain.size() - 1);
        if (base == null) {
            return null;
        }
        Map<String, YNode> own = new LinkedHashMap<>(m.entries());
        Map<String, Location> ownKeys = new LinkedHashMap<>(m.keyLocations());
        own.remove("extends");
        ownKeys.remove("extends");
        return merge(base, new YNode.Mapping(own, ownKeys, m.location()));
    }

    /** {@code over} merged onto {@code base}: mappings key by key, other values replaced, null removes. */
    static YNode.Mapping merge(YNode.Mapping base, YNode.Mapping over) {
        Map<String, YNode> entries = new LinkedHashMap<>(base.entries());
        Map<String, Location> keys = new LinkedHashMap<>(base.keyLocations());
        for (Map.Entry<String, YNode> e : over.entries().entrySet()) {
            String k = e.getKey();
            YNode v = e.getValue();
            YNode old = entries.get(k);
            if (v instanceof YNode.Scalar s && s.isNull()) {
                entries.remove(k);
                keys.remove(k);
            } else if (old instanceof YNode.Mapping om && v instanceof YNode.Mapping nm) {
                entries.put(k, merge(om, nm));
                keys.put(k, over.keyLocations().get(k));
            } else {
                entries.put(k, v);
                keys.put(k, over.keyLocations().get(k));
            }
        }
        return new YNode.Mapping(entries, keys, over.location());
    }
}
