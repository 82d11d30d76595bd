package io.stagesim.assembly;

import io.stagesim.model.DelayStation;
import io.stagesim.model.Pool;
import io.stagesim.model.PsHost;
import io.stagesim.model.Simulation;
import io.stagesim.nodes.AppServerNode;
import io.stagesim.nodes.Browsers;
import io.stagesim.nodes.CacheNode;
import io.stagesim.nodes.CallSite;
import io.stagesim.nodes.ClassStats;
import io.stagesim.nodes.DatabaseNode;
import io.stagesim.nodes.Link;
import io.stagesim.nodes.LoadBalancerNode;
import io.stagesim.nodes.Node;
import io.stagesim.nodes.ObjectStorageNode;
import io.stagesim.nodes.ProxyNode;
import io.stagesim.nodes.TaskQueueNode;
import io.stagesim.nodes.ViewPlan;
import io.stagesim.random.Constant;
import io.stagesim.random.Distribution;
import io.stagesim.random.Exponential;
import io.stagesim.random.Sampler;
import io.stagesim.random.StreamFactory;
import io.stagesim.scenario.CallSpec;
import io.stagesim.scenario.HostSpec;
import io.stagesim.scenario.RequestSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ServiceSpec;
import io.stagesim.scenario.ViewSpec;
import io.stagesim.scenario.WorkloadSpec;
import io.stagesim.stats.CountRecorder;
import io.stagesim.stats.LatencyRecorder;
import io.stagesim.workload.ClosedPopulation;
import io.stagesim.workload.OpenSource;
import io.stagesim.workload.RateProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated {@link Scenario} into a {@link WebModel} for one replication: a CPU per host,
 * the web components on it, the links between them (round-trip time by placement), view plans for
 * every app server and request class, and the browsers with their workload. Every random stream is
 * named after the element and purpose it serves, so changing one service never changes another's
 * numbers.
 */
public final class ModelBuilder {

    /** Default CPU of a database query when a call does not give one: 0.1 ms, exponential (A.7). */
    static final Distribution DEFAULT_QUERY = new Exponential(100_000);
    /** Default CPU of a cache GET or SET: 20 µs (A.8). */
    static final Distribution DEFAULT_CACHE_OP = new Constant(20_000);
    /** Connection set-up CPU in the caller for services without their own setting: 4.1 ms (A.7). */
    static final Distribution DEFAULT_CONNECT = new Constant(4_100_000);

    private final Scenario s;
    private final WebModel m;
    private final StreamFactory streams;
    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<String, PsHost> viewCpu = new HashMap<>();
    private final Map<String, Integer> classIndex = new HashMap<>();
    private final Map<String, List<PsHost>> cpusOfHost = new HashMap<>();
    private final Map<String, io.stagesim.nodes.HostState> hostStates = new HashMap<>();
    private final Map<String, List<DatabaseNode>> databasesOfHost = new HashMap<>();
    private final List<Object[]> links = new ArrayList<>(); // {fromHost, toHost, Link}

    private ModelBuilder(Scenario s, long seed, int replication) {
        this.s = s;
        Simulation sim = new Simulation(seed, replication, s.run().window(), Simulation.DEFAULT_MAX_WINDOWS);
        this.m = new WebModel(s, sim);
        this.streams = sim.streams();
        int i = 0;
        for (String name : s.requests().keySet()) {
            classIndex.put(name, i++);
        }
    }

    /** Builds replication {@code replication} of {@code scenario} with master seed {@code seed}. */
    public static WebModel build(Scenario scenario, long seed, int replication) {
        ModelBuilder b = new ModelBuilder(scenario, seed, replication);
        b.hosts();
        b.services();
        b.routing();
        b.views();
        b.browsers();
        b.limits();
        for (ServiceSpec sp : scenario.services().values()) {
            Node n = b.nodes.get(sp.name());
            if (n != null) {
                b.m.nodes.put(sp.name(), n);
                if (n instanceof TaskQueueNode q) {
                    b.m.nodes.put(q.worker().name(), q.worker());
                }
            }
            if (sp.host() != null && n != null) {
                n.onHost(b.hostStates.get(sp.host()));
                if (n instanceof TaskQueueNode q) {
                    q.worker().onHost(b.hostStates.get(sp.host()));
                }
                if (n instanceof DatabaseNode d) {
                    b.databasesOfHost.computeIfAbsent(sp.host(), k -> new ArrayList<>()).add(d);
                }
            }
        }
        FaultInjector faults = new FaultInjector(b.m, b.m.faults, b.cpusOfHost, b.links, b.hostStates,
                b.databasesOfHost, b.nodes);
        faults.schedule();
        Autoscaler.scheduleAll(b.m, b.nodes); // before deploys, which restart autoscaled instances through it
        Deployer.scheduleAll(b.m, b.nodes);
        return b.m;
    }

