package io.stagesim.assembly;

import io.stagesim.model.CpuCredits;
import io.stagesim.model.PsHost;
import io.stagesim.model.Simulation;
import io.stagesim.nodes.CallSite;
import io.stagesim.nodes.DatabaseNode;
import io.stagesim.nodes.HostState;
import io.stagesim.nodes.Link;
import io.stagesim.nodes.Node;
import io.stagesim.nodes.Transfer;
import io.stagesim.nodes.ViewPlan;
import io.stagesim.random.Distribution;
import io.stagesim.random.RandomStream;
import io.stagesim.random.Sampler;
import io.stagesim.random.StreamFactory;
import io.stagesim.scenario.CallSpec;
import io.stagesim.scenario.Burstable;
import io.stagesim.scenario.HostSpec;
import io.stagesim.scenario.RequestSpec;
import io.stagesim.scenario.RunSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ServiceSpec;
import io.stagesim.scenario.ViewSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a validated {@link Scenario} into a {@link WebModel} for one replication: a CPU per host,
 * then every service by the builder of its kind ({@link ServiceBuilder}), the links between them
 * (round-trip time by placement), view plans for every service that runs views and request class,
 * and the browsers with their workload. Every random stream is named after the element and purpose
 * it serves, so changing one service never changes another's numbers.
 */
public final class ModelBuilder {

    private final Scenario s;
    private final WebModel m;
    private final StreamFactory streams;
    private final Map<String, ServiceBuilder> builders = new LinkedHashMap<>();
    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<String, List<PsHost>> cpusOfHost = new HashMap<>();
    private final Map<String, HostState> hostStates = new HashMap<>();
    private final Map<String, List<DatabaseNode>> databasesOfHost = new HashMap<>();
    private final List<HostLink> links = new ArrayList<>();
    private final Map<String, PsHost> nics = new LinkedHashMap<>();

    private ModelBuilder(Scenario s, long seed, int replication) {
        this.s = s;
        Simulation sim = new Simulation(seed, replication, s.run().window(), Simulation.DEFAULT_MAX_WINDOWS);
        this.m = new WebModel(s, sim);
        this.streams = sim.streams();
    }

    /**
     * Builds replication {@code replication} of {@code scenario} with master seed {@code seed}, its
     * workload not started: run-time operations are attached to it first, then {@link WebModel#start()}.
     */
    public static WebModel build(Scenario scenario, long seed, int replication) {
        ModelBuilder b = new ModelBuilder(scenario, seed, replication);
        b.hosts();
        for (ServiceSpec sp : scenario.services().values()) {
            ServiceBuilder builder = ServiceBuilder.of(sp, b);
            b.builders.put(sp.name(), builder);
            Node n = builder.create();
            if (n != null) {
                b.nodes.put(sp.name(), n);
                b.m.nodes.put(sp.name(), n);
            }
        }
        b.m.stations.add(new WebModel.LabelledStation("network", "messages in flight", b.m.network));
        b.nics.forEach((h, nic) -> b.m.stations.add(new WebModel.LabelledStation(h, "network interface ("
                + io.stagesim.scenario.Units.formatBandwidth(b.s.hosts().get(h).bandwidth()) + ", transfers)", nic)));
        b.builders.values().forEach(ServiceBuilder::connect);
        b.builders.values().forEach(ServiceBuilder::plan);
        b.builders.values().forEach(ServiceBuilder::start);
        b.limits();
        for (ServiceSpec sp : scenario.services().values()) {
            Node n = b.nodes.get(sp.name());
            if (sp.host() != null && n != null) {
                n.onHost(b.hostStates.get(sp.host()));
                n.accountCpu(b.m.counter(sp.name(), Node.CPU_US));
            }
        }
        b.m.placement = new Placement(b.nodes, b.cpusOfHost, b.hostStates, b.databasesOfHost, b.links);
        return b.m;
    }

    /** The scenario being built. */
    Scenario scenario() {
        return s;
    }

    /** The model being built. */
    WebModel model() {
        return m;
    }

    /** The simulation it runs in. */
    Simulation sim() {
        return m.sim;
    }

    /** The random stream named {@code name}. */
    RandomStream stream(String name) {
        return streams.stream(name);
    }

    /** Draws from {@code d} with the stream named {@code stream}. */
    Sampler sampler(Distribution d, String stream) {
        return d.sampler(streams.stream(stream));
    }

    /** The CPU of {@code spec}'s host, or null when it runs on none of ours. */
    PsHost hostCpu(ServiceSpec spec) {
        return spec.host() == null ? null : m.hostCpus.get(spec.host());
    }

    /** The host named {@code name}. */
    HostSpec host(String name) {
        return s.hosts().get(name);
    }

    /** Whether host {@code name} is up, shared by everything on it. */
    HostState hostState(String name) {
        return hostStates.get(name);
    }

    /** Counts {@code cpu} among the CPUs of host {@code name} (a noisy neighbour or a hang slows them all). */
    void addCpu(String host, PsHost cpu) {
        cpusOfHost.computeIfAbsent(host, k -> new ArrayList<>()).add(cpu);
    }

    /** Counts {@code db} among the databases on host {@code name} (a crash loses their writes). */
    void addDatabase(String host, DatabaseNode db) {
        databasesOfHost.computeIfAbsent(host, k -> new ArrayList<>()).add(db);
    }

    /** The builder of service {@code name}. */
    ServiceBuilder builder(String name) {
        return builders.get(name);
    }

