package io.stagesim.cli;

import io.stagesim.report.ResourceNames;
import io.stagesim.report.StressReporter;
import io.stagesim.run.CapacitySearch;
import io.stagesim.run.ScenarioResult;
import io.stagesim.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The what-if page's capacity: the search {@code stress} runs on the same file, settings and seed
 * (the page's own, shorter run settings: {@link Search}), and what the page shows of it, formatted
 * here so that the page and the tests agree: the capacity with its interval, the bottleneck at
 * capacity by its short name, and cost and p99 at capacity.
 */
final class WhatIfCapacity {

    private WhatIfCapacity() {
    }

    /**
     * The settings of every capacity search the page runs: as {@code stress --duration D
     * --replications R --precision P}, the whole search stopped after {@code maxWallMillis} (a load
     * point begun before then finishes, itself bounded as a run is).
     */
    record Search(String duration, int replications, double precision, long maxWallMillis) {
    }

    /** The {@code stress} command that gives the same capacity, to the bit. */
    static String command(String file, List<String> settings, long seed, Search search) {
        StringBuilder b = new StringBuilder("./stagesim stress ").append(file);
        for (String s : settings) {
            b.append(" --set '").append(s).append('\'');
        }
        return b.append(" --seed ").append(seed).append(" --replications ").append(search.replications())
                .append(" --duration ").append(search.duration()).append(" --precision ")
                .append(WhatIf.number(search.precision())).toString();
    }

    /**
     * The figures shown of search {@code r}, formatted ({@code text}) and as numbers ({@code raw}),
     * by element id: the capacity with its interval (an end that no load point settled is shown as
     * "–" and is null), and at capacity the p99, the cost per million page views and the busiest
     * resource.
     */
    static Map<String, Object[]> figures(CapacitySearch.Result r, Scenario s) {
        Map<String, Object[]> out = new LinkedHashMap<>();
        double high = Double.isInfinite(r.capacityHigh()) ? Double.NaN : r.capacityHigh();
        double low = r.capacityLow() > 0 ? r.capacityLow() : Double.NaN;
        String interval = "[" + (Double.isNaN(low) ? "–" : String.format(Locale.ROOT, "%.1f", low)) + ", "
                + (Double.isNaN(high) ? "–" : String.format(Locale.ROOT, "%.1f", high)) + "]";
        out.put("capacity", new Object[] {r.atCapacity() == null ? "none: the objective was missed at every load tried"
                : String.format(Locale.ROOT, "≈ %.1f page views/s %s", r.capacity(), interval), r.capacity()});
        out.put("capacityLow", new Object[] {Double.isNaN(low) ? "–" : String.format(Locale.ROOT, "%.1f", low), low});
        out.put("capacityHigh", new Object[] {Double.isNaN(high) ? "–" : String.format(Locale.ROOT, "%.1f", high),
            high});
        ScenarioResult at = r.atCapacity() == null ? null : r.atCapacity().result();
        double p99 = at == null || at.all().latencyMs().p99() == null ? Double.NaN : at.all().latencyMs().p99().mean();
        out.put("p99AtCapacity", new Object[] {Double.isNaN(p99) ? "–" : String.format(Locale.ROOT, "%.1f ms", p99),
            p99});
        double cost = at == null || at.cost() == null || at.cost().perMillionViews() == null ? Double.NaN
                : at.cost().perMillionViews().mean();
        out.put("costAtCapacity", new Object[] {Double.isNaN(cost) ? "–" : String.format(Locale.ROOT, "$%.2f", cost),
            cost});
        return out;
    }

    private static final java.util.regex.Pattern HOST_CPU =
            java.util.regex.Pattern.compile("CPU of host (.+) \\((\\d+) cores?\\)");

    /**
     * The busiest resource of {@code r} by its short name ("gunicorn workers (5), 97 % busy", "web
     * CPU (2 cores), 99 % busy"), or null when nothing was measured.
     */
    static String bottleneck(ScenarioResult r) {
        ScenarioResult.Bottleneck b = r == null ? null : r.bottleneck();
        if (b == null || b.resource() == null) {
            return null;
        }
        String busy = String.format(Locale.ROOT, ", %.0f %% busy", 100 * b.utilization());
        java.util.regex.Matcher host = HOST_CPU.matcher(b.resource());
        if (host.matches()) {
            return ResourceNames.of(b.service(), "CPU of host " + host.group(1), Integer.parseInt(host.group(2)))
                    + busy;
        }
        String of = " of " + b.service(); // "5 workers × 1 threads (backlog 2048) of gunicorn"
        String resource = b.resource().endsWith(of) ? b.resource().substring(0, b.resource().length() - of.length())
                : b.resource();
        return ResourceNames.of(b.service(), resource, 0) + busy;
    }

    /** The page's answer for a finished search of {@code s} (the bounded scenario it ran). */
    static Map<String, Object> answer(Scenario s, CapacitySearch.Result r, List<String> settings, String command,
            Search search, long wallMs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", s.name());
        out.put("settings", settings);
        out.put("seed", s.run().seed());
        out.put("replications", search.replications());
        out.put("duration", search.duration());
        out.put("precision", search.precision());
        out.put("objective", r.slo().describe());
        out.put("command", command);
        out.put("points", r.points().size());
        out.put("wall_ms", wallMs);
        Map<String, Object> text = new LinkedHashMap<>();
        Map<String, Object> raw = new LinkedHashMap<>();
        for (Map.Entry<String, Object[]> e : figures(r, s).entrySet()) {
            text.put(e.getKey(), e.getValue()[0]);
            double v = (Double) e.getValue()[1];
            raw.put(e.getKey(), Double.isFinite(v) ? v : null);
        }
        out.put("text", text);
        out.put("raw", raw);
        out.put("bottleneck", r.atCapacity() == null ? null : bottleneck(r.atCapacity().result()));
        out.put("sentence", StressReporter.sentence(r));
        List<String> partial = new ArrayList<>();
        for (CapacitySearch.Point p : r.points()) {
            if (p.result().isPartial()) {
                partial.add(String.format(Locale.ROOT, "%.1f/s: %s", p.rate(),
                        String.join("; ", p.result().partial())));
            }
        }
        out.put("partial", partial);
        return out;
    }
}
