package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.stats.ConfidenceInterval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The balancer's policies against queueing theory. N identical backends, each one Gunicorn worker
 * alone on a one-core host with exponential 10 ms views (μ = 100/s), Poisson page views, no network
 * delay, and a managed balancer with no added latency whose first health check comes after the
 * run: a page view's latency is its response time at the backend the policy chose. Each check asks
 * the 99.9 % confidence interval over the replications (fixed seeds) to hold the exact answer and
 * to be narrow enough to tell the policies apart.
 */
final class BalancerPolicyTest {

    private static final double MU = 100;

    /** N backends behind a managed balancer with {@code policy}, at {@code rate} page views/s. */
    static String scenario(String policy, int n, double rate, String run) {
        String hosts = IntStream.range(0, n).mapToObj(i -> "  h" + i + ": {cores: 1}\n").collect(Collectors.joining());
        String apps = IntStream.range(0, n).mapToObj(i -> "  a" + i + ": {type: app_server, host: h" + i
                + ", workers: 1}\n").collect(Collectors.joining());
        String backends = IntStream.range(0, n).mapToObj(i -> "a" + i).collect(Collectors.joining(", "));
        return "name: " + policy + "\n"
                + "run: " + run + "\n"
                + "network: {datacenter_rtt: 0s, same_host_rtt: 0s}\n"
                + "hosts:\n" + hosts
                + "services:\n"
                + "  browser: {type: browser, rate: " + rate + "/s, rtt: 0s, target: lb}\n"
                + "  lb: {type: load_balancer, policy: " + policy + ", backends: [" + backends + "], "
                + "managed_latency: 0s, health_interval: 1h}\n"
                + apps
                + "requests:\n"
                + "  page:\n"
                + "    view: {cpu: exponential(10ms)}\n";
    }

    private static List<ReplicationResult> run(String yaml) throws ScenarioException {
        Scenario s = ScenarioLoader.loadText("policy.yaml", yaml, Path.of("."));
        List<ReplicationResult> reps = new ArrayList<>();
        for (int i = 0; i < s.run().replications(); i++) {
            reps.add(Conservation.replication(s, i));
        }
        return reps;
    }

    private static ConfidenceInterval ci(List<ReplicationResult> reps, ToDoubleFunction<ReplicationResult> f) {
        return ConfidenceInterval.of(reps.stream().mapToDouble(f).toArray(), 0.999);
    }

    private static double meanMs(ReplicationResult r) {
        return r.all().latency().mean() / 1e6;
    }

    private static void check(String what, ConfidenceInterval ci, double exact, double precision) {
        String line = what + ": exact " + exact + ", simulated " + ci;
        System.out.println(line);
        assertTrue(ci.contains(exact), line);
        assertTrue(ci.halfWidth() <= precision * exact, "interval too wide: " + line);
    }

    // Random assignment splits a Poisson stream into N independent Poisson streams of λ/N: N
    // independent M/M/1 queues, response time exponential with rate μ − λ/N.
    @Test
    void random_fourServers_areFourIndependentMm1Queues() throws ScenarioException {
        double lambda = 280; // ρ = 0.7 at each server
        List<ReplicationResult> reps = run(scenario("random", 4, lambda,
                "{duration: 300s, warmup: 10s, replications: 10, seed: 1}"));
        double rate = MU - lambda / 4; // 30/s
        // measured: 33.07 ± 0.63 ms and 149.9 ± 4.7 ms (99.9 %)
        check("mean response (ms)", ci(reps, BalancerPolicyTest::meanMs), 1000 / rate, 0.04);
        check("p99 response (ms)", ci(reps, r -> r.all().latency().p99() / 1e6), 1000 * Math.log(100) / rate, 0.07);
    }

    // Join the shortest queue with two servers has no closed form: its exact mean comes from the
    // Markov chain of the two queue lengths, solved here; round robin (38.7 ms) and a central
    // queue (M/M/2, 19.6 ms) are both far outside the interval.
    @Test
    void leastConn_twoServers_matchesTheMarkovChain() throws ScenarioException {
        double lambda = 140; // ρ = 0.7
        double exact = 1000 * JoinTheShortestQueue.meanResponse(lambda, MU, 60); // 21.082 ms
        List<ReplicationResult> reps = run(scenario("least_conn", 2, lambda,
                "{duration: 300s, warmup: 10s, replications: 20, seed: 1}"));
        // measured: 21.03 ± 0.33 ms (99.9 %)
        check("mean response (ms)", ci(reps, BalancerPolicyTest::meanMs), exact, 0.03);
    }

    // Two random choices, the supermarket model (Mitzenmacher 2001): as N → ∞ the share of queues
    // holding at least i is λ^(2^i − 1) (per-server load λ, μ = 1), so the mean number per queue is
    // Σ λ^(2^i − 1) and, by Little's law, the mean response is that over λ. At λ = 0.7 the limit is
    // 1.6145 service times (M/M/1 would be 3.33). For finite N it is approached from above as ~0.75/N:
    // simulating the exact N-queue chain on its own (uniformised, 10 runs of 2·10^5 service times)
    // puts the exact value 7.9 % above the limit at N = 10, 3.8 % at 20, 1.6 % at 50 and
    // 0.73 % ± 0.02 % (s.e.) at 100. So with N = 100 the interval must meet [limit, limit × 1.01].
    @Test
    void twoChoices_hundredServers_approachTheSupermarketLimit() throws ScenarioException {
        double load = 0.7;
        double perQueue = 0;
        for (int i = 1; i < 40; i++) {
            perQueue += Math.pow(load, Math.pow(2, i) - 1);
        }
        double limit = 1000 / MU * perQueue / load; // 16.145 ms
        List<ReplicationResult> reps = run(scenario("two_choices", 100, 100 * load * MU,
                "{duration: 27s, warmup: 2s, replications: 10, seed: 1}"));
        ConfidenceInterval ci = ci(reps, BalancerPolicyTest::meanMs);
        // measured: 16.27 ± 0.14 ms (99.9 %); the finite-N value 16.26 ms
        String line = "mean response (ms): limit " + limit + ", with N = 100 up to 1 % more; simulated " + ci;
        System.out.println(line);
        assertTrue(ci.upper() >= limit && ci.lower() <= 1.01 * limit, line);
        assertTrue(ci.halfWidth() <= 0.01 * limit, "interval too wide: " + line);
    }
}