    private Sampler sampler(Distribution d, String stream) {
        return d.sampler(streams.stream(stream));
    }

    private Simulation sim() {
        return m.sim;
    }

    private void hosts() {
        for (HostSpec h : s.hosts().values()) {
            PsHost cpu = new PsHost(sim(), h.name(), h.cores());
            cpu.setSpeed(h.speed());
            m.hostCpus.put(h.name(), cpu);
            cpusOfHost.computeIfAbsent(h.name(), k -> new ArrayList<>()).add(cpu);
            hostStates.put(h.name(), new io.stagesim.nodes.HostState(h.name()));
        }
    }

    private void services() {
        for (ServiceSpec spec : s.services().values()) {
            String n = spec.name();
            PsHost hostCpu = spec.host() == null ? null : m.hostCpus.get(spec.host());
            if (spec instanceof ServiceSpec.DevServer d) {
                PsHost gil = new PsHost(sim(), n + "/gil", 1);
                gil.setSpeed(s.hosts().get(d.host()).speed());
                cpusOfHost.computeIfAbsent(d.host(), k -> new ArrayList<>()).add(gil);
                m.stations.add(new WebModel.LabelledStation(n, "Python on one core (GIL)", gil));
                Pool slots = null;
                if (!d.threading()) {
                    slots = new Pool(sim(), n + "/serial", 1);
                    m.pools.add(new WebModel.LabelledPool(n, "one request at a time (--nothreading)", slots));
                }
                nodes.put(n, new AppServerNode(n, gil, slots, m.network, sampler(d.staticCpu(), n + "/static"),
                        sampler(d.overhead(), n + "/overhead")));
                viewCpu.put(n, gil);
            } else if (spec instanceof ServiceSpec.AppServer a) {
                Pool slots = new Pool(sim(), n + "/workers", a.workers() * a.threads(), false, Pool.NO_LIMIT,
                        a.backlog());
                m.pools.add(new WebModel.LabelledPool(n, a.workers() + " workers × " + a.threads()
                        + " threads (backlog " + a.backlog() + ")", slots));
                AppServerNode app = new AppServerNode(n, hostCpu, slots, m.network,
                        sampler(a.staticCpu(), n + "/static"), null);
                app.workerTimeout(sim().engine(), m.requests, a.timeout(), a.bootTime(), m.counter(n, "worker_kills"));
                nodes.put(n, app);
                viewCpu.put(n, hostCpu);
            } else if (spec instanceof ServiceSpec.Proxy p) {
                Pool conns = new Pool(sim(), n + "/connections", p.workers() * p.workerConnections(), true,
                        Pool.NO_LIMIT, -1);
                m.pools.add(new WebModel.LabelledPool(n, "connections (" + p.workers() + " × "
                        + p.workerConnections() + ")", conns));
                ProxyNode proxy = new ProxyNode(n, hostCpu, conns, sampler(p.cpu(), n + "/cpu"), p.serveStatic(),
                        sampler(p.staticCpu(), n + "/static"), p.staticCpuPerKb(),
                        sampler(p.tlsHandshakeCpu(), n + "/tls"), p.newConnectionShare(), p.gzipCpuPerKb(),
                        p.htmlSize(), streams.stream(n + "/new-connections"));
                proxy.readTimeout(m.requests, p.readTimeout());
                nodes.put(n, proxy);
            } else if (spec instanceof ServiceSpec.LoadBalancer l) {
                Pool conns = null;
                if (hostCpu != null) {
                    conns = new Pool(sim(), n + "/connections", l.workerConnections(), true, Pool.NO_LIMIT, -1);
                    m.pools.add(new WebModel.LabelledPool(n, "connections", conns));
                }
                nodes.put(n, new LoadBalancerNode(n, hostCpu, conns, sampler(l.cpu(), n + "/cpu"), m.network,
                        l.managedLatency(), LoadBalancerNode.Policy.valueOf(l.policy().toUpperCase(java.util.Locale.ROOT)),
                        streams.stream(n + "/choice")));
            } else if (spec instanceof ServiceSpec.Database d) {
                DelayStation disk = new DelayStation(sim(), n + "/disk");
                m.stations.add(new WebModel.LabelledStation(n, "disk", disk));
                Pool conns = null;
                Pool lock = null;
                if ("postgres".equals(d.engine())) {
                    conns = new Pool(sim(), n + "/connections", d.maxConnections() - d.reservedConnections(), true,
                            Pool.NO_LIMIT, -1);
                    m.pools.add(new WebModel.LabelledPool(n, "connections (max_connections "
                            + d.maxConnections() + " − " + d.reservedConnections() + " reserved)", conns));
                } else {
                    lock = new Pool(sim(), n + "/write-lock", 1, false, d.lockTimeout(), -1);
                    m.pools.add(new WebModel.LabelledPool(n, "write lock (one writer at a time)", lock));
                }
                DatabaseNode db = new DatabaseNode(n, hostCpu, conns, lock, disk, sampler(d.commitTime(), n + "/commit"));
                if (d.backupInterval() > 0) {
                    db.backups(sim().engine(), d.backupInterval());
                }
                nodes.put(n, db);
            } else if (spec instanceof ServiceSpec.Cache c) {
                Pool threads = new Pool(sim(), n + "/threads", c.threads());
                m.pools.add(new WebModel.LabelledPool(n, c.threads() + " command thread(s)", threads));
                CacheNode cache = new CacheNode(n, hostCpu, threads);
                if (s.faults().stream().anyMatch(f -> f.type().equals("cache_flush") && f.target().equals(n))) {
                    cache.countRefills(m.counter(n, "cache_refills"));
                }
                nodes.put(n, cache);
            } else if (spec instanceof ServiceSpec.TaskQueue t) {
                Pool workers = new Pool(sim(), n + "/workers", t.concurrency());
                m.pools.add(new WebModel.LabelledPool(n, t.concurrency() + " worker processes", workers));
                WebModel.TaskStats ts = new WebModel.TaskStats(n, new CountRecorder(sim().windows()),
                        new CountRecorder(sim().windows()), new CountRecorder(sim().windows()),
                        new LatencyRecorder(sim().windows()));
                m.tasks.add(ts);
                nodes.put(n, new TaskQueueNode(n, sim().engine(), hostCpu, workers, sampler(t.brokerCpu(), n + "/broker"),
                        sampler(t.taskOverhead(), n + "/overhead"), m.requests, ts.enqueued(), ts.completed(),
                        ts.failed(), ts.latency()));
                viewCpu.put(n, hostCpu);
            } else if (spec instanceof ServiceSpec.ObjectStorage o) {
                DelayStation transfers = new DelayStation(sim(), n + "/transfers");
                m.stations.add(new WebModel.LabelledStation(n, "transfers in progress", transfers));
                nodes.put(n, new ObjectStorageNode(n, sim().engine(), transfers, sampler(o.firstByte(), n + "/first-byte"),
                        o.bandwidth(), o.getLimit(), o.putLimit()));
            }
        }
        m.stations.add(new WebModel.LabelledStation("network", "messages in flight", m.network));
    }

