package io.stagesim.report;

import io.stagesim.run.Comparison;
import io.stagesim.run.ScenarioResult;
import io.stagesim.scenario.BrowserSpec;
import io.stagesim.scenario.CallSpec;
import io.stagesim.scenario.DatabaseSpec;
import io.stagesim.scenario.FaultSpec;
import io.stagesim.scenario.PoolerSpec;
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
 * services inside, calls as arrows from left to right in the order requests flow, every host and
 * service coloured by how busy it is (green idle, yellow busy, red saturated) in a given run, and
 * each arrow labelled with the calls per second that run sent along it, placed clear of the boxes
 * and of the other labels.
 */
public final class Topology {

    /** A column's width: a host's box (220) and 80 between boxes, room for a rate's label on an arrow. */
    private static final int COLUMN = 300;
    private static final int BOX_W = 200;
    private static final int SERVICE_H = 52;
    /** The space between services stacked in one host, room for an arrow from one to the next. */
    private static final int STACK = 22;
    private static final int HOST_HEAD = 30;
    private static final int GAP = 24;

    /** Where a service's box is drawn: its edges; arrows meet it at its middle height. */
    record Box(int left, int right, int top, int bottom) {
        int middle() {
            return (top + bottom) / 2;
        }

        /** True when the two overlap (touching edges do not). */
        boolean overlaps(Box o) {
            return left < o.right && o.left < right && top < o.bottom && o.top < bottom;
        }
    }

