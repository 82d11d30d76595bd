package io.stagesim.bench;

import io.stagesim.engine.EventQueue;
import io.stagesim.engine.Handler;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.eventlist.SplayTree;

/**
 * The engine's pending-event set alone, in steady state: the classic "hold" model (Jones, CACM
 * 1986). Each operation pops the earliest event and pushes a new one at the popped time plus an
 * exponential increment (mean 1 ms), so the number of pending events stays at {@code pending}.
 * Increments are drawn once, before measuring, into a table of 2^20 values, so the random number
 * generator is not part of the figure. The score is nanoseconds per hold (one pop + one push).
 *
 * <p>{@code ssjSplayTree} runs the same hold model, on the same increments, on SSJ 3.3.2's default
 * event list (a splay tree of {@link Event}s, allocating one entry node per insertion), for
 * reference: it is the event list behind the SSJ M/M/1 peer in {@link MM1Bench}.
 *
 * <p>Run (from the repository root, after building the benchmarks jar):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar EventQueueBench -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EventQueueBench {

    private static final int TABLE_BITS = 20;
    private static final int TABLE_MASK = (1 << TABLE_BITS) - 1;
    private static final double MEAN_INCREMENT_NS = 1_000_000;

    /** Number of events pending at all times. */
    @Param({"16", "1024", "65536"})
    public int pending;

    private EventQueue queue;
    private SplayTree splay;
    private long[] increments;
    private int next;
    private int nextSplay;
    private final Handler handler = (subject, tag) -> { };
    private final Object subject = new Object();

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(20240611L);
        increments = new long[1 << TABLE_BITS];
        for (int i = 0; i < increments.length; i++) {
            increments[i] = Math.round(-MEAN_INCREMENT_NS * Math.log(1 - random.nextDouble()));
        }
        queue = new EventQueue();
        for (int i = 0; i < pending; i++) {
            queue.push(increments[next++ & TABLE_MASK], 0, handler, subject, i);
        }
        // Run the queue into steady state: the initial times are all small, the hold distribution
        // of pending times is reached only after a few multiples of the population.
        for (long i = 0; i < 20L * pending + 100_000; i++) {
            hold();
        }
        splay = new SplayTree();
        for (int i = 0; i < pending; i++) {
            HoldEvent e = new HoldEvent();
            e.setTime(increments[nextSplay++ & TABLE_MASK]);
            splay.add(e);
        }
        for (long i = 0; i < 20L * pending + 100_000; i++) {
            ssjSplayTree();
        }
    }

    /** One hold: pop the earliest event and push its successor. */
    @Benchmark
    public long hold() {
        EventQueue q = queue;
        q.pop();
        long time = q.poppedTime();
        q.push(time + increments[next++ & TABLE_MASK], 0, q.poppedHandler(), q.poppedSubject(), q.poppedTag());
        return time;
    }

    /** The same hold on SSJ's splay-tree event list. */
    @Benchmark
    public double ssjSplayTree() {
        SplayTree t = splay;
        HoldEvent e = (HoldEvent) t.removeFirst();
        double time = e.time();
        e.moveTo(time + increments[nextSplay++ & TABLE_MASK]);
        t.add(e);
        return time;
    }

    /** An SSJ event that is never executed, only moved through the event list. */
    private static final class HoldEvent extends Event {
        /** What SSJ's simulator does between removing an event and scheduling it again. */
        void moveTo(double time) {
            eventTime = time;
        }

        @Override
        public void actions() {
        }
    }
}
