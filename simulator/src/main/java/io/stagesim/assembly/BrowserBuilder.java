package io.stagesim.assembly;

import io.stagesim.nodes.BrowserCache;
import io.stagesim.nodes.Browsers;
import io.stagesim.nodes.ClassStats;
import io.stagesim.nodes.ClientConnections;
import io.stagesim.nodes.DirectUploads;
import io.stagesim.nodes.Link;
import io.stagesim.nodes.Node;
import io.stagesim.scenario.BrowserSpec;
import io.stagesim.scenario.CdnSpec;
import io.stagesim.scenario.ClientFront;
import io.stagesim.scenario.RequestSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.TlsSpec;
import io.stagesim.scenario.WorkloadSpec;
import io.stagesim.stats.CountRecorder;
import io.stagesim.workload.ClosedPopulation;
import io.stagesim.workload.OpenSource;
import io.stagesim.workload.RateProfile;
import io.stagesim.workload.Visits;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The browsers: no node of their own, but where page views begin, with their links to the target
 * (a request that opens a connection pays its handshakes' round trips, {@link ClientConnections}),
 * their per-class counters, their
 * retries, and the workload that starts them (open arrivals, or a closed population), begun by
 * {@link WebModel#start()} once operations are attached (a traffic spike reshapes the arrivals).
 */
final class BrowserBuilder implements ServiceBuilder {

    private final BrowserSpec spec;
    private final ModelBuilder b;

    BrowserBuilder(BrowserSpec spec, ModelBuilder b) {
        this.spec = spec;
        this.b = b;
    }

    @Override
    public Node create() {
        return null;
    }

    @Override
    public void start() {
        Scenario s = b.scenario();
        WebModel m = b.model();
        int n = s.requests().size();
        double[] shares = new double[n];
        int[] assets = new int[n];
        long[] sizes = new long[n];
        long[] responses = new long[n];
        long[] bodies = new long[n];
        ClassStats[] stats = new ClassStats[n];
        int c = 0;
        for (RequestSpec r : s.requests().values()) {
            shares[c] = r.share();
            assets[c] = r.assets();
            sizes[c] = r.assetSize();
            responses[c] = r.responseSize();
            bodies[c] = r.requestSize();
            stats[c] = new ClassStats(r.name(), b.sim().windows());
            c++;
        }
        Node front = b.node(spec.target());
        Link html = new Link(m.network, front, spec.rtt());
        html.perClient(); // one round trip, more for a request that opens a connection
        b.count(html, spec.name(), spec.target());
        ClientFront cf = s.services().get(spec.target()).clientFront();
        TlsSpec tls = cf.tls();
        String assetsFrom = spec.staticFrom() == null ? spec.target() : spec.staticFrom();
        Link assetLink;
        if (s.services().get(assetsFrom) instanceof CdnSpec cdn) { // the edge's round trip, not the origin's
            assetLink = new Link(m.network, b.node(assetsFrom), cdn.edgeRtt());
            assetLink.countTrips(); // more than one on a new connection
        } else {
            assetLink = new Link(m.network, b.node(assetsFrom), spec.rtt());
            assetLink.perClient();
        }
        b.count(assetLink, spec.name(), assetsFrom); // the same edge as the HTML's when the front serves them
        b.transfers(html, null, s.services().get(spec.target()).host(), true);
        b.transfers(assetLink, null, s.services().get(assetsFrom).host(), true);
        m.classStats = stats;
        m.browsers = new Browsers(b.sim().engine(), m.requests, html, assetLink, spec.timeout(),
                spec.connectionsPerHost(), shares, assets, sizes, stats, b.stream(spec.name() + "/class"));
        m.browsers.sizes(responses, bodies);
        Map<String, ClientConnections> origins = new LinkedHashMap<>();
        double resumption = tls == null ? 0 : tls.resumption(); // returning visitors, whatever the origin
        origins.put(spec.target(), connections(s, spec.target(), 0, resumption, m.counter(spec.name(), "connections_opened")));
        origin(s, origins, assetsFrom, resumption);
        for (RequestSpec r : s.requests().values()) {
            if (r.directUpload() != null) {
                origin(s, origins, r.directUpload().storage(), resumption);
            }
        }
        m.browsers.origins(origins.values().toArray(new ClientConnections[0]), origins.get(assetsFrom));
        int k = spec.clients().size();
        double[] clientShares = new double[k];
        double[] down = new double[k];
        double[] up = new double[k];
        long[] rtts = new long[k];
        for (int i = 0; i < k; i++) {
            BrowserSpec.Client cl = spec.clients().get(i);
            clientShares[i] = cl.share();
            down[i] = cl.downlink();
            up[i] = cl.uplink();
            rtts[i] = cl.rtt();
        }
        m.browsers.clients(clientShares, down, up, rtts, b.stream(spec.name() + "/client"));
        m.clientRetries(spec, RequestSpec.idempotent(s.requests().values()));
        if (spec.loadGenerator() != null) {
            m.browsers.loadGenerator(m.hostCpus.get(spec.loadGenerator().host()),
                    b.sampler(spec.loadGenerator().cpuPerRequest(), spec.name() + "/load-generator"));
        }
        Link[] uploadLinks = new Link[n];
        ClientConnections[] uploadOrigins = new ClientConnections[n];
        long[] uploadSizes = new long[n];
        boolean anyUpload = false;
        c = 0;
        for (RequestSpec r : s.requests().values()) {
            if (r.directUpload() != null) {
                uploadLinks[c] = new Link(m.network, b.node(r.directUpload().storage()), spec.rtt());
                uploadLinks[c].perClient(); // the client's own round trips: more on a new connection
                uploadOrigins[c] = origins.get(r.directUpload().storage());
                b.count(uploadLinks[c], spec.name(), r.directUpload().storage());
                uploadSizes[c] = r.directUpload().size();
                anyUpload = true;
            }
            c++;
        }
        if (anyUpload) {
            m.browsers.directUploads(new DirectUploads(uploadLinks, uploadSizes, uploadOrigins));
        }
        if (spec.cache() != null) {
            m.browsers.cache(new BrowserCache(spec.cache().repeatVisits(), spec.cache().fresh(),
                    spec.cache().revalidated(), n, b.stream(spec.name() + "/cache"),
                    m.counter(spec.name(), "assets_fresh"), m.counter(spec.name(), "assets_revalidated")));
        }
        if (spec.workload() instanceof WorkloadSpec.Open o) {
            long[] times = new long[o.profile().size()];
            double[] rates = new double[times.length];
            for (int i = 0; i < times.length; i++) {
                times[i] = o.profile().get(i).at();
                rates[i] = o.profile().get(i).rate();
            }
            if (o.visits() == null) {
                m.arrivals = new OpenSource(b.sim().engine(), RateProfile.of(times, rates),
                        b.stream(spec.name() + "/arrivals"), m.browsers);
            } else { // visits arrive at the page views' rate over the page views each makes
                for (int i = 0; i < rates.length; i++) {
                    rates[i] /= o.visits().pageViews();
                }
                Visits visits = new Visits(b.sim().engine(), o.visits().pageViews(),
                        b.sampler(o.visits().think(), spec.name() + "/think"), m.browsers::startVisit);
                m.browsers.population(visits, 0);
                m.arrivals = new OpenSource(b.sim().engine(), RateProfile.of(times, rates),
                        b.stream(spec.name() + "/arrivals"), visits);
            }
        } else {
            WorkloadSpec.Closed cl = (WorkloadSpec.Closed) spec.workload();
            ClosedPopulation pop = new ClosedPopulation(b.sim().engine(), cl.users(),
                    b.sampler(cl.think(), spec.name() + "/think"), m.browsers::startUser);
            m.browsers.population(pop, cl.users());
            m.population = pop;
        }
    }

    /** Adds the browsers' connections to origin {@code name} unless it has them already. */
    private void origin(Scenario s, Map<String, ClientConnections> origins, String name, double resumption) {
        if (!origins.containsKey(name)) {
            origins.put(name, connections(s, name, origins.size(), resumption,
                    b.model().counter(name, "browser_connections_opened")));
        }
    }

    /**
     * The browsers' connections to service {@code name}, origin number {@code index}: as its client side
     * says (TLS, HTTP/2, keep-alive and for how long), reused by the share {@code connection_reuse} when
     * given, else worked out per visitor for a closed workload or visits (NaN), else never (0).
     */
    private ClientConnections connections(Scenario s, String name, int index, double resumption, CountRecorder opened) {
        ClientFront cf = s.services().get(name).clientFront();
        TlsSpec tls = cf.tls();
        WorkloadSpec w = spec.workload();
        double reuse = spec.connectionReuse() != null ? spec.connectionReuse()
                : w instanceof WorkloadSpec.Closed || (w instanceof WorkloadSpec.Open o && o.visits() != null)
                ? Double.NaN : 0;
        return new ClientConnections(index, spec.connectionsPerHost(), cf.keepAlive(), cf.keepAliveTimeout(),
                cf.http2(), tls != null, tls == null ? 0 : tls.fullRoundTrips(), tls == null ? 0 : tls.resumedRoundTrips(),
                reuse, resumption, s.services().get(name).host() != null, opened);
    }
}
