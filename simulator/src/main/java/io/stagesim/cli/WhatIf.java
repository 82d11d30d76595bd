package io.stagesim.cli;

import io.stagesim.report.ResultsFile;
import io.stagesim.report.Topology;
import io.stagesim.run.Estimate;
import io.stagesim.run.ScenarioResult;
import io.stagesim.scenario.AppServerSpec;
import io.stagesim.scenario.BrowserSpec;
import io.stagesim.scenario.CacheSpec;
import io.stagesim.scenario.CallSpec;
import io.stagesim.scenario.LoadBalancerSpec;
import io.stagesim.scenario.RequestSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ServiceSpec;
import io.stagesim.scenario.UwsgiSpec;
import io.stagesim.scenario.WorkloadSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the what-if page ({@code stagesim serve}) may change in a stage and what it shows: the
 * sliders a stage offers, each a {@code --set} key that is there in the stage (workers, app servers
 * in the balancer's rotation, cores, Django's persistent connections, a cache's hit ratio, the
 * browsers' cache of assets), the request a page sends turned into the same {@code run} options,
 * and a result's figures as the page shows them, formatted here so the page and the tests agree.
 */
final class WhatIf {

    private WhatIf() {
    }

    /** A slider: a {@code --set} key, its range and the stage's own value; {@code unit} is "", "%" or "s". */
    record Slider(String key, String label, double min, double max, double step, double value, String unit) {

        /** The {@code --set} setting for {@code v}. */
        String setting(double v, Scenario s) {
            if (key.endsWith(".backends")) { // app servers in rotation: the first v of the stage's backends
                LoadBalancerSpec lb = (LoadBalancerSpec) s.services().get(key.split("\\.")[1]);
                return key + "=[" + String.join(", ", lb.backends().subList(0, (int) v)) + "]";
            }
            return key + "=" + number(v) + unit;
        }
    }

    /** A stage: a file given on the command line, its scenario as the file says and its sliders. */
    record Stage(int index, Path file, Scenario scenario, double rate, double rateMax, List<Slider> sliders) {

        Slider slider(String key) {
            for (Slider sl : sliders) {
                if (sl.key().equals(key)) {
                    return sl;
                }
            }
            return null;
        }
    }

    /** The stage of {@code file} (loaded as its file says), number {@code index} on the command line. */
    static Stage stage(int index, Path file, Scenario s) {
        List<Slider> out = new ArrayList<>();
        java.util.Set<String> appHosts = new java.util.LinkedHashSet<>();
        for (ServiceSpec sv : s.services().values()) {
            if (sv instanceof AppServerSpec a) {
                out.add(new Slider("services." + a.name() + ".workers", a.name() + " workers", 1,
                        Math.max(16, 2 * a.workers()), 1, a.workers(), ""));
                out.add(new Slider("services." + a.name() + ".conn_max_age", a.name()
                        + " persistent DB connections (CONN_MAX_AGE, 0 = none)", 0, 600, 60,
                        a.django().connMaxAge() / 1e9, "s"));
                appHosts.add(a.host());
            } else if (sv instanceof UwsgiSpec u) {
                out.add(new Slider("services." + u.name() + ".processes", u.name() + " processes", 1,
                        Math.max(16, 2 * u.processes()), 1, u.processes(), ""));
                out.add(new Slider("services." + u.name() + ".conn_max_age", u.name()
                        + " persistent DB connections (CONN_MAX_AGE, 0 = none)", 0, 600, 60,
                        u.django().connMaxAge() / 1e9, "s"));
                appHosts.add(u.host());
            } else if (sv instanceof LoadBalancerSpec lb && lb.backends().size() > 1) {
                out.add(new Slider("services." + lb.name() + ".backends", "app servers in " + lb.name()
                        + "'s rotation", 1, lb.backends().size(), 1, lb.backends().size(), ""));
            }
        }
        for (String h : appHosts) {
            if (h != null && s.hosts().containsKey(h)) {
                int cores = s.hosts().get(h).cores();
                out.add(new Slider("hosts." + h + ".cores", "cores of host " + h, 1, Math.max(16, 2 * cores), 1,
                        cores, ""));
            }
        }
        boolean assets = false;
        for (RequestSpec r : s.requests().values()) {
            assets |= r.assets() > 0;
            if (r.view() == null) {
                continue;
            }
            List<CallSpec> calls = r.view().calls();
            for (int i = 0; i < calls.size(); i++) {
                if (s.services().get(calls.get(i).service()) instanceof CacheSpec) {
                    out.add(new Slider("requests." + r.name() + ".view.calls." + i + ".hit_ratio", r.name()
                            + ": " + calls.get(i).service() + " hit ratio", 0, 100, 5,
                            Math.round(calls.get(i).hitRatio() * 100), "%"));
                }
            }
        }
        BrowserSpec b = s.browser();
        if (assets) {
            out.add(new Slider("services." + b.name() + ".browser_cache.repeat_visits",
                    "page views with the assets in the browser's cache", 0, 100, 5,
                    b.cache() == null ? 0 : Math.round(b.cache().repeatVisits() * 100), "%"));
        }
        double rate = b.workload() instanceof WorkloadSpec.Open o
                ? o.profile().stream().mapToDouble(WorkloadSpec.RatePoint::rate).max().orElse(0) : 0;
        return new Stage(index, file, s, rate, Math.max(10, Math.ceil(rate * 4)), List.copyOf(out));
    }

    /** {@code v} as a --set or --rate value: a whole number without decimals, otherwise as few as it needs. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** The figures the page shows, formatted ({@code text}) and as numbers ({@code raw}), by element id. */
    static Map<String, Object[]> figures(ScenarioResult r) {
        return figures(ResultsFile.of(r));
    }

    /** As {@link #figures(ScenarioResult)}, from a run's {@code results.json} (what {@code run} wrote). */
    static Map<String, Object[]> figures(ResultsFile f) {
        ResultsFile.RequestClass all = f.requests().get(io.stagesim.run.ScenarioRun.ALL);
        Map<String, Object[]> out = new LinkedHashMap<>();
        put(out, "offered", all.offeredPerS(), "%.1f /s");
        put(out, "throughput", all.throughputPerS(), "%.1f /s");
        put(out, "p50", all.latencyMs().p50(), "%.1f ms");
        put(out, "p99", all.latencyMs().p99(), "%.1f ms");
        double err = all.errorRate() == null ? Double.NaN : all.errorRate().mean();
        out.put("errors", new Object[] {Double.isNaN(err) ? "–" : String.format(Locale.ROOT, "%.2f %%", 100 * err),
            err});
        double cost = f.cost() == null || f.cost().perMillionViews() == null ? Double.NaN
                : f.cost().perMillionViews().mean();
        out.put("cost", new Object[] {Double.isNaN(cost) ? "–" : String.format(Locale.ROOT, "$%.2f", cost), cost});
        double hour = f.costPerHour() == null ? Double.NaN : f.costPerHour().mean();
        out.put("costPerHour", new Object[] {Double.isNaN(hour) ? "–" : String.format(Locale.ROOT, "$%.3f /h", hour),
            hour});
        return out;
    }

    private static void put(Map<String, Object[]> out, String id, Estimate e, String fmt) {
        double v = e == null ? Double.NaN : e.mean();
        out.put(id, new Object[] {Double.isNaN(v) ? "–" : String.format(Locale.ROOT, fmt, v), v});
    }

    /** The page's answer for a finished run: figures, bottleneck, utilisations and the topology picture. */
    static Map<String, Object> answer(Scenario s, ScenarioResult r, List<String> settings, String rate, long wallMs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", s.name());
        out.put("settings", settings);
        out.put("rate", rate);
        out.put("seed", r.seed());
        out.put("replications", r.replications());
        out.put("duration_s", r.durationS());
        out.put("events", r.events());
        out.put("wall_ms", wallMs);
        out.put("partial", r.partial());
        Map<String, Object> text = new LinkedHashMap<>();
        Map<String, Object> raw = new LinkedHashMap<>();
        for (Map.Entry<String, Object[]> e : figures(r).entrySet()) {
            text.put(e.getKey(), e.getValue()[0]);
            double v = (Double) e.getValue()[1];
            raw.put(e.getKey(), Double.isFinite(v) ? v : null);
        }
        out.put("text", text);
        out.put("raw", raw);
        out.put("bottleneck", WhatIfCapacity.bottleneck(r));
        List<Map<String, Object>> busy = new ArrayList<>();
        for (ScenarioResult.HostResult h : r.hosts()) {
            busy.add(Map.of("name", io.stagesim.report.ResourceNames.of(h.name(), "CPU of host " + h.name(),
                    h.cores()), "u", h.cpuUtilization().mean()));
        }
        for (ScenarioResult.ResourceResult res : r.resources()) {
            if (res.utilization() != null && Double.isFinite(res.utilization().mean())) {
                busy.add(Map.of("name", io.stagesim.report.ResourceNames.of(res.service(), res.resource(),
                        res.capacity()), "u", res.utilization().mean()));
            }
        }
        busy.sort((x, y) -> Double.compare((Double) y.get("u"), (Double) x.get("u")));
        out.put("utilisation", busy.subList(0, Math.min(8, busy.size())));
        out.put("topology", Topology.svg(s, r));
        return out;
    }
}