    /** A rate's label: its font size (px), and its box's height and width per character (px, wide enough for digits). */
    static final int LABEL_FONT = 10;
    private static final int LABEL_H = 13;
    private static final double LABEL_CHAR = 6.5;

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
            call(s, c, from, out);
            for (CallSpec m : c.onMiss()) {
                call(s, m, from, out);
            }
            if (c.task() != null) {
                edges(s, c.task(), c.service(), out);
            }
        }
    }

    /** {@code from} calls {@code c}'s service, and a read of a database with replicas calls them too. */
    private static void call(Scenario s, CallSpec c, String from, Map<String, Set<String>> out) {
        Set<String> to = out.computeIfAbsent(from, k -> new LinkedHashSet<>());
        to.add(c.service());
        if (!c.write() && s.services().get(c.service()) instanceof DatabaseSpec d && d.replication() != null) {
            to.addAll(d.replication().replicas());
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
        for (RequestSpec r : s.requests().values()) {
            if (r.directUpload() != null) {
                out.get(b.name()).add(r.directUpload().storage());
            }
        }
        for (ServiceSpec sp : s.services().values()) {
            for (String n : sp.routes().names()) {
                out.computeIfAbsent(sp.name(), k -> new LinkedHashSet<>()).add(n);
            }
            if (sp instanceof PoolerSpec p) {
                out.computeIfAbsent(sp.name(), k -> new LinkedHashSet<>()).add(p.database());
            }
            if (sp.runsViews()) {
                for (RequestSpec r : s.requests().values()) {
                    edges(s, r.view(), sp.name(), out);
                }
            }
        }
        return out;
    }

    /**
     * The picture of comparison row {@code r}: at the load its file offers, with its faults marked,
     * when it has faults (its survival run); else at its capacity; uncoloured when it has neither.
     */
    public static String svg(Comparison.Row r) {
        if (r.asWritten() != null) {
            return svg(r.scenarioSpec(), r.asWritten(), true);
        }
        return svg(r.scenarioSpec(), r.stress().atCapacity() == null ? null : r.stress().atCapacity().result(), false);
    }

    /** The caption of {@link #svg(Comparison.Row)}: the load drawn, then the scenario's own description. */
    public static String caption(Comparison.Row r) {
        String drawn;
        if (r.asWritten() != null) {
            drawn = String.format(Locale.ROOT, "drawn at the load its file offers, %s page views/s, with its faults "
                    + "(what they hit is outlined in red; utilisations are over the whole run, the faults included).",
                    Charts.num3(r.asWritten().all().offeredPerS().mean()));
        } else if (r.stress().atCapacity() != null) {
            drawn = String.format(Locale.ROOT, "drawn at its capacity, %s page views/s.",
                    Charts.num3(r.stress().capacity()));
        } else {
            drawn = "drawn without a run (no load carried the objective).";
        }
        if (r.asWritten() != null || r.stress().atCapacity() != null) {
            drawn += " Each arrow carries the calls per second sent along it at that load.";
        }
        return drawn + " The scenario: " + r.description();
    }

    /** The SVG picture of {@code s}, coloured with the utilisations in {@code r} (may be null), no fault marked. */
    public static String svg(Scenario s, ScenarioResult r) {
        return svg(s, r, false);
    }

    /**
     * What a fault is aimed at: a host or a service (by name), and the words that mark it: "host
     * crash 60–120 s". A traffic spike is aimed at nothing drawn.
     */
    record Target(String host, String service, String words) {
    }

    /** The hosts and services the faults of {@code s} are aimed at, in the faults' order. */
    static List<Target> targets(Scenario s) {
        List<Target> out = new ArrayList<>();
        double runS = s.run().duration() / 1e9;
        for (FaultSpec f : s.faults()) {
            String when = String.format(Locale.ROOT, " %s–%s s", Charts.num3(f.at() / 1e9),
                    f.duration() == FaultSpec.PERMANENT ? Charts.num3(runS) : Charts.num3(f.end() / 1e9));
            String words = f.kind().type().replace('_', ' ') + when;
            String host = f instanceof FaultSpec.HostCrash h ? h.host() : f instanceof FaultSpec.HostHang h ? h.host()
                    : f instanceof FaultSpec.NoisyNeighbour h ? h.host() : f instanceof FaultSpec.Latency h ? h.host()
                    : f instanceof FaultSpec.Partition h ? h.host() : null;
            List<String> services = f instanceof FaultSpec.SlowDependency x ? List.of(x.service())
                    : f instanceof FaultSpec.MemoryLeak x ? List.of(x.service())
                    : f instanceof FaultSpec.DbFailover x ? List.of(x.database())
                    : f instanceof FaultSpec.StorageOutage x ? List.of(x.storage())
                    : f instanceof FaultSpec.StorageThrottle x ? List.of(x.storage())
                    : f instanceof FaultSpec.CacheFlush x ? List.of(x.cache())
                    : f instanceof FaultSpec.Deploy x ? x.targets() : List.of();
            if (host != null) {
                out.add(new Target(host, null, words));
            }
            services.forEach(n -> out.add(new Target(null, n, words)));
        }
        return out;
    }

    /** The resource whose name marks a Python GIL. */
    private static boolean gil(String resource) {
        return resource.contains("GIL");
    }

    /**
     * The SVG picture of {@code s}, coloured with the utilisations in {@code r} (may be null); with
     * {@code faults}, the hosts and services its faults are aimed at drawn with a red dashed border
     * and the fault named. A host is coloured by the busier of its CPU and the GILs of the Python
     * processes on it (a GIL is one core's worth of Python, busy while the host's other cores idle).
     */
    public static String svg(Scenario s, ScenarioResult r, boolean faults) {
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
        Map<String, List<String>> marks = new LinkedHashMap<>();
        if (faults) {
            for (Target t : targets(s)) {
                marks.computeIfAbsent(t.host() != null ? "host " + t.host() : t.service(), k -> new ArrayList<>())
                        .add(t.words());
            }
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
        Map<String, String> boxOf = new LinkedHashMap<>();
        List<Box> heads = new ArrayList<>(); // the hosts' title lines: no label over them
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, List<String>> e : boxes.entrySet()) {
            String box = e.getKey();
            int col = boxColumn.get(box);
            int x = 20 + col * COLUMN;
            int y = 50 + columnY[col];
            boolean host = !box.startsWith("@");
            List<String> hostMarks = host ? marks.getOrDefault("host " + box, List.of()) : List.of();
            int head = host ? HOST_HEAD + 16 * hostMarks.size() : 0;
            int h = head + e.getValue().size() * (SERVICE_H + STACK) - STACK + 16;
            if (host) {
                double u = hostUtilisation(r, box);
                double g = Double.NaN;
                for (String n : e.getValue()) {
                    g = max(g, resourceUtilisation(r, n, true));
                }
                body.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"8\" "
                        + "fill=\"%s\" %s/>%n", x, y, BOX_W + 20, h, heat(max(u, g)), hostMarks.isEmpty()
                                ? "stroke=\"#555\" stroke-width=\"1.5\""
                                : "stroke=\"#c00\" stroke-width=\"3\" stroke-dasharray=\"8 4\" class=\"faulted\""));
                heads.add(new Box(x, x + BOX_W + 20, y, y + head));
                body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"h\">host %s · %d %s%s%s</text>%n",
                        x + 10, y + 20, HtmlReport.escape(box), s.hosts().get(box).cores(),
                        s.hosts().get(box).cores() == 1 ? "core" : "cores",
                        Double.isNaN(u) ? "" : String.format(Locale.ROOT, " · CPU %.0f%%", 100 * u),
                        Double.isNaN(g) ? "" : String.format(Locale.ROOT, " · GIL %.0f%%", 100 * g)));
                for (int k = 0; k < hostMarks.size(); k++) {
                    body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"f\">⚠ %s</text>%n",
                            x + 10, y + 20 + 16 * (k + 1), HtmlReport.escape(hostMarks.get(k))));
                }
            }
            int sy = y + head + 8;
            for (String n : e.getValue()) {
                ServiceSpec sp = s.services().get(n);
                double u = serviceUtilisation(r, n);
                String busiest = busiest(r, n);
                List<String> serviceMarks = marks.getOrDefault(n, List.of());
                int sx = x + 10;
                body.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"5\" "
                        + "fill=\"%s\" %s/>%n", sx, sy, BOX_W, SERVICE_H, heat(u), serviceMarks.isEmpty()
                                ? "stroke=\"#333\""
                                : "stroke=\"#c00\" stroke-width=\"3\" stroke-dasharray=\"8 4\" class=\"faulted\""));
                body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"s\">%s%s</text>%n", sx + 8,
                        sy + 17, HtmlReport.escape(n), serviceMarks.isEmpty() ? ""
                                : " <tspan class=\"f\">⚠ " + HtmlReport.escape(String.join(", ", serviceMarks))
                                        + "</tspan>"));
                body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"k\">%s</text>%n", sx + 8,
                        sy + 32, sp.kind().type()));
                if (busiest != null) {
                    body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"k\">busiest: %s %.0f%%"
                            + "</text>%n", sx + 8, sy + 46, HtmlReport.escape(busiest), 100 * u));
                }
                at.put(n, new Box(sx, sx + BOX_W, sy, sy + SERVICE_H));
                boxOf.put(n, box);
                sy += SERVICE_H + STACK;
            }
            columnY[col] += h + GAP;
        }
        StringBuilder arrows = new StringBuilder();
        Map<String, Double> rates = rates(r);
        List<Box> taken = new ArrayList<>(at.values());
        taken.addAll(heads);
        StringBuilder labels = new StringBuilder();
        for (Map.Entry<String, Set<String>> e : calls.entrySet()) {
            Box a = at.get(e.getKey());
            for (String t : e.getValue()) {
                Box b = at.get(t);
                if (a == null || b == null) {
                    continue;
                }
                Curve c = curve(a, b, boxOf.get(e.getKey()).equals(boxOf.get(t)));
                arrows.append(c.svg());
                Double rate = rates.get(e.getKey() + "\n" + t);
                if (rate != null) {
                    String text = rateText(rate);
                    Box l = place(c, text, taken);
                    taken.add(l);
                    labels.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                            + "rx=\"3\" class=\"rb\"/><text x=\"%d\" y=\"%d\" class=\"r\">%s</text>%n", l.left(),
                            l.top(), l.right() - l.left(), l.bottom() - l.top(), (l.left() + l.right()) / 2,
                            l.bottom() - 3, text));
                }
            }
        }
        arrows.append(labels);
        int width = 40 + columns * COLUMN;
        int height = 70 + java.util.Arrays.stream(columnY).max().orElse(100);
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" "
                + "refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
                + "<path d=\"M0 0 L10 5 L0 10 z\" fill=\"#444\"/></marker></defs>%n<style>.h{font-size:13px;"
                + "font-weight:bold;fill:#222}.s{font-size:13px;font-weight:bold;fill:#111}.k{font-size:11px;fill:#333}"
                + ".f{font-size:11px;font-weight:bold;fill:#c00}"
                + ".a{fill:none;stroke:#444;stroke-width:1.4;marker-end:url(#arrow)}.r{font-size:" + LABEL_FONT
                + "px;fill:#123;text-anchor:middle}.rb{fill:#fff;fill-opacity:.9;stroke:#789;stroke-width:.6}"
                + ".t{font-size:15px;"
                + "font-weight:bold}</style>%n<text x=\"20\" y=\"28\" class=\"t\">%s</text>%n%s%s</svg>%n",
                width, height, width, height, HtmlReport.escape(s.name()), body, arrows);
    }

    /**
     * The curve of an arrow: a straight line when {@code straight}, else a cubic Bézier from
     * (x0, y0) through the control points (x1, y1) and (x2, y2) to (x3, y3).
     */
    record Curve(boolean straight, int x0, int y0, int x1, int y1, int x2, int y2, int x3, int y3) {

        String svg() {
            return straight ? String.format(Locale.ROOT, "<path d=\"M%d %d L %d %d\" class=\"a\"/>%n", x0, y0, x3, y3)
                    : String.format(Locale.ROOT, "<path d=\"M%d %d C %d %d, %d %d, %d %d\" class=\"a\"/>%n", x0, y0, x1,
                            y1, x2, y2, x3, y3);
        }

        /** The point at {@code t} in [0, 1] along it. */
        double[] at(double t) {
            if (straight) {
                return new double[] {x0 + t * (x3 - x0), y0 + t * (y3 - y0)};
            }
            double u = 1 - t;
            double a = u * u * u;
            double b = 3 * u * u * t;
            double c = 3 * u * t * t;
            double d = t * t * t;
            return new double[] {a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3};
        }

        /** True for an arrow that leaves by a box's left side, round it (between services of one host). */
        boolean leftward() {
            return !straight && x1 < x0;
        }
    }

    /**
     * An arrow from {@code a} to {@code b}. Between services of one box, straight down from the
     * caller's bottom to the callee's top when the callee is the next one below, else round the box's
     * left side (so it never meets the arrows leaving by the right); otherwise from the caller's right
     * edge to the callee's left one, or round the right when the callee is not further right.
     */
    static String arrow(Box a, Box b, boolean sameBox) {
        return curve(a, b, sameBox).svg();
    }

    /** The curve of {@link #arrow}. */
    static Curve curve(Box a, Box b, boolean sameBox) {
        int mid = (a.left() + a.right()) / 2;
        if (sameBox && b.top() >= a.bottom() && b.top() - a.bottom() <= STACK) {
            return new Curve(true, mid, a.bottom(), mid, a.bottom(), mid, b.top(), mid, b.top());
        }
        if (sameBox) {
            int span = Math.abs(b.middle() - a.middle());
            int dx = 8 + Math.min(40, span / 12);
            return new Curve(false, a.left(), a.middle(), a.left() - dx, a.middle(), b.left() - dx, b.middle(),
                    b.left(), b.middle());
        }
        int x1 = a.right();
        int y1 = a.middle();
        int x2 = b.left();
        int y2 = b.middle();
        if (x2 <= x1) { // same column, another box: go round the right side
            return new Curve(false, x1, y1, x1 + 40, y1, x1 + 40, y2, b.right(), y2);
        }
        return new Curve(false, x1, y1, (x1 + x2) / 2, y1, (x1 + x2) / 2, y2, x2, y2);
    }

    /** Where along an arrow a label is tried, in order: the middle first, then further out each way. */
    private static final double[] ALONG = {0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82};

    /** Shifts up and down tried at each place, in px, in order. */
    private static final int[] SHIFT = {0, -9, 9, -18, 18};

    /**
     * The box of {@code text}'s label on curve {@code c}, clear of every box in {@code taken} (the
     * services, the hosts' titles, the labels placed already): beside a short straight arrow (right,
     * else left); left of an arrow round a box's left side; centred on any other, at the first place
     * along it (then shifted up or down) that is clear. When none is, the middle.
     */
    static Box place(Curve c, String text, List<Box> taken) {
        int w = (int) Math.ceil(LABEL_CHAR * text.length()) + 6;
        Box first = null;
        for (double t : c.straight() ? new double[] {0.5} : ALONG) {
            double[] p = c.at(t);
            int x = (int) Math.round(p[0]);
            int y = (int) Math.round(p[1]);
            for (int shift : SHIFT) {
                int top = y + shift - LABEL_H / 2;
                List<Box> tries = c.straight()
                        ? List.of(new Box(x + 4, x + 4 + w, top, top + LABEL_H), new Box(x - 4 - w, x - 4, top,
                                top + LABEL_H))
                        : c.leftward() ? List.of(new Box(x - 4 - w, x - 4, top, top + LABEL_H))
                        : List.of(new Box(x - w / 2, x - w / 2 + w, top, top + LABEL_H));
                for (Box b : tries) {
                    if (first == null) {
                        first = b;
                    }
                    if (b.left() >= 0 && taken.stream().noneMatch(b::overlaps)) {
                        return b;
                    }
                }
            }
        }
        return first;
    }

    /** A rate as a label: "120/s", "4.5/s", "0.25/s". */
    static String rateText(double perS) {
        return perS >= 10 ? String.format(Locale.ROOT, "%,.0f/s", perS)
                : perS >= 1 ? String.format(Locale.ROOT, "%.1f/s", perS)
                : String.format(Locale.ROOT, "%.2f/s", perS);
    }

    /** The calls per second on each edge of {@code r} ("from\nto"), none without a run. */
    private static Map<String, Double> rates(ScenarioResult r) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (r != null && r.edges() != null) {
            for (ScenarioResult.EdgeResult e : r.edges()) {
                if (!Double.isNaN(e.callsPerS().mean())) {
                    out.put(e.from() + "\n" + e.to(), e.callsPerS().mean());
                }
            }
        }
        return out;
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    /** The short name of the busiest resource of {@code service} in {@code r}, or null. */
    static String busiest(ScenarioResult r, String service) {
        if (r == null) {
            return null;
        }
        ScenarioResult.ResourceResult best = null;
        for (ScenarioResult.ResourceResult x : r.resources()) {
            if (x.service().equals(service) && x.capacity() > 0 && !Double.isNaN(x.utilization().mean())
                    && (best == null || x.utilization().mean() > best.utilization().mean())) {
                best = x;
            }
        }
        return best == null ? null : ResourceNames.of(service, best.resource(), 0).substring(service.length() + 1);
    }

    /** The busiest GIL (or, with {@code gilOnly} false, any resource) of {@code service}, NaN when none. */
    private static double resourceUtilisation(ScenarioResult r, String service, boolean gilOnly) {
        if (r == null) {
            return Double.NaN;
        }
        double u = Double.NaN;
        for (ScenarioResult.ResourceResult x : r.resources()) {
            if (x.service().equals(service) && x.capacity() > 0 && (!gilOnly || gil(x.resource()))) {
                u = max(u, x.utilization().mean());
            }
        }
        return u;
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
        return resourceUtilisation(r, service, false);
    }
}