    /** A link from a service on {@code fromHost} to the service {@code to}, by placement. */
    private Link link(String fromHost, String to) {
        ServiceSpec target = s.services().get(to);
        long rtt;
        if (target instanceof ServiceSpec.Database d && "sqlite".equals(d.engine()) && d.host().equals(fromHost)) {
            rtt = 0; // SQLite runs inside the app process
        } else if (target.host() != null && target.host().equals(fromHost)) {
            rtt = s.network().sameHostRtt();
        } else {
            rtt = s.network().datacenterRtt();
        }
        Link link = new Link(m.network, nodes.get(to), rtt);
        links.add(new Object[] {fromHost, target.host(), link});
        return link;
    }

    private void routing() {
        for (ServiceSpec spec : s.services().values()) {
            if (spec instanceof ServiceSpec.Proxy p) {
                Link[] links = new Link[p.upstreams().size()];
                for (int i = 0; i < links.length; i++) {
                    links[i] = link(p.host(), p.upstreams().get(i));
                }
                int[] route = new int[s.requests().size()];
                int c = 0;
                for (RequestSpec r : s.requests().values()) {
                    int idx = r.app() == null ? -1 : p.upstreams().indexOf(r.app());
                    route[c++] = Math.max(0, idx);
                }
                ((ProxyNode) nodes.get(p.name())).upstreams(links, route);
            } else if (spec instanceof ServiceSpec.LoadBalancer l) {
                Link[] links = new Link[l.backends().size()];
                for (int i = 0; i < links.length; i++) {
                    links[i] = link(l.host(), l.backends().get(i));
                }
                LoadBalancerNode lb = (LoadBalancerNode) nodes.get(l.name());
                lb.backends(links);
                lb.health(sim().engine(), l.failTimeout(), l.healthInterval(), l.unhealthyThreshold(),
                        l.healthyThreshold(), l.readTimeout(), l.healthTimeout(), m.requests);
                lb.passive(l.healthStates(), l.host() == null ? null : m.counter(l.name(), "passive_retries"));
            }
        }
    }

