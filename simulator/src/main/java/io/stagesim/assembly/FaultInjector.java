package io.stagesim.assembly;

import io.stagesim.engine.Handler;
import io.stagesim.model.PsHost;
import io.stagesim.model.Simulation;
import io.stagesim.scenario.FaultSpec;
import io.stagesim.workload.RateProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Applies a scenario's faults at their times: a noisy neighbour takes a share of a host's CPU
 * (every processor-sharing CPU on the host, a dev server's GIL included, runs at the capacity
 * left: the product of what each active neighbour leaves); a latency fault adds delay to every hop
 * between two hosts; a traffic spike multiplies the offered rate (built into the arrival profile).
 */
final class FaultInjector implements Handler {

    private static final int START = 0;
    private static final int END = 1;

    /** Faults that switch their target into a state and back, so that overlapping ones must not end each other. */
    private static final List<String> SWITCHES = List.of("host_crash", "host_hang", "db_failover", "storage_outage");

    private final Simulation sim;
    private final List<FaultSpec> faults;
    private final Map<String, List<PsHost>> cpusOfHost;
    private final List<HostLink> links;
    private final List<FaultSpec> active = new ArrayList<>();
    private final WebModel model;
    private final Map<String, io.stagesim.nodes.HostState> hostStates;
    private final Map<String, List<io.stagesim.nodes.DatabaseNode>> databases;
    private final Map<String, io.stagesim.nodes.Node> nodes;

    FaultInjector(WebModel model, List<FaultSpec> faults, Map<String, List<PsHost>> cpusOfHost, List<HostLink> links,
            Map<String, io.stagesim.nodes.HostState> hostStates,
            Map<String, List<io.stagesim.nodes.DatabaseNode>> databases, Map<String, io.stagesim.nodes.Node> nodes) {
        this.nodes = nodes;
        this.model = model;
        this.sim = model.sim;
        this.faults = faults;
        this.cpusOfHost = cpusOfHost;
        this.links = links;
        this.hostStates = hostStates;
        this.databases = databases;
    }

    void schedule() {
        for (io.stagesim.nodes.Node n : nodes.values()) {
            if (n instanceof io.stagesim.nodes.LoadBalancerNode lb) {
                lb.onEject(this::ejected);
            }
        }
        for (FaultSpec f : faults) {
            if (f.type().equals("traffic_spike") || f.type().equals("deploy")) {
                continue; // in the arrival profile; by a Deployer
            }
            sim.engine().scheduleAt(f.at(), -64, this, f, START);
            if (f.duration() != FaultSpec.PERMANENT) {
                sim.engine().scheduleAt(f.end(), -64, this, f, END);
            }
        }
    }

    @Override
    public void handle(Object subject, int tag) {
        FaultSpec f = (FaultSpec) subject;
        if (tag == START) {
            active.add(f);
        } else {
            active.remove(f);
        }
        if (SWITCHES.contains(f.type()) && alsoActive(f)) {
            return; // another fault of its kind holds the target in that state: the last one to end restores it
        }
        if (f.type().equals("noisy_neighbour")) {
            double left = 1;
            for (FaultSpec a : active) {
                if (a.type().equals("noisy_neighbour") && a.target().equals(f.target())) {
                    left *= 1 - a.amount();
                }
            }
            for (PsHost cpu : cpusOfHost.getOrDefault(f.target(), List.of())) {
                cpu.setCapacity(left);
            }
        } else if (f.type().equals("host_crash")) {
            crash(f, tag == START);
        } else if (f.type().equals("slow_dependency")) {
            nodes.get(f.target()).setSlowdown(tag == START ? f.amount() : 1);
        } else if (f.type().equals("db_failover")) {
            io.stagesim.nodes.Node db = nodes.get(f.target());
            db.setDown(tag == START);
            if (tag == START) { // queries under way are cut: their callers see the connection reset
                for (io.stagesim.nodes.Request r : model.requests.inFlightRequests()) {
                    r.lose(n -> n == db);
                }
            }
        } else if (f.type().equals("storage_outage")) {
            ((io.stagesim.nodes.ObjectStorageNode) nodes.get(f.target())).setOutage(tag == START);
        } else if (f.type().equals("storage_throttle")) {
            ((io.stagesim.nodes.ObjectStorageNode) nodes.get(f.target())).setLimitFactor(tag == START ? f.amount() : 1);
        } else if (f.type().equals("cache_flush")) {
            if (tag == START) {
                ((io.stagesim.nodes.CacheNode) nodes.get(f.target())).flush((int) f.amount());
            }
        } else if (f.type().equals("host_hang")) {
            hostStates.get(f.target()).setHung(tag == START);
            for (PsHost cpu : cpusOfHost.getOrDefault(f.target(), List.of())) {
                cpu.setCapacity(tag == START ? 0 : 1); // work under way freezes, and resumes after
            }
        } else if (f.type().equals("latency") || f.type().equals("partition")) {
            long delta = tag == START ? f.delay() : -f.delay();
            for (HostLink l : links) {
                String from = l.fromHost();
                String to = l.toHost();
                if ((Objects.equals(from, f.target()) && Objects.equals(to, f.to()))
                        || (Objects.equals(from, f.to()) && Objects.equals(to, f.target()))) {
                    if (f.type().equals("latency")) {
                        l.link().addDelay(delta);
                    } else {
                        l.link().setPartitioned(tag == START);
                    }
                }
            }
        }
    }

