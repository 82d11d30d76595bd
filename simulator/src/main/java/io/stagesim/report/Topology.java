package io.stagesim.report;

import io.stagesim.run.ScenarioResult;
import io.stagesim.scenario.BrowserSpec;
import io.stagesim.scenario.CallSpec;
import io.stagesim.scenario.RequestSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ServiceSpec;
import io.stagesim.scenario.ViewSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The picture of a stage, drawn as SVG by hand (no graph tool needed): hosts as boxes with their
 * services inside, calls as arrows from left to right in the order requests flow, and every host
 * and service coloured by how busy it is (green idle, yellow busy, red saturated) in a given run.
 */
public final class Topology {

    private static final int COLUMN = 250;
    private static final int BOX_W = 200;
    private static final int SERVICE_H = 46;
    private static final int HOST_HEAD = 30;
    private static final int GAP = 24;

    /** Where a service's box is drawn: its left and right edges and its middle height, where arrows meet it. */
    private record Box(int left, int right, int middle) {
    }

    private Topology() {
    }

    /** A fill colour for a utilisation: green below 50 %, through yellow, to red at 100 %. */
    static String heat(double u) {
        if (Double.isNaN(u)) {
            return "#f2f2f2";
        }
        double x = Math.max(0, Math.min(1, u));
        int r;
        int g;
        if (x < 0.5) {
            r = (int) (200 + 110 * x);
            g = 235;
        } else {
            r = 255;
            g = (int) (235 - 330 * (x - 0.5));
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.min(255, r), Math.max(60, g), 140 - (int) (60 * x));
    }

    private static void edges(Scenario s, ViewSpec view, String from, Map<String, Set<String>> out) {
        for (CallSpec c : view.calls()) {
            out.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(c.service());
            for (CallSpec m : c.onMiss()) {
                out.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(m.service());
            }
            if (c.task() != null) {
                edges(s, c.task(), c.service(), out);
            }
        }
    }

