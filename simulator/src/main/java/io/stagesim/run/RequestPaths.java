package io.stagesim.run;

import io.stagesim.nodes.ClientConnections;
import io.stagesim.random.Distribution;
import io.stagesim.scenario.BrowserSpec;
import io.stagesim.scenario.CallSpec;
import io.stagesim.scenario.ClientFront;
import io.stagesim.scenario.DatabaseSpec;
import io.stagesim.scenario.Replication;
import io.stagesim.scenario.RequestSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

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
     * made on a cache miss; and the task it enqueues, or null; the replicas its reads are routed to
     * (empty: none) and how.
     */
    public record Call(String service, int times, int timesMax, Long cpu, Long io, double hitRatio, long download,
            long upload, boolean write, List<Call> onMiss, Task task, List<String> replicas, String routing) {
    }

    /** A task run later on a worker: its CPU and its calls. */
    public record Task(Long cpu, List<Call> calls) {
    }

    /** The paths of every request class of {@code s}, from its specs. */
    public static RequestPaths of(Scenario s) {
        BrowserSpec b = s.browser();
        ClientFront f = s.services().get(b.staticFrom() == null ? b.target() : b.staticFrom()).clientFront();
        // over HTTP/2 (browsers speak it over TLS) the assets are multiplexed on one connection to their origin
        int parallel = f.http2() && f.tls() != null && f.keepAlive()
                ? ClientConnections.HTTP2_STREAMS : b.connectionsPerHost();
        List<ClassPath> classes = new ArrayList<>();
        for (RequestSpec r : s.requests().values()) {
            String assetsFrom = r.assets() == 0 ? null
                    : b.staticFrom() != null ? staticSource(s, b.staticFrom()) : staticServer(s, b.target());
            classes.add(new ClassPath(r.name(), r.share(), front(s, b.target(), r), mean(r.view().cpu()),
                    calls(s, r.view().calls()), r.assets(), r.assetSize(), parallel, assetsFrom));
        }
        return new RequestPaths(b.target(), b.rtt(), List.copyOf(classes));
    }

    private static Long mean(Distribution d) {
        return d == null ? null : Math.round(d.mean());
    }

    private static List<Call> calls(Scenario s, List<CallSpec> calls) {
        List<Call> out = new ArrayList<>();
        for (CallSpec c : calls) {
            Replication rep = s.services().get(c.service()) instanceof DatabaseSpec db && !c.write()
                    ? db.replication() : Replication.NONE;
            out.add(new Call(c.service(), c.times(), c.timesMax(), mean(c.cpu()), mean(c.io()), c.hitRatio(),
                    c.download(), c.upload(), c.write(), calls(s, c.onMiss()),
                    c.task() == null ? null : new Task(mean(c.task().cpu()), calls(s, c.task().calls())),
                    rep.replicas(), rep.routing()));
        }
        return List.copyOf(out);
    }

    // The walk through the service specs below is ExplainReporter's as it was, moved here unchanged.

    /** A service on the path of a page view of class {@code r}, as it describes itself, then the rest of the path. */
    private static String front(Scenario s, String name, RequestSpec r) {
        ServiceSpec sp = s.services().get(name);
        String detail = sp.explainHop(s, r);
        String next = sp.nextFor(r);
        return name + (detail == null ? "" : " (" + detail + ")") + (next == null ? "" : " -> " + front(s, next, r));
    }

    /** The browser's {@code static_from}: object storage, or a CDN as it describes itself. */
    private static String staticSource(Scenario s, String name) {
        String detail = s.services().get(name).explainStatic();
        return name + " (" + (detail == null ? "object storage" : detail) + ")";
    }

    /** The service that serves static files sent to {@code name}: the first on the way that does not pass them on. */
    private static String staticServer(Scenario s, String name) {
        ServiceSpec sp = s.services().get(name);
        String detail = sp.explainStatic();
        if (detail != null) {
            return name + " (" + detail + ")";
        }
        List<String> next = sp.routes().names();
        return next.isEmpty() ? name : staticServer(s, next.get(0));
    }
}
