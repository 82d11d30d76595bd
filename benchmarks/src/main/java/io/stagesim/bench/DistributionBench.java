package io.stagesim.bench;

import io.stagesim.random.BoundedPareto;
import io.stagesim.random.Exponential;
import io.stagesim.random.Gamma;
import io.stagesim.random.Lognormal;
import io.stagesim.random.RandomStream;
import io.stagesim.random.Sampler;
import io.stagesim.random.StreamFactory;
import io.stagesim.random.TruncatedNormal;
import io.stagesim.random.Uniform;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import umontreal.ssj.randvar.ExponentialGen;
import umontreal.ssj.rng.MRG32k3a;

/**
 * Nanoseconds per sample of each stagesim distribution, through its {@link Sampler} exactly as the
 * model draws it (mean 1 ms where the distribution has one), with the uniform generators
 * underneath for reference: stagesim's {@link RandomStream} (xoshiro256++), its inversion
 * exponential used by open arrivals, {@link SplittableRandom}, and SSJ's MRG32k3a and inversion
 * exponential used by the SSJ M/M/1 peer in {@link MM1Bench}.
 *
 * <p>Run (from the repository root, after building the benchmarks jar):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar DistributionBench -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DistributionBench {

    private static final double MS = 1_000_000;

    private RandomStream stream;
    private SplittableRandom splittable;
    private MRG32k3a mrg;
    private ExponentialGen ssjExponential;
    private Sampler exponential;
    private Sampler lognormal;
    private Sampler erlang;
    private Sampler truncatedNormal;
    private Sampler uniform;
    private Sampler boundedPareto;

    @Setup
    public void setUp() {
        StreamFactory streams = new StreamFactory(42, 0);
        stream = streams.stream("raw");
        splittable = new SplittableRandom(42);
        mrg = new MRG32k3a();
        ssjExponential = new ExponentialGen(new MRG32k3a(), 1.0);
        exponential = new Exponential(MS).sampler(streams.stream("exponential"));
        lognormal = Lognormal.ofMeanCv(MS, 1.5).sampler(streams.stream("lognormal"));
        erlang = Gamma.erlang(4, MS).sampler(streams.stream("erlang"));
        truncatedNormal = new TruncatedNormal(MS, 0.5 * MS).sampler(streams.stream("normal"));
        uniform = new Uniform(0.5 * MS, 1.5 * MS).sampler(streams.stream("uniform"));
        boundedPareto = new BoundedPareto(1.5, 0.1 * MS, 100 * MS).sampler(streams.stream("pareto"));
    }

    /** Exponential, mean 1 ms (Commons Math, Ahrens–Dieter). */
    @Benchmark
    public long exponential() {
        return exponential.sample();
    }

    /** Lognormal, mean 1 ms, CV 1.5. */
    @Benchmark
    public long lognormal() {
        return lognormal.sample();
    }

    /** Erlang-4, mean 1 ms (Gamma, Marsaglia–Tsang). */
    @Benchmark
    public long erlang4() {
        return erlang.sample();
    }

    /** Normal(1 ms, 0.5 ms) truncated at zero. */
    @Benchmark
    public long truncatedNormal() {
        return truncatedNormal.sample();
    }

    /** Uniform on [0.5 ms, 1.5 ms]. */
    @Benchmark
    public long uniform() {
        return uniform.sample();
    }

    /** Bounded Pareto, alpha 1.5, on [0.1 ms, 100 ms]. */
    @Benchmark
    public long boundedPareto() {
        return boundedPareto.sample();
    }

    /** Reference: one xoshiro256++ uniform double. */
    @Benchmark
    public double streamNextDouble() {
        return stream.nextDouble();
    }

    /** Reference: stagesim's inversion exponential (what OpenSource draws per arrival). */
    @Benchmark
    public double streamNextStandardExponential() {
        return stream.nextStandardExponential();
    }

    /** Reference: the JDK's SplittableRandom. */
    @Benchmark
    public double splittableRandomNextDouble() {
        return splittable.nextDouble();
    }

    /** Reference: SSJ's MRG32k3a uniform. */
    @Benchmark
    public double ssjMrg32k3aNextDouble() {
        return mrg.nextDouble();
    }

    /** Reference: SSJ's inversion exponential on MRG32k3a (the SSJ M/M/1 peer's generator). */
    @Benchmark
    public double ssjExponential() {
        return ssjExponential.nextDouble();
    }
}
