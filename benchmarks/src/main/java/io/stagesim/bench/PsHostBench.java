package io.stagesim.bench;

import io.stagesim.model.CpuCredits;
import io.stagesim.model.Job;
import io.stagesim.model.PsHost;
import io.stagesim.model.Simulation;
import io.stagesim.random.Exponential;
import io.stagesim.random.Sampler;
import io.stagesim.stats.LevelRecorder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A processor-sharing {@link PsHost} (4 cores) holding a fixed number of jobs: a closed loop in
 * which each job that completes immediately re-enters with a new exponential amount of work (mean
 * 1 ms, drawn by the stagesim sampler as a real run would). The score is nanoseconds per
 * completion; the host keeps one virtual clock and a heap of finishing tags, so it must grow as
 * O(log jobs), not O(jobs). Each invocation runs exactly {@value #COMPLETIONS} completions of a
 * replication that carries on from one invocation to the next (the engine also dispatches about
 * one statistics-window roll per 4,000 completions).
 *
 * <p>Run (from the repository root, after building the benchmarks jar):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar PsHostBench -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PsHostBench {

    /** Completions per invocation. */
    static final int COMPLETIONS = 100_000;
    private static final double MEAN_WORK_NS = 1_000_000;

    /** Jobs on the host at all times. */
    @Param({"10", "100", "10000"})
    public int jobs;

    /**
     * With a CPU credit account (unlimited, its balance recorded as a run records it): what a
     * burstable host adds per event; without one the host pays a null check.
     */
    @Param({"false", "true"})
    public boolean burstable;

    private Simulation sim;
    private PsHost host;
    private Sampler work;
    private long completed;
    private long stopAfter;

    @Setup
    public void setUp() {
        sim = new Simulation(42, 0);
        host = new PsHost(sim, "cpu", 4);
        if (burstable) {
            host.setCredits(new CpuCredits(sim, 4, 0.2, 0, 1e9, true, new LevelRecorder(sim.windows())));
        }
        work = new Exponential(MEAN_WORK_NS).sampler(sim.streams().stream("work"));
        for (int i = 0; i < jobs; i++) {
            host.execute(new Looping(), work.sample());
        }
        // into steady state: every initial job has finished at least once, most several times
        stopAfter = 20L * jobs + COMPLETIONS;
        sim.run(Long.MAX_VALUE);
        if (host.running() != jobs) {
            throw new IllegalStateException(host.running() + " jobs running, expected " + jobs);
        }
    }

    /** {@value #COMPLETIONS} completions, each followed by the job's re-entry. */
    @Benchmark
    @OperationsPerInvocation(COMPLETIONS)
    public long completions() {
        stopAfter = completed + COMPLETIONS;
        sim.run(Long.MAX_VALUE);
        return completed;
    }

    /** A job that runs again as soon as it completes. */
    private final class Looping extends Job {
        @Override
        protected void resume(int outcome) {
            host.execute(this, work.sample());
            if (++completed == stopAfter) {
                sim.engine().stop();
            }
        }
    }
}
