package io.stagesim.verify;

import io.stagesim.model.DelayStation;
import io.stagesim.model.FcfsStation;
import io.stagesim.model.Job;
import io.stagesim.model.Outcome;
import io.stagesim.model.Pool;
import io.stagesim.model.PoolResult;
import io.stagesim.model.PsHost;
import io.stagesim.model.Simulation;
import io.stagesim.model.Station;
import io.stagesim.model.StationResult;
import io.stagesim.random.Distribution;
import io.stagesim.random.Sampler;
import io.stagesim.stats.LatencyRecorder;
import io.stagesim.stats.LatencySummary;
import io.stagesim.workload.ClosedPopulation;
import io.stagesim.workload.OpenSource;
import io.stagesim.workload.RateProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * A textbook queueing network: customers that visit a fixed list of steps in order (serve at a
 * station, run on a CPU, be delayed, acquire or release a pool unit), fed by an open Poisson source
 * or a closed population — the shape of every model in queueing textbooks, and so of every check
 * against theory. Jobs are pooled. When a run ends it checks conservation at every station and
 * pool (arrivals = completions + rejections + inside) and throws if it does not hold.
 */
public final class RouteNetwork {

    /** One step of the route. */
    private interface Step {
        void start(Customer job);
    }

    private final class Customer extends Job {
        int step;
        int user = -1;

        @Override
        protected void resume(int outcome) {
            advance(this, outcome);
        }
    }

    private final Simulation sim;
    private final List<Step> steps = new ArrayList<>();
    private final List<Station> stations = new ArrayList<>();
    private final List<Pool> pools = new ArrayList<>();
    private final LatencyRecorder endToEnd;
    private final List<Customer> free = new ArrayList<>();
    private ClosedPopulation population;
    private long lost;
    private long finished;
    private long created;

    /** An empty network for replication {@code replication} of {@code seed}. */
    public RouteNetwork(long seed, int replication) {
        this.sim = new Simulation(seed, replication);
        this.endToEnd = new LatencyRecorder(sim.windows());
    }

    private Sampler sampler(String name, Distribution d) {
        return d.sampler(sim.streams().stream(name));
    }

    /** Adds an FCFS station step with its own service-time distribution. */
    public FcfsStation serve(String name, int servers, int waitingRoom, Distribution service) {
        FcfsStation s = new FcfsStation(sim, name, servers, waitingRoom);
        Sampler x = sampler(name + "/service", service);
        stations.add(s);
        steps.add(job -> s.arrive(job, x.sample()));
        return s;
    }

    /** Adds a processor-sharing CPU step. */
    public PsHost execute(String name, int cores, Distribution work) {
        PsHost h = new PsHost(sim, name, cores);
        Sampler x = sampler(name + "/work", work);
        stations.add(h);
        steps.add(job -> h.execute(job, x.sample()));
        return h;
    }

    /** Adds an infinite-server delay step. */
    public DelayStation delay(String name, Distribution d) {
        DelayStation s = new DelayStation(sim, name);
        Sampler x = sampler(name + "/delay", d);
        stations.add(s);
        steps.add(job -> s.delay(job, x.sample()));
        return s;
    }

    /** Adds a step that acquires a unit of a new pool; returns the pool for {@link #release}. */
    public Pool acquire(String name, int units) {
        Pool p = new Pool(sim, name, units);
        pools.add(p);
        steps.add(p::acquire);
        return p;
    }

    /** Adds a step that releases a unit of {@code pool}. */
    public void release(Pool pool) {
        steps.add(job -> {
            pool.release();
            job.resume(Outcome.OK);
        });
    }

    /** Feeds the network with Poisson arrivals at {@code ratePerSecond}. */
    public void open(double ratePerSecond) {
        new OpenSource(sim.engine(), RateProfile.constant(ratePerSecond), sim.streams().stream("arrivals"),
                this::arrive).start();
    }

    /** Feeds the network with {@code users} users whose think time follows {@code think}. */
    public void closed(int users, Distribution think) {
        population = new ClosedPopulation(sim.engine(), users, sampler("think", think), user -> {
            Customer c = take();
            c.user = user;
            start(c);
        });
        population.start();
    }

    private Customer take() {
        created++;
        Customer c = free.isEmpty() ? new Customer() : free.remove(free.size() - 1);
        c.createdAt = sim.now();
        c.step = 0;
        return c;
    }

    private void arrive(long time) {
        start(take());
    }

    private void start(Customer c) {
        steps.get(0).start(c);
    }

    private void advance(Customer c, int outcome) {
        if (outcome != Outcome.OK) {
            lost++;
            recycle(c);
            return;
        }
        c.step++;
        if (c.step < steps.size()) {
            steps.get(c.step).start(c);
            return;
        }
        finished++;
        endToEnd.record(sim.now() - c.createdAt);
        recycle(c);
    }

    private void recycle(Customer c) {
        int user = c.user;
        c.user = -1;
        free.add(c);
        if (population != null) {
            population.done(user);
        }
    }

    /** Runs until {@code end} ns and summarises the measured period, after {@code warmup} ns. */
    public Result run(long warmup, long end) {
        sim.setWarmup(warmup);
        sim.run(end);
        long measured = sim.windows().measuredLength();
        List<StationResult> sr = new ArrayList<>();
        for (Station s : stations) {
            long inside = s.totalArrivals() - s.totalCompletions() - s.totalRejections();
            if (inside != s.inside()) {
                throw new IllegalStateException(s.name() + ": arrivals " + s.totalArrivals() + " != completions "
                        + s.totalCompletions() + " + rejections " + s.totalRejections() + " + inside " + s.inside());
            }
            sr.add(s.result());
        }
        List<PoolResult> pr = new ArrayList<>();
        for (Pool p : pools) {
            long held = p.units() - p.free();
            if (p.totalRequests() != p.totalGrants() + p.totalRejections() + p.totalTimeouts() + p.waiting()) {
                throw new IllegalStateException(p.name() + ": requests != grants + rejections + timeouts + waiting");
            }
            if (held < 0 || held > p.units()) {
                throw new IllegalStateException(p.name() + ": " + held + " units held of " + p.units());
            }
            pr.add(p.result());
        }
        long inFlight = created - finished - lost;
        if (inFlight < 0) {
            throw new IllegalStateException("more customers finished than were created");
        }
        return new Result(sr, pr, endToEnd.summarize(), measured, finished, lost);
    }

    /** The simulation this network runs in. */
    public Simulation simulation() {
        return sim;
    }

    /** What one replication measured. */
    public record Result(List<StationResult> stations, List<PoolResult> pools,
            LatencySummary endToEnd, long measuredNanos, long finished, long lost) {

        /** The result of the station named {@code name}. */
        public StationResult station(String name) {
            return stations.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        }

        /** The result of the pool named {@code name}. */
        public PoolResult pool(String name) {
            return pools.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        }

        /** Length of the measured period in seconds. */
        public double seconds() {
            return measuredNanos / 1e9;
        }
    }
}
