package io.stagesim.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An M/M/1 queue at ρ = 0.9 (λ = 0.9/ms, μ = 1/ms), on stagesim and on SSJ 3.3.2 in one run, so the
 * figures compare directly. Every score is <b>nanoseconds per event dispatched</b>:
 * {@code @OperationsPerInvocation} is the exact number of events one invocation dispatches, and the
 * benchmark fails if that number ever changes (a change to the model, the engine or the random
 * streams; {@code java -cp benchmarks/target/benchmarks.jar io.stagesim.bench.StagesimMM1} prints
 * the new counts).
 *
 * <ul>
 *   <li>{@code stagesim}: one whole replication per invocation, {@value #CUSTOMERS} customers from
 *       an empty system, built from scratch as a real run builds it ({@link StagesimMM1}); events =
 *       arrivals + departures + statistics-window rolls;
 *   <li>{@code stagesimSteadyState}: one replication kept across invocations, each invocation
 *       dispatching exactly {@value #STEADY_EVENTS} more events (the engine's event limit), to see
 *       the per-event cost and allocation with no set-up at all;
 *   <li>{@code engineOnly}: a diagnostic floor, the same M/M/1 written on the bare
 *       {@link io.stagesim.engine.Engine} with SSJ-like statistics ({@link EngineMM1});
 *   <li>{@code ssj}: the same {@value #CUSTOMERS} customers on SSJ with reused events
 *       ({@link SsjMM1}, tuned shape); events = arrivals + departures;
 *   <li>{@code ssjQueueEv}: the same on SSJ in the textbook QueueEv shape (new event and customer
 *       objects per customer).
 * </ul>
 *
 * <p>Run (from the repository root, after building the benchmarks jar):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar MM1Bench -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
 * </pre>
 *
 * events/s = 10^9 / score; B/event = gc.alloc.rate.norm.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MM1Bench {

    /** Seed of the stagesim replication. */
    static final long SEED = 42;
    /** Customers per invocation. */
    static final int CUSTOMERS = 100_000;
    /** Events stagesim dispatches for {@value #CUSTOMERS} customers with seed {@value #SEED}. */
    static final int STAGESIM_EVENTS = 200_114;
    /** Events SSJ dispatches for {@value #CUSTOMERS} customers (both shapes). */
    static final int SSJ_EVENTS = 200_000;
    /** Events {@link EngineMM1} dispatches for {@value #CUSTOMERS} customers with seed {@value #SEED}. */
    static final int ENGINE_EVENTS = 200_003;
    /** Events per invocation in the steady-state variant. */
    static final int STEADY_EVENTS = 200_000;

    private SsjMM1 ssjTuned;
    private SsjMM1 ssjQueueEv;
    private StagesimMM1 steady;

    @Setup
    public void setUp() {
        ssjTuned = new SsjMM1(false);
        ssjQueueEv = new SsjMM1(true);
        steady = new StagesimMM1(SEED);
        steady.runEvents(STEADY_EVENTS); // past the empty start
    }

    /** One stagesim replication of {@value #CUSTOMERS} customers, set-up included. */
    @Benchmark
    @OperationsPerInvocation(STAGESIM_EVENTS)
    public StagesimMM1 stagesim() {
        StagesimMM1 m = new StagesimMM1(SEED);
        check("stagesim", m.runCustomers(CUSTOMERS), STAGESIM_EVENTS);
        return m;
    }

    /** {@value #STEADY_EVENTS} more events of a long stagesim replication. */
    @Benchmark
    @OperationsPerInvocation(STEADY_EVENTS)
    public long stagesimSteadyState() {
        return steady.runEvents(STEADY_EVENTS);
    }

    /** Diagnostic floor: the same M/M/1 on the bare engine, SSJ-like statistics. */
    @Benchmark
    @OperationsPerInvocation(ENGINE_EVENTS)
    public EngineMM1 engineOnly() {
        EngineMM1 m = new EngineMM1(SEED);
        check("engineOnly", m.run(CUSTOMERS), ENGINE_EVENTS);
        return m;
    }

    /** The same replication on SSJ, events reused. */
    @Benchmark
    @OperationsPerInvocation(SSJ_EVENTS)
    public SsjMM1 ssj() {
        check("ssj", ssjTuned.run(CUSTOMERS), SSJ_EVENTS);
        return ssjTuned;
    }

    /** The same replication on SSJ, QueueEv shape. */
    @Benchmark
    @OperationsPerInvocation(SSJ_EVENTS)
    public SsjMM1 ssjQueueEv() {
        check("ssjQueueEv", ssjQueueEv.run(CUSTOMERS), SSJ_EVENTS);
        return ssjQueueEv;
    }

    private static void check(String what, long events, int expected) {
        if (events != expected) {
            throw new IllegalStateException(what + " dispatched " + events + " events, the benchmark is "
                    + "calibrated for " + expected + ": update MM1Bench's constants");
        }
    }
}
