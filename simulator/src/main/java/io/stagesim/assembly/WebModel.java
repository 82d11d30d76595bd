package io.stagesim.assembly;

import io.stagesim.model.DelayStation;
import io.stagesim.model.Pool;
import io.stagesim.model.PsHost;
import io.stagesim.model.Simulation;
import io.stagesim.model.Station;
import io.stagesim.nodes.Browsers;
import io.stagesim.nodes.ClassStats;
import io.stagesim.nodes.Node;
import io.stagesim.nodes.RequestPool;
import io.stagesim.scenario.BrowserSpec;
import io.stagesim.scenario.FaultSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.stats.CountRecorder;
import io.stagesim.stats.LatencyRecorder;
import io.stagesim.stats.LevelRecorder;
import io.stagesim.workload.ClosedPopulation;
import io.stagesim.workload.OpenSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One replication of a scenario, assembled: the simulation, the browsers, every host CPU and every
 * pool, labelled by the service they belong to; where its parts are ({@link Placement}), for
 * run-time operations to act on, and what those report (when a fault ended, what it lost, when it
 * was detected). Its workload starts with {@link #start()}, once operations are attached.
 */
public final class WebModel {

    /** A pool and what it stands for, for results: "gunicorn workers", "connections". */
    public record LabelledPool(String service, String resource, Pool pool) {
    }

    /** A CPU (or other station) and the host or service it belongs to. */
    public record LabelledStation(String owner, String resource, Station station) {
    }

    /** A count of something that happened to a service: "worker_kills". */
    public record LabelledCounter(String service, String what, CountRecorder counter) {
    }

    /** A level over time at a service: "instances" of an autoscaling group. */
    public record LabelledLevel(String service, String what, LevelRecorder level) {
    }

    /** A call edge: service {@code from} calls service {@code to} (a browser its site's front, a view its database). */
    public record Edge(String from, String to) {
    }

    /** The counters of a task queue. */
    public record TaskStats(String service, CountRecorder enqueued, CountRecorder completed, CountRecorder failed,
            LatencyRecorder latency) {
    }

    final Scenario scenario;
    final Simulation sim;
    final RequestPool requests = new RequestPool();
    final DelayStation network;
    final Map<String, PsHost> hostCpus = new LinkedHashMap<>();
    final List<LabelledStation> stations = new ArrayList<>();
    private final List<StorageMeter> storageMeters = new ArrayList<>();
    private final List<CdnMeter> cdnMeters = new ArrayList<>();
    final List<LabelledPool> pools = new ArrayList<>();
    final List<TaskStats> tasks = new ArrayList<>();
    final List<LabelledCounter> counters = new ArrayList<>();
    final List<LabelledLevel> levels = new ArrayList<>();
    /** The services' nodes by name (a task queue's workers as {@code <name>/worker}). */
    final Map<String, Node> nodes = new LinkedHashMap<>();
    private LevelRecorder elasticCost;
    ClassStats[] classStats;
    Browsers browsers;
    /** The open workload's arrivals, or the closed one's users: started by {@link #start()}. */
    OpenSource arrivals;
    ClosedPopulation population;
    String stoppedBecause;
    Placement placement;
    private final Map<FaultSpec, Long> dataLost = new LinkedHashMap<>();
    /** Calls per edge, each edge's index its place in {@link #edges}. */
    private final io.stagesim.stats.CallCounts calls;
    private final Map<Edge, Integer> edges = new LinkedHashMap<>();
    /** When a fault that ends when its work is done (a deploy) ended (ns); {@link Long#MAX_VALUE} until then. */
    private final Map<FaultSpec, Long> ended = new LinkedHashMap<>();
    /** Faults, and how long after each began a load balancer first took out a service it hit (ns). */
    private final Map<FaultSpec, Long> detectedAfter = new LinkedHashMap<>();

    /** Whether each of the scenario's faults happens in this replication, in the scenario's order. */
    final boolean[] faultHappens;

    WebModel(Scenario scenario, Simulation sim) {
        this.scenario = scenario;
        this.sim = sim;
        this.faultHappens = new boolean[scenario.faults().size()];
        for (int i = 0; i < faultHappens.length; i++) {
            FaultSpec f = scenario.faults().get(i);
            faultHappens[i] = f.probability() >= 1 || sim.streams().stream("faults/" + i).nextDouble() < f.probability();
        }
        this.network = new DelayStation(sim, "network");
        this.calls = new io.stagesim.stats.CallCounts(sim.windows());
    }

    /** The index of edge {@code from} → {@code to} in {@link #calls()}, made on first use (while building). */
    int edge(String from, String to) {
        return edges.computeIfAbsent(new Edge(from, to), k -> calls.add());
    }

    /** The call edges, in the order they were made: edge {@code i} is counted at index {@code i} of {@link #calls()}. */
    public List<Edge> edges() {
        return List.copyOf(edges.keySet());
    }

    /** The calls counted on each edge. */
    public io.stagesim.stats.CallCounts calls() {
        return calls;
    }

    /** Starts the workload: the first arrivals, or every user's first think time, are planned. */
    public void start() {
        if (arrivals != null) {
            arrivals.start();
        } else {
            population.start();
        }
    }

    /** The open workload's arrivals, not yet started (a traffic spike reshapes their rate); null when closed. */
    public OpenSource arrivals() {
        return arrivals;
    }

    /** The requests of this replication, in flight or pooled. */
    public RequestPool requests() {
        return requests;
    }

    /** Where its parts are: nodes, hosts, links. */
    public Placement placement() {
        return placement;
    }

    /** The scenario this model was built from. */
    public Scenario scenario() {
        return scenario;
    }

    /** The simulation it runs in. */
    public Simulation simulation() {
        return sim;
    }

    /** Per-class counters, in the scenario's order of request classes. */
    public ClassStats[] classStats() {
        return classStats.clone();
    }

    /** Host CPUs by host name. */
    public Map<String, PsHost> hostCpus() {
        return hostCpus;
    }

    /** Every station besides host CPUs (dev-server GILs, disks, the network), labelled. */
    public List<LabelledStation> stations() {
        return stations;
    }

    /** Every pool, labelled. */
    public List<LabelledPool> pools() {
        return pools;
    }

    /** Every task queue's counters. */
    public List<TaskStats> tasks() {
        return tasks;
    }

    /** Counters of events at services (worker kills). */
    public List<LabelledCounter> counters() {
        return counters;
    }

    /**
     * When {@code f} ended in this replication (ns): a deploy when its last server was back in
     * service (blue-green: when the old hosts stopped; reload: when the last new workers were up),
     * which waiting for health checks can make later than planned; any other fault as planned.
     * {@link Long#MAX_VALUE} for a permanent fault, or a deploy still under way at the end.
     */
    public long endOf(FaultSpec f) {
        return ended.getOrDefault(f, f.end());
    }

    /** {@code f} happens and ends when its work is done, not as planned: until {@link #ended(FaultSpec, long)} says when, it has not. */
    public void endsWhenDone(FaultSpec f) {
        ended.put(f, Long.MAX_VALUE);
    }

    /** {@code f}, which ends when its work is done, ended at {@code time} (ns). */
    public void ended(FaultSpec f, long time) {
        ended.put(f, time);
    }

    /** {@code f} lost {@code writes} database writes (committed on a host that crashed). */
    public void lost(FaultSpec f, long writes) {
        dataLost.merge(f, writes, Long::sum);
    }

    /** A load balancer took out a service {@code f} hit, {@code after} ns after it began; the first time counts. */
    public void detected(FaultSpec f, long after) {
        detectedAfter.putIfAbsent(f, after);
    }

    /** True when the scenario's fault number {@code i} happens in this replication. */
    public boolean faultHappens(int i) {
        return faultHappens[i];
    }

    /** Levels over time at services (instances of autoscaling groups). */
    public List<LabelledLevel> levels() {
        return levels;
    }

    /**
     * What the hosts started and stopped during the run cost per hour, over time; null when there
     * are none (every host then runs, and is paid for, all the time).
     */
    public LevelRecorder elasticCostOrNull() {
        return elasticCost;
    }

    /** What the hosts started and stopped during the run cost per hour, over time (made on first use). */
    public LevelRecorder elasticCost() {
        if (elasticCost == null) {
            elasticCost = new LevelRecorder(sim.windows());
        }
        return elasticCost;
    }

    /** What an object storage service served, for the bill: GETs, PUTs, bytes sent to browsers. */
    public record StorageMeter(String service, CountRecorder gets, CountRecorder puts, CountRecorder clientBytes) {
    }

    /** A new meter of object storage {@code service}, kept for the bill (not reported as counters). */
    StorageMeter storageMeter(String service) {
        StorageMeter m = new StorageMeter(service, new CountRecorder(sim.windows()), new CountRecorder(sim.windows()),
                new CountRecorder(sim.windows()));
        storageMeters.add(m);
        return m;
    }

    /** The object storage services' meters. */
    public List<StorageMeter> storageMeters() {
        return storageMeters;
    }

    /** What a CDN served, for the bill: requests, and bytes sent to browsers. */
    public record CdnMeter(String service, CountRecorder requests, CountRecorder bytesOut) {
    }

    /** A new meter of CDN {@code service}, kept for the bill (not reported as counters). */
    CdnMeter cdnMeter(String service) {
        CdnMeter m = new CdnMeter(service, new CountRecorder(sim.windows()), new CountRecorder(sim.windows()));
        cdnMeters.add(m);
        return m;
    }

    /** The CDNs' meters. */
    public List<CdnMeter> cdnMeters() {
        return cdnMeters;
    }

    /** A new counter of {@code what} at {@code service}, reported with the others. */
    public CountRecorder counter(String service, String what) {
        CountRecorder c = new CountRecorder(sim.windows());
        counters.add(new LabelledCounter(service, what, c));
        return c;
    }

    /** The counter of {@code what} at {@code service}: the one made already, or a new one. */
    public CountRecorder counterOf(String service, String what) {
        for (LabelledCounter c : counters) {
            if (c.service().equals(service) && c.what().equals(what)) {
                return c.counter();
            }
        }
        return counter(service, what);
    }

    /** A new level of {@code what} at {@code service} over time, reported with the others. */
    public LevelRecorder level(String service, String what) {
        LevelRecorder l = new LevelRecorder(sim.windows());
        levels.add(new LabelledLevel(service, what, l));
        return l;
    }

    /** How long after {@code fault} began a load balancer first took out a service it hit (s), or NaN. */
    public double detectedAfterSeconds(FaultSpec fault) {
        Long ns = detectedAfter.get(fault);
        return ns == null ? Double.NaN : ns / 1e9;
    }

    /** Database writes lost in a host crash. */
    public long dataLost(FaultSpec crash) {
        return dataLost.getOrDefault(crash, 0L);
    }

    /** Why the run ended before its duration (a limit), or null. */
    public String stoppedBecause() {
        return stoppedBecause;
    }

    /** The services' nodes by name, a task queue's workers as {@code <name>/worker} (read only: for checks). */
    public Map<String, Node> nodes() {
        return java.util.Collections.unmodifiableMap(nodes);
    }

    /** Frames on {@code node} now over every request in flight: with its counts in and out, its conservation. */
    public int framesAt(Node node) {
        return requests.framesAt(node);
    }

    /** Requests in flight now. */
    public int inFlight() {
        return requests.inFlight();
    }

    /** Requests ever created (the most in flight at once). */
    public int requestsCreated() {
        return requests.created();
    }

    /** Stops the run after the event under way, for {@code why} (the first reason given is kept). */
    public void stop(String why) {
        if (stoppedBecause == null) {
            stoppedBecause = why;
        }
        sim.engine().stop();
    }

    /** The browsers: where page views begin and end. */
    public Browsers browsers() {
        return browsers;
    }

    /** Makes the browsers retry as {@code b} says (nothing when it sets no retries), counting the retries. */
    void clientRetries(BrowserSpec b, boolean[] idempotent) {
        browsers.attemptTimeout(b.retry().attemptTimeout());
        if (b.retry().retries() > 0) {
            CountRecorder retried = new CountRecorder(sim.windows());
            counters.add(new LabelledCounter(b.name(), "retries", retried));
            browsers.retries(b.retry().retries(), b.retry().backoff(), b.retry().budget(), idempotent, retried);
        }
    }
}