    private void views() {
        for (ServiceSpec spec : s.services().values()) {
            if (spec instanceof ServiceSpec.AppServer || spec instanceof ServiceSpec.DevServer) {
                AppServerNode app = (AppServerNode) nodes.get(spec.name());
                ViewPlan[] plans = new ViewPlan[s.requests().size()];
                int c = 0;
                for (RequestSpec r : s.requests().values()) {
                    plans[c++] = plan(r.view(), spec, app, spec.name() + "/" + r.name());
                }
                app.plans(plans);
            }
        }
    }

    private ViewPlan plan(ViewSpec view, ServiceSpec caller, Node callerNode, String path) {
        List<CallSite> sites = new ArrayList<>();
        for (int i = 0; i < view.calls().size(); i++) {
            sites.add(site(view.calls().get(i), caller, callerNode, path + "/call" + i));
        }
        return new ViewPlan(sampler(view.cpu(), path + "/cpu"), sites.toArray(new CallSite[0]));
    }

    private CallSite site(CallSpec c, ServiceSpec caller, Node callerNode, String path) {
        CallSite site = bareSite(c, caller, callerNode, path);
        if (c.timesMax() != c.times()) {
            site.randomTimes(c.timesMax(), streams.stream(path + "/times"));
        }
        return site;
    }

