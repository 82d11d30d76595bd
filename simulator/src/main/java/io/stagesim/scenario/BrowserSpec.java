package io.stagesim.scenario;

import io.stagesim.random.Distribution;
import io.stagesim.random.Exponential;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The browsers: where page views come from (an open or closed workload), where they send them
 * ({@code target}, and {@code staticFrom} for assets when set), their round trip, how long a user
 * waits, the connections they open per host, and the retries of API clients. {@code clients} is
 * the population of client links a page view is drawn from (by share): each with its downlink and
 * uplink (bytes per second) and its round trip; {@code rtt} is their mean round trip. {@code connectionReuse},
 * when given, is the share of page views that find their connections still open from the visitor's previous
 * page view (keep-alive); null when not given: then a closed workload's users and an open workload's
 * visits keep their connections while the think time between page views stays below each origin's
 * keep-alive timeout, and other open arrivals reuse none. When the
 * clients are a load generator on one of the scenario's hosts, {@code loadGenerator} is it (else null).
 * {@code cache} is their HTTP cache (null for none: every asset fetched on every page view).
 */
public record BrowserSpec(String name, WorkloadSpec workload, String target, String staticFrom, long rtt,
        long timeout, int connectionsPerHost, Double connectionReuse, Retry retry, List<Client> clients,
        LoadGenerator loadGenerator, BrowserCacheSpec cache) implements ServiceSpec {

    /**
     * A load generator (wrk, ab, locust) running on host {@code host}, spending {@code cpuPerRequest}
     * of its CPU for every request it sends and receives.
     */
    public record LoadGenerator(String host, Distribution cpuPerRequest) {
        /** Checks the bounds. */
        public LoadGenerator {
            Require.present("load_generator.host", host);
            Require.present("load_generator.cpu_per_request", cpuPerRequest);
        }
    }

    private static final long MS = 1_000_000L;
    /** A client's downlink and uplink when not given: Lighthouse's desktop preset, 10 Mbit/s each way (A.1). */
    public static final double DEFAULT_LINK = 10_240e3 / 8;

    /** A kind of client link: its share of page views, downlink and uplink (bytes/s), round trip (ns). */
    public record Client(double share, double downlink, double uplink, long rtt) {
        /** Checks the bounds. */
        public Client {
            Require.fraction("share", share);
            if (!(downlink > 0) || !(uplink > 0)) {
                throw new IllegalArgumentException("downlink and uplink must be > 0");
            }
            Require.atLeast("rtt", rtt, 0);
        }
    }

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
        if (connectionReuse != null) {
            Require.fraction("connection_reuse", connectionReuse);
        }
        Require.present("retry", retry);
        clients = List.copyOf(clients);
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("clients must not be empty");
        }
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
        return new BrowserSpec(name, other, target, staticFrom, rtt, timeout, connectionsPerHost, connectionReuse,
                retry, clients, loadGenerator, cache);
    }

    /**
     * The share of page views expected to find their connections to an origin open, when it keeps an
     * idle one {@code keepAlive} ns: {@code connection_reuse} when given; else, for a closed workload,
     * the chance that a think time is below it, and for visits that chance times the share of page
     * views that are not their visit's first ((n − 1) / n); else 0. The chance is exact for a constant
     * and an exponential think time (1 − e^(−T/m)); other distributions are taken as exponential of
     * their mean (an estimate, for the bill's connection counts only: the simulation draws each).
     */
    public double expectedReuse(long keepAlive) {
        if (connectionReuse != null) {
            return connectionReuse;
        }
        if (workload instanceof WorkloadSpec.Closed c) {
            return below(c.think(), keepAlive);
        }
        if (workload instanceof WorkloadSpec.Open o && o.visits() != null) {
            int n = o.visits().pageViews();
            return (n - 1.0) / n * below(o.visits().think(), keepAlive);
        }
        return 0;
    }

    private static double below(Distribution think, long t) {
        if (think instanceof io.stagesim.random.Constant) {
            return think.mean() < t ? 1 : 0;
        }
        return think.mean() <= 0 ? 1 : 1 - Math.exp(-t / think.mean());
    }

    /** The browsers among {@code services}, in order. */
    static List<BrowserSpec> in(Map<String, ServiceSpec> services) {
        return services.values().stream().filter(sp -> sp.kind() == ServiceKind.BROWSER)
                .map(BrowserSpec.class::cast).toList();
    }

    static BrowserSpec bind(String name, String host, int cores, Fields f) {
        WorkloadSpec workload = workload(f);
        String target = f.required("target");
        String staticFrom = f.string("static_from", null);
        List<Client> clients = clients(f);
        double meanRtt = 0;
        for (Client c : clients) {
            meanRtt += c.share() * c.rtt();
        }
        return new BrowserSpec(name, workload, target, staticFrom, Math.round(meanRtt),
                f.positiveDuration("timeout", 60 * 1000 * MS), // C.3: browser ~60–300 s
                f.integer("connections_per_host", 6, 1, 1000), // A.1: Chromium's and Firefox's HTTP/1.1 limit
                f.has("connection_reuse") ? (Double) f.fraction("connection_reuse", 0) : null, // A.1: worked out
                new Retry(f.integer("retries", 0, 0, 10), f.positiveDuration("retry_backoff", 100 * MS),
                        f.fraction("retry_budget", 0.1), f.duration("attempt_timeout", 0)), clients,
                loadGenerator(f), BrowserCacheSpec.bind(f));
    }

    /**
     * The client population: a list under {@code clients} (shares adding up to 100 %), or one kind
     * of client from {@code rtt}, {@code downlink} and {@code uplink}.
     */
    private static List<Client> clients(Fields f) {
        long rtt = f.duration("rtt", 40 * MS); // A.1: Lighthouse desktop preset
        double down = f.bandwidth("downlink", DEFAULT_LINK); // A.1: Lighthouse desktop preset, 10 Mbit/s
        double up = f.bandwidth("uplink", DEFAULT_LINK);
        YNode raw = f.raw("clients");
        if (raw == null) {
            return List.of(new Client(1, down, up, rtt));
        }
        for (String k : List.of("rtt", "downlink", "uplink")) {
            if (f.entries().containsKey(k)) {
                f.problem(k, "give " + k + " for each kind of client under 'clients', not here as well");
            }
        }
        if (!(raw instanceof YNode.Sequence seq) || seq.items().isEmpty()) {
            f.problem("clients", "expected a list of kinds of client such as"
                    + " '- {share: 60%, downlink: 10Mbps, uplink: 10Mbps, rtt: 40ms}'");
            return List.of(new Client(1, down, up, rtt));
        }
        List<Client> out = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < seq.items().size(); i++) {
            Fields c = Fields.of(seq.items().get(i), f.child("clients") + "[" + i + "]", f.problems(), f.baseDir());
            if (c == null) {
                continue;
            }
            double share = c.fraction("share", 1.0);
            total += share;
            out.add(new Client(share, c.bandwidth("downlink", DEFAULT_LINK), c.bandwidth("uplink", DEFAULT_LINK),
                    c.duration("rtt", 40 * MS)));
            c.finish();
        }
        if (Math.abs(total - 1) > 1e-6) {
            f.problem("clients", String.format(java.util.Locale.ROOT,
                    "the shares of the kinds of client must add up to 100%%, they add up to %.4g%%", total * 100));
        }
        return out.isEmpty() ? List.of(new Client(1, down, up, rtt)) : out;
    }

    /** {@code load_generator: {host: web, cpu_per_request: 150us}}, both required; null when absent. */
    private static LoadGenerator loadGenerator(Fields f) {
        if (!f.has("load_generator")) {
            return null;
        }
        Fields g = Fields.of(f.raw("load_generator"), f.child("load_generator"), f.problems(), f.baseDir());
        if (g == null) {
            return null;
        }
        String host = g.required("host");
        Distribution cpu = g.required("cpu_per_request") == null ? null : g.distribution("cpu_per_request", null);
        g.finish();
        return host == null || cpu == null ? null : new LoadGenerator(host, cpu);
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
        WorkloadSpec.Visits visits = visits(f, closed);
        if (closed) {
            return new WorkloadSpec.Closed(f.integer("users", 1, 1, 10_000_000),
                    f.distribution("think", new Exponential(5e9)));
        }
        if (f.has("rate")) {
            if (f.has("profile")) {
                f.problem("profile", "give either 'rate' or 'profile', not both");
            }
            return new WorkloadSpec.Open(List.of(new WorkloadSpec.RatePoint(0, f.rate("rate", 0))), visits);
        }
        List<WorkloadSpec.RatePoint> points = new ArrayList<>();
        YNode raw = f.raw("profile");
        if (!(raw instanceof YNode.Sequence seq) || seq.items().isEmpty()) {
            f.problem("profile", "expected a list of points such as '- {at: 0s, rate: 10/s}'");
            return new WorkloadSpec.Open(List.of(new WorkloadSpec.RatePoint(0, 0)), visits);
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
        return new WorkloadSpec.Open(points, visits);
    }

    /**
     * {@code visits: {page_views: 4, think: 30s}} for an open workload (null when absent): its
     * visitors' page views per visit and think time between them. Refused with a closed workload,
     * whose users already think between page views.
     */
    private static WorkloadSpec.Visits visits(Fields f, boolean closed) {
        if (!f.has("visits")) {
            return null;
        }
        if (closed) {
            f.problem("visits", "a closed workload's users already think between page views ('think'): remove"
                    + " visits, or give an open workload ('rate' or 'profile') made of visits");
            return null;
        }
        Fields v = Fields.of(f.raw("visits"), f.child("visits"), f.problems(), f.baseDir());
        if (v == null) {
            return null;
        }
        int pages = v.integer("page_views", 4, 1, 100_000); // A.1: an estimate
        Distribution think = v.distribution("think", new Exponential(30e9)); // A.1: an estimate
        v.finish();
        return new WorkloadSpec.Visits(pages, think);
    }
}