    /** Who calls whom. */
    static Map<String, Set<String>> calls(Scenario s) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        BrowserSpec b = s.browser();
        out.computeIfAbsent(b.name(), k -> new LinkedHashSet<>()).add(b.target());
        if (b.staticFrom() != null) {
            out.get(b.name()).add(b.staticFrom());
        }
        for (ServiceSpec sp : s.services().values()) {
            for (String n : sp.routes().names()) {
                out.computeIfAbsent(sp.name(), k -> new LinkedHashSet<>()).add(n);
            }
            if (sp.runsViews()) {
                for (RequestSpec r : s.requests().values()) {
                    edges(s, r.view(), sp.name(), out);
                }
            }
        }
        return out;
    }

    /** The SVG picture of {@code s}, coloured with the utilisations in {@code r} (may be null). */
    public static String svg(Scenario s, ScenarioResult r) {
        Map<String, Set<String>> calls = calls(s);
        Map<String, Integer> depth = new LinkedHashMap<>();
        List<String> queue = new ArrayList<>(List.of(s.browser().name()));
        depth.put(s.browser().name(), 0);
        for (int i = 0; i < queue.size(); i++) {
            String n = queue.get(i);
            for (String t : calls.getOrDefault(n, Set.of())) {
                if (!depth.containsKey(t) && s.services().containsKey(t)) {
                    depth.put(t, depth.get(n) + 1);
                    queue.add(t);
                }
            }
        }
        for (String n : s.services().keySet()) {
            depth.putIfAbsent(n, 1);
        }
        // a box per host (or per service outside our hosts), in the column of its earliest service
        Map<String, List<String>> boxes = new LinkedHashMap<>();
        Map<String, Integer> boxColumn = new LinkedHashMap<>();
        for (String n : queue.size() == s.services().size() ? queue : new ArrayList<>(depth.keySet())) {
            ServiceSpec sp = s.services().get(n);
            String box = sp.host() == null ? "@" + n : sp.host();
            boxes.computeIfAbsent(box, k -> new ArrayList<>()).add(n);
            boxColumn.merge(box, depth.get(n), Math::min);
        }
        // close up columns left empty (a host's box sits in its earliest service's column)
        List<Integer> used = boxColumn.values().stream().distinct().sorted().toList();
        boxColumn.replaceAll((k, v) -> used.indexOf(v));
        int columns = used.size();
        int[] columnY = new int[columns];
        Map<String, Box> at = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, List<String>> e : boxes.entrySet()) {
            String box = e.getKey();
            int col = boxColumn.get(box);
            int x = 20 + col * COLUMN;
            int y = 50 + columnY[col];
            boolean host = !box.startsWith("@");
            int h = (host ? HOST_HEAD : 0) + e.getValue().size() * (SERVICE_H + 8) + 8;
            if (host) {
                double u = hostUtilisation(r, box);
                body.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"8\" "
                        + "fill=\"%s\" stroke=\"#555\" stroke-width=\"1.5\"/>%n", x, y, BOX_W + 20, h, heat(u)));
                body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"h\">host %s · %d cores%s</text>%n",
                        x + 10, y + 20, HtmlReport.escape(box), s.hosts().get(box).cores(),
                        Double.isNaN(u) ? "" : String.format(Locale.ROOT, " · CPU %.0f%%", 100 * u)));
            }
            int sy = y + (host ? HOST_HEAD : 0) + 4;
            for (String n : e.getValue()) {
                ServiceSpec sp = s.services().get(n);
                double u = serviceUtilisation(r, n);
                int sx = x + 10;
                body.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"5\" "
                        + "fill=\"%s\" stroke=\"#333\"/>%n", sx, sy, BOX_W, SERVICE_H, heat(u)));
                body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"s\">%s</text>%n", sx + 8,
                        sy + 19, HtmlReport.escape(n)));
                body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"k\">%s%s</text>%n", sx + 8,
                        sy + 36, sp.kind().type(),
                        Double.isNaN(u) ? "" : String.format(Locale.ROOT, " · busiest resource %.0f%%", 100 * u)));
                at.put(n, new Box(sx, sx + BOX_W, sy + SERVICE_H / 2));
                sy += SERVICE_H + 8;
            }
            columnY[col] += h + GAP;
        }
        StringBuilder arrows = new StringBuilder();
        for (Map.Entry<String, Set<String>> e : calls.entrySet()) {
            Box a = at.get(e.getKey());
            for (String t : e.getValue()) {
                Box b = at.get(t);
                if (a == null || b == null) {
                    continue;
                }
                int x1 = a.right();
                int y1 = a.middle();
                int x2 = b.left();
                int y2 = b.middle();
                if (x2 <= x1) { // same column: go round the right side
                    arrows.append(String.format(Locale.ROOT, "<path d=\"M%d %d C %d %d, %d %d, %d %d\" class=\"a\"/>%n",
                            x1, y1, x1 + 40, y1, x1 + 40, y2, b.right(), y2));
                } else {
                    arrows.append(String.format(Locale.ROOT, "<path d=\"M%d %d C %d %d, %d %d, %d %d\" class=\"a\"/>%n",
                            x1, y1, (x1 + x2) / 2, y1, (x1 + x2) / 2, y2, x2, y2));
                }
            }
        }
        int width = 40 + columns * COLUMN;
        int height = 70 + java.util.Arrays.stream(columnY).max().orElse(100);
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" "
                + "refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
                + "<path d=\"M0 0 L10 5 L0 10 z\" fill=\"#444\"/></marker></defs>%n<style>.h{font-size:13px;"
                + "font-weight:bold;fill:#222}.s{font-size:13px;font-weight:bold;fill:#111}.k{font-size:11px;fill:#333}"
                + ".a{fill:none;stroke:#444;stroke-width:1.4;marker-end:url(#arrow)}.t{font-size:15px;"
                + "font-weight:bold}</style>%n<text x=\"20\" y=\"28\" class=\"t\">%s</text>%n%s%s</svg>%n",
                width, height, width, height, HtmlReport.escape(s.name()), body, arrows);
    }

    private static double hostUtilisation(ScenarioResult r, String host) {
        if (r == null) {
            return Double.NaN;
        }
        for (ScenarioResult.HostResult h : r.hosts()) {
            if (h.name().equals(host)) {
                return h.cpuUtilization().mean();
            }
        }
        return Double.NaN;
    }

    private static double serviceUtilisation(ScenarioResult r, String service) {
        if (r == null) {
            return Double.NaN;
        }
        double u = Double.NaN;
        for (ScenarioResult.ResourceResult x : r.resources()) {
            if (x.service().equals(service) && x.capacity() > 0 && !Double.isNaN(x.utilization().mean())) {
                u = Double.isNaN(u) ? x.utilization().mean() : Math.max(u, x.utilization().mean());
            }
        }
        return u;
    }
}