    /** True while a fault other than {@code f}, of its type and on its target, lasts. */
    private boolean alsoActive(FaultSpec f) {
        for (FaultSpec a : active) {
            if (a != f && a.type().equals(f.type()) && Objects.equals(a.target(), f.target())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A host crash: the host refuses connections; every CPU on it fails its jobs; every request
     * with work on it loses that work (its caller sees the connection reset); the writes its
     * databases committed are lost (no backups are modelled). When it comes back it is empty.
     */
    private void crash(FaultSpec f, boolean down) {
        io.stagesim.nodes.HostState state = hostStates.get(f.target());
        state.setDown(down);
        if (down) {
            long lost = 0;
            for (io.stagesim.nodes.DatabaseNode d : databases.getOrDefault(f.target(), List.of())) {
                lost += d.takeWrites();
            }
            model.dataLost.merge(f, lost, Long::sum);
            for (io.stagesim.nodes.Request r : model.requests.inFlightRequests()) {
                r.hostDown(state);
            }
        }
        for (PsHost cpu : cpusOfHost.getOrDefault(f.target(), List.of())) {
            cpu.setDown(down);
        }
    }

    /**
     * A load balancer took {@code target} out: the first time this happens for a service on a host
     * that crashed or hangs, or for a slowed service, while the fault lasts, is the fault's time to
     * detect.
     */
    void ejected(io.stagesim.nodes.Node target) {
        if (target.host() == null) {
            return;
        }
        for (FaultSpec f : active) {
            boolean hit = (f.type().equals("host_crash") || f.type().equals("host_hang"))
                    && target.host().name().equals(f.target())
                    || f.type().equals("slow_dependency") && target.name().equals(f.target());
            if (hit && !model.detectedAfter.containsKey(f)) {
                model.detectedAfter.put(f, sim.engine().now() - f.at());
            }
        }
    }

    /** {@code base} with every traffic spike's factor applied over its window. */
    static RateProfile spiked(RateProfile base, List<FaultSpec> faults) {
        List<FaultSpec> spikes = faults.stream().filter(f -> f.type().equals("traffic_spike")).toList();
        if (spikes.isEmpty()) {
            return base;
        }
        TreeSet<Long> cuts = new TreeSet<>(base.breakpoints());
        for (FaultSpec f : spikes) {
            cuts.add(f.at());
            if (f.duration() != FaultSpec.PERMANENT) {
                cuts.add(f.end());
            }
        }
        List<Long> times = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (long t : cuts) {
            // at each cut, the rate just before and just after (a step where a spike starts or ends)
            double before = t == 0 ? base.rateAt(0) * factor(spikes, 0) : base.rateBefore(t) * factor(spikes, t - 1);
            double after = base.rateAt(t) * factor(spikes, t);
            times.add(t);
            rates.add(before);
            times.add(t);
            rates.add(after);
        }
        long[] ts = times.stream().mapToLong(Long::longValue).toArray();
        double[] rs = rates.stream().mapToDouble(Double::doubleValue).toArray();
        return RateProfile.of(ts, rs);
    }

    private static double factor(List<FaultSpec> spikes, long t) {
        double x = 1;
        for (FaultSpec f : spikes) {
            if (t >= f.at() && t < f.end()) {
                x *= f.amount();
            }
        }
        return x;
    }
}
