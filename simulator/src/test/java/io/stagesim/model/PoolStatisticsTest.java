package io.stagesim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesim.Conservation;
import io.stagesim.analytic.ErlangB;
import io.stagesim.analytic.ErlangC;
import io.stagesim.report.JsonReporter;
import io.stagesim.run.ReplicationResult;
import io.stagesim.run.ScenarioResult;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.stats.ConfidenceInterval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/**
 * A pool's statistics as results.json reports them, against queueing theory. Gunicorn's workers fed
 * by the backlog are an M/M/c queue (Erlang C); PostgreSQL's connection table, which refuses when
 * full, is an M/M/c/c loss system (Erlang B). The file's figures are means over replications with
 * a 95 % half-width; each is checked with its 99.9 % half-width (the 95 % one × t(0.9995)/t(0.975)),
 * and must be narrow enough to mean something.
 */
final class PoolStatisticsTest {

    private static final double MU = 100;

    private static List<ReplicationResult> replications(Scenario s) {
        List<ReplicationResult> reps = new ArrayList<>();
        for (int i = 0; i < s.run().replications(); i++) {
            reps.add(Conservation.replication(s, i));
        }
        return reps;
    }

    /** The resource of {@code service} in results.json, as written for these replications. */
    private static JsonNode resultsJson(Scenario s, List<ReplicationResult> reps, String service) throws Exception {
        JsonNode root = new ObjectMapper().readTree(JsonReporter.toJson(ScenarioResult.of(s, reps)));
        for (JsonNode x : root.get("resources")) {
            if (x.get("service").asText().equals(service) && x.get("kind").asText().equals("pool")) {
                return x;
            }
        }
        throw new AssertionError("no pool of " + service + " in results.json");
    }

    private static void check(String what, JsonNode figure, int replications, double exact, double precision) {
        TDistribution t = new TDistribution(replications - 1);
        double halfWidth = figure.get("ci95").asDouble() * t.inverseCumulativeProbability(0.9995)
                / t.inverseCumulativeProbability(0.975);
        double mean = figure.get("mean").asDouble();
        String line = String.format(java.util.Locale.ROOT, "%s: exact %.5g, results.json %.5g ± %.3g (99.9 %%)", what,
                exact, mean, halfWidth);
        System.out.println(line);
        assertTrue(Math.abs(mean - exact) <= halfWidth, line);
        assertTrue(halfWidth <= precision * exact, "interval too wide: " + line);
    }

    // Four workers on four cores, 10 ms exponential views, 320 page views/s (ρ = 0.8): C(4, 3.2) =
    // 0.5964 of requests wait, the mean wait is C / (cμ − λ) = 7.455 ms, the mean backlog
    // λ·Wq = 2.386, P(wait > t) = C·e^(−80 t) so P(wait > 10 ms) = 0.2680 and the p99 wait is
    // ln(100 C) / 80 = 51.10 ms.
    @Test
    void workerPool_isAnMmcQueue_itsWaitsAndBacklogMatchErlangC() throws Exception {
        Scenario s = ScenarioLoader.loadText("mmc.yaml", """
                name: mmc
                run: {duration: 300s, warmup: 10s, replications: 20, seed: 1}
                hosts:
                  server: {cores: 4, memory: 2GiB}
                services:
                  browser: {type: browser, rate: 320/s, rtt: 0s, target: app}
                  app: {type: app_server, host: server, workers: 4}
                requests:
                  page:
                    view: {cpu: exponential(10ms)}
                """, Path.of("."));
        double lambda = 320;
        List<ReplicationResult> reps = replications(s);
        JsonNode pool = resultsJson(s, reps, "app");
        int n = reps.size();
        // measured: 7.566 ± 0.280 ms, 51.75 ± 2.87 ms, 2.420 ± 0.092, 0.8004 ± 0.0031 and 0.2699 ± 0.0087
        check("mean wait (ms)", pool.get("mean_wait_ms"), n, 1000 * ErlangC.meanWait(4, lambda, MU), 0.06);
        check("p99 wait (ms)", pool.get("p99_wait_ms"), n, 1000 * ErlangC.waitQuantile(4, lambda, MU, 0.99), 0.08);
        check("mean queue length", pool.get("mean_queue_length"), n, ErlangC.meanNumberInQueue(4, lambda, MU), 0.06);
        check("utilisation", pool.get("utilization"), n, lambda / (4 * MU), 0.01);
        assertEquals(0, pool.get("rejected").get("mean").asDouble(), "an unbounded backlog rejects nothing");
        // P(wait > 10 ms), from each replication's histogram of waits
        ConfidenceInterval above = ConfidenceInterval.of(reps.stream().mapToDouble(r -> r.resources().stream()
                .filter(x -> x.service().equals("app")).findFirst().orElseThrow().waitTime().histogram()
                .fractionAbove(10_000_000)).toArray(), 0.999);
        double tail = ErlangC.waitTail(4, lambda, MU, 0.010);
        System.out.println("P(wait > 10 ms): exact " + tail + ", simulated " + above);
        assertTrue(above.contains(tail) && above.halfWidth() <= 0.06 * tail, above + " against " + tail);
    }

    // PostgreSQL's table of 8 connections (max_connections 8, none reserved) refuses when full; each
    // view holds one for its query alone (10 ms exponential, on a host with cores to spare): an
    // M/M/8/8 loss system at 600/s, a = 6 erlangs, whose share refused is Erlang B(8, 6) = 0.1219
    // (PASTA: Poisson arrivals see the time average). Each refusal fails its page view.
    @Test
    void connectionTable_isALossSystem_itsRejectionsMatchErlangB() throws Exception {
        Scenario s = ScenarioLoader.loadText("mmcc.yaml", """
                name: mmcc
                run: {duration: 100s, warmup: 10s, replications: 10, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 16, memory: 16GiB}
                  dbhost: {cores: 16, memory: 4GiB}
                services:
                  browser: {type: browser, rate: 600/s, rtt: 0s, target: app}
                  app: {type: app_server, host: web, workers: 100, db_connect_cpu: 0s, db_setup_cpu: 0s}
                  db: {type: database, host: dbhost, connect_cpu: 0s, cold_cache_cpu: 0s, max_connections: 8, reserved_connections: 0}
                requests:
                  page:
                    view:
                      calls:
                        - {service: db, cpu: exponential(10ms)}
                """, Path.of("."));
        double blocking = ErlangB.blocking(8, 6.0);
        List<ReplicationResult> reps = replications(s);
        JsonNode pool = resultsJson(s, reps, "db");
        ConfidenceInterval refused = ConfidenceInterval.of(reps.stream().mapToDouble(r -> {
            ReplicationResult.ResourceRow x = r.resources().stream().filter(y -> y.service().equals("db")
                    && y.kind().equals("pool")).findFirst().orElseThrow();
            return x.rejected() / (double) x.requests();
        }).toArray(), 0.999);
        // measured: 0.1208 ± 0.0040 (99.9 %)
        System.out.println("share refused: exact " + blocking + ", simulated " + refused);
        assertTrue(refused.contains(blocking) && refused.halfWidth() <= 0.05 * blocking, refused.toString());
        double meanRejected = reps.stream().mapToDouble(r -> r.all().errors().get("db_too_many_connections"))
                .average().orElseThrow();
        assertEquals(meanRejected, pool.get("rejected").get("mean").asDouble(), 1e-9,
                "results.json counts the refusals, one per failed page view");
        check("page views failed", new ObjectMapper().readTree(JsonReporter.toJson(ScenarioResult.of(s, reps)))
                .get("requests").get("page").get("error_rate"), reps.size(), blocking, 0.05);
    }
}
