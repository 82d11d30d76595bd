package io.stagesim.run;

import io.stagesim.random.Distribution;
import io.stagesim.scenario.CallSpec;
import io.stagesim.scenario.RequestSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ServiceSpec;
import io.stagesim.scenario.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Each request class's path through a scenario, read from its specs before anything runs: where
 * page views arrive and the round trip to it ({@code rtt}, ns), then per class the services its
 * HTML passes and the static assets' server (each a phrase, with the demand written there), the
 * view's CPU and the calls it makes. Durations are means in nanoseconds, null where the file
 * leaves the default.
 */
public record RequestPaths(String target, long rtt, List<ClassPath> classes) {

    /**
     * One request class, {@code share} of the page views: the services its HTML passes, the view's
     * CPU and calls, then {@code assets} static assets of {@code assetSize} bytes, {@code atATime}
     * at a time, from {@code assetsFrom} (null without assets).
     */
    public record ClassPath(String name, double share, String html, Long viewCpu, List<Call> calls, int assets,
            long assetSize, int atATime, String assetsFrom) {
    }

    /**
     * A call a view (or a task) makes, {@code times} to {@code timesMax} times, each with its CPU and
     * disk demand, a cache's hit ratio, bytes downloaded and uploaded, whether it writes; the calls
     * made on a cache miss; and the task it enqueues, or null.
     */
    public record Call(String service, int times, int timesMax, Long cpu, Long io, double hitRatio, long download,
            long upload, boolean write, List<Call> onMiss, Task task) {
    }

    /** A task run later on a worker: its CPU and its calls. */
    public record Task(Long cpu, List<Call> calls) {
    }

    /** The paths of every request class of {@code s}, from its specs. */
    public static RequestPaths of(Scenario s) {
        ServiceSpec.Browser b = s.browser();
        List<ClassPath> classes = new ArrayList<>();
        for (RequestSpec r : s.requests().values()) {
            String assetsFrom = r.assets() == 0 ? null
                    : b.staticFrom() != null ? b.staticFrom() + " (object storage)" : staticServer(s, b.target());
            classes.add(new ClassPath(r.name(), r.share(), front(s, b.target(), r), mean(r.view().cpu()),
                    calls(r.view().calls()), r.assets(), r.assetSize(), b.connectionsPerHost(), assetsFrom));
        }
        return new RequestPaths(b.target(), b.rtt(), List.copyOf(classes));
    }

    private static Long mean(Distribution d) {
        return d == null ? null : Math.round(d.mean());
    }

    private static List<Call> calls(List<CallSpec> calls) {
        List<Call> out = new ArrayList<>();
        for (CallSpec c : calls) {
            out.add(new Call(c.service(), c.times(), c.timesMax(), mean(c.cpu()), mean(c.io()), c.hitRatio(),
                    c.download(), c.upload(), c.write(), calls(c.onMiss()),
                    c.task() == null ? null : new Task(mean(c.task().cpu()), calls(c.task().calls()))));
        }
        return List.copyOf(out);
    }

    // The walk through the service specs below is ExplainReporter's as it was, moved here unchanged.

    private static String ms(Distribution d) {
        return d == null ? "default" : Units.formatDuration(Math.round(d.mean()));
    }

    private static String front(Scenario s, String name, RequestSpec r) {
        ServiceSpec sp = s.services().get(name);
        if (sp instanceof ServiceSpec.Proxy p) {
            String next = r.app() != null && p.upstreams().contains(r.app()) ? r.app() : p.upstreams().get(0);
            return String.format(Locale.ROOT, "%s (CPU %s%s%s) -> %s", name, ms(p.cpu()),
                    p.newConnectionShare() > 0 ? String.format(Locale.ROOT, " + TLS %s for %.0f%%",
                            ms(p.tlsHandshakeCpu()), p.newConnectionShare() * 100) : "",
                    p.gzipCpuPerKb() > 0 ? " + gzip " + Units.formatDuration(Math.round(p.gzipCpuPerKb()
                            * p.htmlSize() / 1000)) : "", front(s, next, r));
        }
        if (sp instanceof ServiceSpec.LoadBalancer l) {
            return String.format(Locale.ROOT, "%s (%s over %d: %s) -> %s", name, l.policy(), l.backends().size(),
                    String.join(", ", l.backends()), front(s, l.backends().get(0), r));
        }
        if (sp instanceof ServiceSpec.AppServer a) {
            String connect = "";
            ServiceSpec.Database db = firstPostgres(s, r.view().calls());
            if (db != null) {
                connect = a.persistentDbConnections() ? "; persistent database connections"
                        : "; a new database connection per request: CPU " + ms(a.dbConnectCpu()) + " here and "
                                + ms(db.connectCpu()) + " in " + db.name();
            }
            return String.format(Locale.ROOT, "%s (one of %d × %d worker slots on host %s, held to the end%s)", name,
                    a.workers(), a.threads(), a.host(), connect);
        }
        if (sp instanceof ServiceSpec.DevServer d) {
            return String.format(Locale.ROOT, "%s (runserver: overhead %s, Python on one core)", name, ms(d.overhead()));
        }
        return name;
    }

    private static ServiceSpec.Database firstPostgres(Scenario s, List<CallSpec> calls) {
        for (CallSpec c : calls) {
            if (s.services().get(c.service()) instanceof ServiceSpec.Database d && "postgres".equals(d.engine())) {
                return d;
            }
            ServiceSpec.Database nested = firstPostgres(s, c.onMiss());
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    private static String staticServer(Scenario s, String name) {
        ServiceSpec sp = s.services().get(name);
        if (sp instanceof ServiceSpec.Proxy p && p.serveStatic()) {
            return name + " (CPU " + ms(p.staticCpu()) + " + " + Math.round(p.staticCpuPerKb()) + " ns per KB)";
        }
        if (sp instanceof ServiceSpec.Proxy p) {
            return staticServer(s, p.upstreams().get(0));
        }
        if (sp instanceof ServiceSpec.LoadBalancer l) {
            return staticServer(s, l.backends().get(0));
        }
        if (sp instanceof ServiceSpec.AppServer a) {
            return name + " (CPU " + ms(a.staticCpu()) + ", holding a worker)";
        }
        if (sp instanceof ServiceSpec.DevServer d) {
            return name + " (CPU " + ms(d.staticCpu()) + " + overhead " + ms(d.overhead()) + ")";
        }
        return name;
    }
}