    /** The node of service {@code name}. */
    Node node(String name) {
        return nodes.get(name);
    }

    private void hosts() {
        for (HostSpec h : s.hosts().values()) {
            PsHost cpu = new PsHost(sim(), h.name(), h.cores());
            cpu.setSpeed(h.speed());
            cpu.setDemandScale(h.demandScale());
            Burstable c = h.burstable();
            if (c != null) {
                cpu.setCredits(new CpuCredits(sim(), h.cores(), c.baseline(), c.credits(), c.maxCredits(),
                        c.unlimited(), m.level(h.name(), Burstable.LEVEL)));
            }
            m.hostCpus.put(h.name(), cpu);
            // a network interface: one processor-sharing server whose work is a transfer's time alone
            nics.put(h.name(), new PsHost(sim(), h.name() + "/nic", 1));
            addCpu(h.name(), cpu);
            hostStates.put(h.name(), new HostState(h.name()));
        }
    }

    /**
     * A link from service {@code from} to the service {@code to}, its round trip by placement, its
     * calls counted on the edge {@code from} → {@code to}.
     */
    Link link(ServiceSpec from, String to) {
        Link link = link(from.host(), to);
        count(link, from.name(), to);
        return link;
    }

    /** Counts the calls sent over {@code link} on the edge {@code from} → {@code to}. */
    void count(Link link, String from, String to) {
        link.countCalls(m.calls(), m.edge(from, to));
    }

    /** A link from a service on {@code fromHost} to the service {@code to}, its round trip by placement. */
    private Link link(String fromHost, String to) {
        ServiceSpec target = s.services().get(to);
        long rtt;
        if (target.embeddedIn(fromHost)) {
            rtt = 0;
        } else if (target.host() != null && target.host().equals(fromHost)) {
            rtt = s.network().sameHostRtt();
        } else {
            rtt = s.network().datacenterRtt();
        }
        Link link = new Link(m.network, nodes.get(to), rtt);
        link.connectTimeout(s.network().synTimeout()); // a client with no connect timeout of its own
        links.add(new HostLink(fromHost, target.host(), link));
        return link;
    }

    /**
     * What bytes crossing {@code link} cost: a response sent back by the service on {@code toHost}
     * (through that host's interface when the caller is on another one) and a request's body sent by
     * the caller on {@code fromHost} (likewise); {@code toClient} when the client's last mile is paid
     * on this hop (a browser's hop, or one behind something that does not buffer). Null host: not ours.
     */
    void transfers(Link link, String fromHost, String toHost, boolean toClient) {
        transfers(link, fromHost, toHost, toClient, toClient);
    }

    /** {@link #transfers(Link, String, String, boolean)}, the client's last mile paid here for responses, bodies. */
    void transfers(Link link, String fromHost, String toHost, boolean responseToClient, boolean bodyToClient) {
        boolean apart = !java.util.Objects.equals(fromHost, toHost);
        PsHost out = apart && toHost != null ? nics.get(toHost) : null;
        PsHost in = apart && fromHost != null ? nics.get(fromHost) : null;
        String n = link.name();
        link.transfers(out == null && !responseToClient ? null : new Transfer(n + "/response", out,
                        out == null ? 1 : s.hosts().get(toHost).bandwidth(), responseToClient, false, m.network,
                        toHost == null ? 0 : s.hosts().get(toHost).sendBuffer()),
                in == null && !bodyToClient ? null : new Transfer(n + "/body", in,
                        in == null ? 1 : s.hosts().get(fromHost).bandwidth(), bodyToClient, true, m.network));
    }

    /** The plans of {@code caller}'s views, one per request class, named under the service. */
    ViewPlan[] plans(ServiceBuilder.Caller caller) {
        ViewPlan[] plans = new ViewPlan[s.requests().size()];
        int c = 0;
        for (RequestSpec r : s.requests().values()) {
            plans[c++] = plan(r.view(), caller, caller.spec().name() + "/" + r.name());
        }
        return plans;
    }

    /** The plan of {@code view} run by {@code caller}: its CPU and a call site per call. */
    ViewPlan plan(ViewSpec view, ServiceBuilder.Caller caller, String path) {
        List<CallSite> sites = new ArrayList<>();
        for (int i = 0; i < view.calls().size(); i++) {
            sites.add(site(view.calls().get(i), caller, path + "/call" + i));
        }
        return new ViewPlan(sampler(view.cpu(), path + "/cpu"), sites.toArray(new CallSite[0]));
    }

    /** The call site of {@code c} made by {@code caller}, built by the called service's kind. */
    CallSite site(CallSpec c, ServiceBuilder.Caller caller, String path) {
        CallSite.Times times = c.timesMax() == c.times() ? CallSite.Times.exactly(c.times())
                : new CallSite.Times(c.times(), c.timesMax(), streams.stream(path + "/times"));
        return builders.get(c.service()).callSite(c, caller, times, path);
    }

    /**
     * The run's model-bound limits: events in the engine, and requests in flight, checked at each
     * request taken (where the limit can be crossed). The wall clock is the runner's.
     */
    private void limits() {
        RunSpec run = s.run();
        if (run.maxEvents() != Long.MAX_VALUE) {
            sim().engine().setEventLimit(run.maxEvents());
        }
        m.requests.limit(run.maxInFlight(), () -> m.stop(String.format(Locale.ROOT,
                "unstable: more than %d requests in flight at %.3g s of simulated time: more is offered than the "
                + "model can serve", run.maxInFlight(), sim().now() / 1e9)));
    }
}
