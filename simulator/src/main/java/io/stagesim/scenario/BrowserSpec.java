package io.stagesim.scenario;

import io.stagesim.random.Exponential;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The browsers: where page views come from (an open or closed workload), where they send them
 * ({@code target}, and {@code staticFrom} for assets when set), their round trip, how long a user
 * waits, the connections they open per host, the retries of API clients, and their HTTP cache
 * ({@code cache}, null for none: every asset fetched on every page view).
 */
public record BrowserSpec(String name, WorkloadSpec workload, String target, String staticFrom, long rtt,
        long timeout, int connectionsPerHost, Retry retry, BrowserCacheSpec cache) implements ServiceSpec {

    private static final long MS = 1_000_000L;

    /**
     * Client retries: how many per page view, the backoff base (ns), the budget (retries per page
     * view), and how long a client waits for one request before it abandons it (ns, 0 for no limit).
     */
    public record Retry(int retries, long backoff, double budget, long attemptTimeout) {
        /** Checks the bounds. */
        public Retry {
            Require.atLeast("retries", retries, 0);
            Require.atLeast("retry_backoff", backoff, 0);
            Require.fraction("retry_budget", budget);
            Require.atLeast("attempt_timeout", attemptTimeout, 0);
        }
    }

    /** Checks the bounds. */
    public BrowserSpec {
        Require.present("workload", workload);
        Require.atLeast("rtt", rtt, 0);
        Require.atLeast("timeout", timeout, 1);
        Require.atLeast("connections_per_host", connectionsPerHost, 1);
        Require.present("retry", retry);
    }

    @Override
    public String host() {
        return null;
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.BROWSER;
    }

    @Override
    public long memory() {
        return 0; // the users' machines, not ours
    }

    /** The same browsers with another workload. */
    public BrowserSpec withWorkload(WorkloadSpec other) {
        return new BrowserSpec(name, other, target, staticFrom, rtt, timeout, connectionsPerHost, retry, cache);
    }

    /** The browsers among {@code services}, in order. */
    static List<BrowserSpec> in(Map<String, ServiceSpec> services) {
        return services.values().stream().filter(sp -> sp.kind() == ServiceKind.BROWSER)
                .map(BrowserSpec.class::cast).toList();
    }

    static BrowserSpec bind(String name, String host, int cores, Fields f) {
        WorkloadSpec workload = workload(f);
        return new BrowserSpec(name, workload, f.required("target"), f.string("static_from", null),
                f.duration("rtt", 40 * MS), // A.1: Lighthouse desktop preset
                f.positiveDuration("timeout", 60 * 1000 * MS), // C.3: browser ~60–300 s
                f.integer("connections_per_host", 6, 1, 1000),
                new Retry(f.integer("retries", 0, 0, 10), f.positiveDuration("retry_backoff", 100 * MS),
                        f.fraction("retry_budget", 0.1), f.duration("attempt_timeout", 0)),
                BrowserCacheSpec.bind(f));
    }

    private static WorkloadSpec workload(Fields f) {
        boolean open = f.has("rate") || f.has("profile");
        boolean closed = f.has("users");
        if (open == closed) {
            f.problems().add(f.location(), f.path(), open
                    ? "give either an open workload (rate or profile) or a closed one (users and think), not both"
                    : "missing a workload: 'rate: 50/s' (open arrivals) or 'users: 100' with 'think' (closed)");
            return new WorkloadSpec.Open(List.of(new WorkloadSpec.RatePoint(0, 0)));
        }
        if (closed) {
            return new WorkloadSpec.Closed(f.integer("users", 1, 1, 10_000_000),
                    f.distribution("think", new Exponential(5e9)));
        }
        if (f.has("rate")) {
            if (f.has("profile")) {
                f.problem("profile", "give either 'rate' or 'profile', not both");
            }
            return new WorkloadSpec.Open(List.of(new WorkloadSpec.RatePoint(0, f.rate("rate", 0))));
        }
        List<WorkloadSpec.RatePoint> points = new ArrayList<>();
        YNode raw = f.raw("profile");
        if (!(raw instanceof YNode.Sequence seq) || seq.items().isEmpty()) {
            f.problem("profile", "expected a list of points such as '- {at: 0s, rate: 10/s}'");
            return new WorkloadSpec.Open(List.of(new WorkloadSpec.RatePoint(0, 0)));
        }
        long last = 0;
        for (int i = 0; i < seq.items().size(); i++) {
            Fields p = Fields.of(seq.items().get(i), f.child("profile") + "[" + i + "]", f.problems(), f.baseDir());
            if (p == null) {
                continue;
            }
            long at = p.duration("at", 0);
            if (at < last) {
                p.problem("at", "points must be in time order: " + Units.formatDuration(at) + " comes after "
                        + Units.formatDuration(last));
            }
            last = Math.max(last, at);
            points.add(new WorkloadSpec.RatePoint(at, p.rate("rate", 0)));
            p.finish();
        }
        return new WorkloadSpec.Open(points);
    }
}