    private CallSite bareSite(CallSpec c, ServiceSpec caller, Node callerNode, String path) {
        ServiceSpec target = s.services().get(c.service());
        Link link = link(caller.host(), c.service());
        PsHost callerCpu = viewCpu.get(caller.name());
        if (target instanceof ServiceSpec.Database d) {
            CallSite site = new CallSite(path, CallSite.Kind.DATABASE, link, c.times(),
                    sampler(c.cpu() == null ? DEFAULT_QUERY : c.cpu(), path + "/cpu"),
                    c.io() == null ? null : sampler(c.io(), path + "/io"), c.write(), 0, 0, 0, null, null, callerCpu,
                    null, null);
            DatabaseNode db = (DatabaseNode) nodes.get(d.name());
            if (db.connections() != null) {
                CallSite atDb = new CallSite(path + "/connect", CallSite.Kind.DATABASE, link, 1,
                        sampler(d.connectCpu(), path + "/connect-db"), null, false, 0, 0, 0, null, null, callerCpu,
                        null, null);
                boolean persistent = caller instanceof ServiceSpec.AppServer a && a.persistentDbConnections();
                Distribution connect = caller instanceof ServiceSpec.AppServer a ? a.dbConnectCpu() : DEFAULT_CONNECT;
                site.connection(db, persistent, sampler(connect, path + "/connect-app"), atDb);
            }
            return site;
        }
        if (target instanceof ServiceSpec.Cache) {
            CallSite[] miss = new CallSite[c.onMiss().size()];
            for (int i = 0; i < miss.length; i++) {
                miss[i] = site(c.onMiss().get(i), caller, callerNode, path + "/miss" + i);
            }
            return new CallSite(path, CallSite.Kind.CACHE, link, c.times(),
                    sampler(c.cpu() == null ? DEFAULT_CACHE_OP : c.cpu(), path + "/cpu"), null, false, 0, 0,
                    c.hitRatio(), miss, streams.stream(path + "/hits"), callerCpu, null, null);
        }
        if (target instanceof ServiceSpec.ObjectStorage) {
            return new CallSite(path, CallSite.Kind.STORAGE, link, c.times(), null, null, false, c.download(),
                    c.upload(), 0, null, null, callerCpu, null, null);
        }
        ServiceSpec.TaskQueue t = (ServiceSpec.TaskQueue) target;
        TaskQueueNode q = (TaskQueueNode) nodes.get(t.name());
        ViewPlan task = plan(c.task(), t, q, path + "/task");
        return new CallSite(path, CallSite.Kind.TASK, link, c.times(), null, null, false, 0, 0, 0, null, null,
                callerCpu, sampler(t.enqueueCpu(), path + "/enqueue"), task);
    }

    /**
     * The run's model-bound limits: events in the engine, and requests in flight, checked at each
     * request taken (where the limit can be crossed). The wall clock is the runner's.
     */
    private void limits() {
        io.stagesim.scenario.RunSpec run = s.run();
        if (run.maxEvents() != Long.MAX_VALUE) {
            sim().engine().setEventLimit(run.maxEvents());
        }
        m.requests.limit(run.maxInFlight(), () -> m.stop(String.format(java.util.Locale.ROOT,
                "unstable: more than %d requests in flight at %.3g s of simulated time: more is offered than the "
                + "model can serve", run.maxInFlight(), sim().now() / 1e9)));
    }

    private void browsers() {
        ServiceSpec.Browser b = s.browser();
        int n = s.requests().size();
        double[] shares = new double[n];
        int[] assets = new int[n];
        long[] sizes = new long[n];
        ClassStats[] stats = new ClassStats[n];
        int c = 0;
        for (RequestSpec r : s.requests().values()) {
            shares[c] = r.share();
            assets[c] = r.assets();
            sizes[c] = r.assetSize();
            stats[c] = new ClassStats(r.name(), sim().windows());
            c++;
        }
        Node front = nodes.get(b.target());
        Link html = new Link(m.network, front, 2 * b.rtt()); // a new TCP connection: one more round trip
        Link assetLink = b.staticFrom() == null ? new Link(m.network, front, b.rtt())
                : new Link(m.network, nodes.get(b.staticFrom()), b.rtt());
        m.classStats = stats;
        m.browsers = new Browsers(sim().engine(), m.requests, html, assetLink, b.timeout(), b.connectionsPerHost(),
                shares, assets, sizes, stats, streams.stream(b.name() + "/class"));
        m.clientRetries(b, RequestSpec.idempotent(s.requests().values()));
        if (b.workload() instanceof WorkloadSpec.Open o) {
            long[] times = new long[o.profile().size()];
            double[] rates = new double[times.length];
            for (int i = 0; i < times.length; i++) {
                times[i] = o.profile().get(i).at();
                rates[i] = o.profile().get(i).rate();
            }
            new OpenSource(sim().engine(), FaultInjector.spiked(RateProfile.of(times, rates), m.faults),
                    streams.stream(b.name() + "/arrivals"), m.browsers).start();
        } else {
            WorkloadSpec.Closed cl = (WorkloadSpec.Closed) b.workload();
            ClosedPopulation pop = new ClosedPopulation(sim().engine(), cl.users(),
                    sampler(cl.think(), b.name() + "/think"), m.browsers::startUser);
            m.browsers.population(pop);
            pop.start();
        }
    }
}
