package io.stagesim.bench;

import io.stagesim.run.ReplicationResult;
import io.stagesim.run.ScenarioRun;
import io.stagesim.scenario.RunSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * End-to-end speed of the shipped stage scenarios: one whole replication (model built, 60 s of
 * simulated time at the given rate, no warm-up, statistics on, results summarised) per invocation, on one
 * thread. The score is milliseconds per replication; {@link #main} prints the replication's page
 * views, HTTP requests and events, so that ns per request and per event follow (the README of this
 * module records them). Allocation per request is {@code gc.alloc.rate.norm} divided by the requests.
 *
 * <p>Run from the repository root (it reads {@code scenarios/}):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar StageBench -prof gc
 * java -cp benchmarks/target/benchmarks.jar io.stagesim.bench.StageBench   # the counts
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StageBench {

    /** Stage file and offered page views per second: near each stage's capacity. */
    @Param({"stage-3-nginx.yaml:110", "stage-7-load-balancer.yaml:500"})
    public String stage;

    private Scenario scenario;

    /** Loads the stage with the benchmark's run settings. */
    @Setup
    public void load() throws ScenarioException {
        scenario = scenario(stage);
    }

    static Scenario scenario(String spec) throws ScenarioException {
        String[] parts = spec.split(":");
        Path dir = Files.isDirectory(Path.of("scenarios")) ? Path.of("scenarios") : Path.of("..", "scenarios");
        Scenario s = ScenarioLoader.load(dir.resolve(parts[0]));
        return s.withPeakRate(Double.parseDouble(parts[1]))
                .withRun(new RunSpec(60_000_000_000L, 0, 1, 1, 1_000_000_000L));
    }

    /** One replication. */
    @Benchmark
    public ReplicationResult replication() {
        return ScenarioRun.replication(scenario, 0);
    }

    /** Prints each stage's page views, HTTP requests and events per replication. */
    public static void main(String[] args) throws ScenarioException {
        for (String spec : new String[] {"stage-3-nginx.yaml:110", "stage-7-load-balancer.yaml:500"}) {
            Scenario s = scenario(spec);
            ReplicationResult r = ScenarioRun.replication(s, 0);
            long views = 0;
            long requests = 0;
            for (ReplicationResult.ClassRow c : r.classes()) {
                views += c.offered();
                requests += c.offered() * (1 + s.requests().get(c.name()).assets());
            }
            System.out.printf("%s: %d events, %d page views, %d HTTP requests (%.1f events per page view, "
                    + "%.1f per request)%n", spec, r.events(), views, requests, r.events() / (double) views,
                    r.events() / (double) requests);
        }
    }

}
