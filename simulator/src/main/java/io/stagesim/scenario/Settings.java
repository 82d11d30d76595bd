package io.stagesim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line settings, {@code --set KEY=VALUE}: a dotted path into the scenario (after
 * {@code extends} is resolved) and a YAML value put there, as if the file had said it —
 * {@code services.gunicorn.workers=9}, {@code hosts.web.cores=4}, {@code requests.page.share=60%},
 * {@code requests.page.view.calls.0.times=3} (a number picks an item of a list), {@code
 * hosts.laptop=null} (removes it, as in {@code extends}). The value is then checked like any
 * other, and every problem is reported at {@code --set KEY=VALUE:}. A name that is not there under
 * {@code hosts}, {@code services} or {@code requests}, or at the top, is an error with the nearest
 * name (a typo would otherwise add a new service); deeper, a missing key is added and the binder
 * says whether it is one it knows.
 */
public final class Settings {

    private static final List<String> COLLECTIONS = List.of("hosts", "services", "requests");
    private static final List<String> SECTIONS = List.of("name", "description", "extends", "prices", "run", "slo",
            "network", "hosts", "services", "requests", "faults");

    private Settings() {
    }

    /** {@code root} with every setting applied in order; problems are added to {@code problems}. */
    static YNode.Mapping apply(YNode.Mapping root, List<String> settings, Problems problems) {
        YNode.Mapping out = root;
        for (String setting : settings) {
            Location at = new Location("--set " + setting, 0, 0);
            int eq = setting.indexOf('=');
            String key = eq < 0 ? setting : setting.substring(0, eq).strip();
            if (eq <= 0 || key.isEmpty() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
                problems.add(at, "", "expected KEY=VALUE with a dotted key, such as services.gunicorn.workers=9");
                continue;
            }
            YNode value = YamlReader.read(at.file(), setting.substring(eq + 1), problems);
            if (value == null) {
                continue;
            }
            YNode placed = relocate(value, at);
            YNode result = set(out, key.split("\\."), 0, placed, at, problems);
            if (result instanceof YNode.Mapping m) {
                out = m;
            }
        }
        return out;
    }

    private static YNode set(YNode node, String[] path, int i, YNode value, Location at, Problems problems) {
        String here = String.join(".", java.util.Arrays.copyOf(path, i));
        String key = path[i];
        boolean last = i == path.length - 1;
        if (node instanceof YNode.Mapping m) {
            Map<String, YNode> entries = new LinkedHashMap<>(m.entries());
            Map<String, Location> keys = new LinkedHashMap<>(m.keyLocations());
            YNode child = entries.get(key);
            boolean named = i == 0 || i == 1 && COLLECTIONS.contains(path[0]);
            if (child == null && named && !(i == 0 && SECTIONS.contains(key))) {
                List<String> known = new ArrayList<>(entries.keySet());
                if (i == 0) {
                    known.addAll(SECTIONS);
                }
                problems.add(at, here, "no '" + key + "' " + (i == 0 ? "section" : "in " + here)
                        + Suggest.didYouMean(key, known) + "; " + (i == 0 ? "the sections are " + String.join(", ", SECTIONS)
                                : "it has " + (entries.isEmpty() ? "nothing" : String.join(", ", entries.keySet()))));
                return null;
            }
            if (last) {
                if (value instanceof YNode.Scalar s && s.isNull()) {
                    entries.remove(key);
                    keys.remove(key);
                } else {
                    entries.put(key, value);
                    keys.put(key, at);
                }
            } else {
                YNode next = child == null ? new YNode.Mapping(Map.of(), Map.of(), at) : child;
                YNode changed = set(next, path, i + 1, value, at, problems);
                if (changed == null) {
                    return null;
                }
                entries.put(key, changed);
                keys.putIfAbsent(key, at);
            }
            return new YNode.Mapping(entries, keys, m.location());
        }
        if (node instanceof YNode.Sequence q) {
            int index;
            try {
                index = Integer.parseInt(key);
            } catch (NumberFormatException e) {
                index = -1;
            }
            if (index < 0 || index >= q.items().size()) {
                problems.add(at, here, "'" + here + "' is a list of " + q.items().size() + " items: give an index from 0 to "
                        + (q.items().size() - 1) + " in place of '" + key + "'");
                return null;
            }
            List<YNode> items = new ArrayList<>(q.items());
            if (last) {
                items.set(index, value);
            } else {
                YNode changed = set(items.get(index), path, i + 1, value, at, problems);
                if (changed == null) {
                    return null;
                }
                items.set(index, changed);
            }
            return new YNode.Sequence(items, q.location());
        }
        problems.add(at, here, "'" + here + "' is a single value (" + node.kind() + "), so it has no '" + key + "'");
        return null;
    }

    /** The value with every location moved to the setting (its text names it). */
    private static YNode relocate(YNode v, Location at) {
        if (v instanceof YNode.Scalar s) {
            return new YNode.Scalar(s.text(), s.isNull(), at);
        }
        if (v instanceof YNode.Sequence q) {
            return new YNode.Sequence(q.items().stream().map(x -> relocate(x, at)).toList(), at);
        }
        YNode.Mapping m = (YNode.Mapping) v;
        Map<String, YNode> entries = new LinkedHashMap<>();
        Map<String, Location> keys = new LinkedHashMap<>();
        m.entries().forEach((k, x) -> {
            entries.put(k, relocate(x, at));
            keys.put(k, at);
        });
        return new YNode.Mapping(entries, keys, at);
    }
}
