package io.stagesim.bench;

import io.stagesim.engine.Engine;
import io.stagesim.model.FcfsStation;
import io.stagesim.model.Job;
import io.stagesim.model.Simulation;
import io.stagesim.random.Exponential;
import io.stagesim.random.Sampler;
import io.stagesim.stats.LatencyRecorder;
import io.stagesim.workload.OpenSource;
import io.stagesim.workload.RateProfile;

/**
 * One M/M/1 replication (λ = 0.9/ms, μ = 1/ms, so ρ = 0.9) built on stagesim's public API the way a
 * real run builds it: a {@link Simulation}, a one-server {@link FcfsStation} (which keeps all its
 * own statistics), an {@link OpenSource} at a constant rate, exponential service times from a named
 * stream, and pooled customers whose {@link Job#resume} records the end-to-end latency in a
 * {@link LatencyRecorder} and puts the customer back on a free list. After the first few dozen
 * customers, no customer is ever allocated again.
 *
 * <p>Used by {@link MM1Bench}; {@link #main} prints the event counts the benchmark is calibrated
 * with and checks the mean response time against the M/M/1 formula 1/(μ − λ) = 10 ms.
 */
public final class StagesimMM1 {

    /** Arrival rate λ: 0.9 per millisecond. */
    public static final double ARRIVALS_PER_SECOND = 900;
    /** Mean service time 1/μ: 1 ms. */
    public static final double MEAN_SERVICE_NS = 1_000_000;

    private final Simulation sim;
    private final Engine engine;
    private final FcfsStation station;
    private final Sampler service;
    private final LatencyRecorder latency;
    private Customer free;
    private long completed;
    private long stopAfter = Long.MAX_VALUE;

    /** A replication with this seed, its first arrival already scheduled. */
    public StagesimMM1(long seed) {
        sim = new Simulation(seed, 0);
        engine = sim.engine();
        station = new FcfsStation(sim, "server", 1);
        service = new Exponential(MEAN_SERVICE_NS).sampler(sim.streams().stream("service"));
        latency = new LatencyRecorder(sim.windows());
        OpenSource source = new OpenSource(engine, RateProfile.constant(ARRIVALS_PER_SECOND),
                sim.streams().stream("arrivals"), this::arrive);
        source.start();
    }

    /** Runs until {@code customers} more customers have left; returns the events dispatched in all. */
    public long runCustomers(long customers) {
        stopAfter = completed + customers;
        sim.run(Long.MAX_VALUE);
        return engine.eventCount();
    }

    /** Runs exactly {@code events} more events; returns the events dispatched in all. */
    public long runEvents(long events) {
        engine.setEventLimit(engine.eventCount() + events);
        sim.run(Long.MAX_VALUE);
        return engine.eventCount();
    }

    /** Customers that have left. */
    public long completed() {
        return completed;
    }

    /** The station. */
    public FcfsStation station() {
        return station;
    }

    /** End-to-end latencies. */
    public LatencyRecorder latency() {
        return latency;
    }

    /** The simulation. */
    public Simulation simulation() {
        return sim;
    }

    private void arrive(long time) {
        Customer c = free;
        if (c == null) {
            c = new Customer(this);
        } else {
            free = c.nextFree;
            c.nextFree = null;
        }
        c.createdAt = time;
        station.arrive(c, service.sample());
    }

    private void finish(Customer c) {
        latency.record(engine.now() - c.createdAt);
        c.nextFree = free;
        free = c;
        if (++completed == stopAfter) {
            engine.stop();
        }
    }

    /** A customer, reused through the free list. */
    private static final class Customer extends Job {
        private final StagesimMM1 model;
        private Customer nextFree;

        Customer(StagesimMM1 model) {
            this.model = model;
        }

        @Override
        protected void resume(int outcome) {
            model.finish(this);
        }
    }

    /** Prints the event count of one benchmark replication and sanity-checks the model. */
    public static void main(String[] args) {
        StagesimMM1 m = new StagesimMM1(MM1Bench.SEED);
        long events = m.runCustomers(MM1Bench.CUSTOMERS);
        long windows = m.sim.windows().count();
        double meanResponseMs = 0;
        long n = 0;
        for (int i = 0; i < windows; i++) {
            meanResponseMs += m.latency.sum(i);
            n += m.latency.count(i);
        }
        meanResponseMs /= n * 1e6;
        System.out.printf("stagesim: %d customers, %d events (%d arrivals), %.3f s simulated, "
                        + "mean response %.3f ms (M/M/1: 10 ms)%n", m.completed, events,
                m.station.totalArrivals(), m.sim.now() / 1e9, meanResponseMs);
        EngineMM1 e = new EngineMM1(MM1Bench.SEED);
        long engineEvents = e.run(MM1Bench.CUSTOMERS);
        System.out.printf("engine:   %d customers, %d events, mean response %.3f ms, mean queue length %.3f%n",
                MM1Bench.CUSTOMERS, engineEvents, e.meanResponse() / 1e6, e.meanQueueLength());
        SsjMM1 s = new SsjMM1(false);
        long ssjEvents = s.run(MM1Bench.CUSTOMERS);
        System.out.printf("ssj:      %d customers, %d events, %.3f s simulated, mean response %.3f ms, "
                        + "mean queue length %.3f (M/M/1: 8.1)%n", MM1Bench.CUSTOMERS, ssjEvents,
                s.endTime() / 1e3, s.responses().average(), s.queueLength().average());
        SsjMM1 c = new SsjMM1(true);
        System.out.printf("ssj (QueueEv shape): %d events%n", c.run(MM1Bench.CUSTOMERS));
    }
}
