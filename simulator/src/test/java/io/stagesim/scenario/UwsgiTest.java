package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.analytic.ErlangC;
import io.stagesim.run.ReplicationResult;
import io.stagesim.stats.ConfidenceInterval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * uWSGI, the kind added through the registry alone: checked against numbers worked out by hand.
 * Its processes are the servers of an M/M/c queue (Erlang C), harakiri kills exactly the requests
 * whose service outlasts it, and max-requests recycling keeps slots busy as Little's law says.
 */
final class UwsgiTest {

    private static Scenario scenario(String uwsgi, String rate, String cores) throws ScenarioException {
        return ScenarioLoader.loadText("uwsgi.yaml", """
                name: uwsgi
                run: {duration: 500s, warmup: 10s, replications: 8, seed: 1}
                hosts:
                  server: {cores: %s, memory: 4GiB}
                services:
                  browser: {type: browser, rate: %s, rtt: 0s, target: app}
                  app: %s
                requests:
                  page:
                    view: {cpu: exponential(10ms)}
                """.formatted(cores, rate, uwsgi), Path.of("."));
    }

    private static List<ReplicationResult> run(Scenario s) {
        List<ReplicationResult> reps = new ArrayList<>();
        for (int i = 0; i < s.run().replications(); i++) {
            reps.add(Conservation.replication(s, i));
        }
        return reps;
    }

    private static ConfidenceInterval ci(List<ReplicationResult> reps, ToDoubleFunction<ReplicationResult> f) {
        return ConfidenceInterval.of(reps.stream().mapToDouble(f).toArray(), 0.999);
    }

    // Four processes on four cores, Poisson arrivals at 300/s, exponential service of 10 ms: M/M/4
    // with a = λ/μ = 3 and ρ = 0.75. By hand: Erlang B(4, 3) = (81/24) / (1 + 3 + 9/2 + 27/6 + 81/24)
    // = 0.20611; C = B / (1 − ρ(1 − B)) = 0.50944; Wq = C / (cμ − λ) = 5.094 ms; W = Wq + 10 ms =
    // 15.094 ms. The listen queue (100 by default) is never full at this load.
    @Test
    void processes_areTheServersOfAnMMcQueue() throws ScenarioException {
        double byHand = 0.015094;
        assertEquals(byHand, ErlangC.meanResponseTime(4, 300, 100), 1e-6);
        Scenario s = scenario("{type: uwsgi, host: server, processes: 4}", "300/s", "4");
        List<ReplicationResult> reps = run(s);
        ConfidenceInterval w = ci(reps, r -> r.classes().get(0).latency().mean() / 1e9);
        ConfidenceInterval u = ci(reps, r -> r.resources().stream().filter(x -> x.service().equals("app"))
                .findFirst().orElseThrow().utilization());
        System.out.println("uWSGI M/M/4: mean response " + w + " s (Erlang C " + byHand + "), utilisation " + u
                + " (0.75)");
        assertTrue(w.contains(byHand) && w.relativeHalfWidth() < 0.03, "mean response " + w);
        assertTrue(u.contains(0.75) && u.relativeHalfWidth() < 0.02, "utilisation " + u);
        assertTrue(reps.get(0).resources().stream().anyMatch(x -> x.resource().equals("4 processes × 1 threads (listen 100)")),
                "the listen queue's default is uWSGI's 100");
    }

    // harakiri: 20 ms kills the worker of every request whose service outlasts it, so with an
    // exponential service of mean 10 ms a share e^(−20/10) = e^−2 = 13.53 % of page views fail as
    // worker_timeout, whatever the queueing (the clock starts when a process takes the request).
    // Eight cores for four processes keep the killed workers' leftover CPU from slowing the others.
    @Test
    void harakiri_killsTheRequestsThatOutlastIt() throws ScenarioException {
        double byHand = Math.exp(-2);
        Scenario s = scenario("{type: uwsgi, host: server, processes: 4, harakiri: 20ms}", "50/s", "8");
        List<ReplicationResult> reps = run(s);
        ConfidenceInterval killed = ci(reps, r -> {
            ReplicationResult.ClassRow c = r.classes().get(0);
            return (double) c.errors().getOrDefault("worker_timeout", 0L) / (c.completed() + c.failed());
        });
        System.out.println("uWSGI harakiri 20 ms: page views killed " + killed + " (e^-2 = " + byHand + ")");
        assertTrue(killed.contains(byHand) && killed.relativeHalfWidth() < 0.1, "killed " + killed);
        ReplicationResult first = reps.get(0);
        long kills = first.counters().stream().filter(c -> c.what().equals("harakiri_kills")).findFirst()
                .orElseThrow().count();
        long failed = first.classes().get(0).failed();
        assertTrue(Math.abs(kills - failed) <= 4, "each failure is a kill: " + kills + " kills, " + failed + " failed");
    }

    // max_requests: 10 restarts a worker after every ten requests, its slot out for the 100 ms
    // respawn. By Little's law the slots are busy λ(S + R/N) = 100/s × (10 ms + 100 ms / 10) = 2 on
    // average: utilisation 2/4 = 0.5, where it would be 0.25 without recycling; and one recycle is
    // counted per ten requests served.
    @Test
    void maxRequests_keepsASlotPerRecycleBusyForTheRespawn() throws ScenarioException {
        Scenario s = scenario("{type: uwsgi, host: server, processes: 4, max_requests: 10}", "100/s", "4");
        List<ReplicationResult> reps = run(s);
        ConfidenceInterval u = ci(reps, r -> r.resources().stream().filter(x -> x.service().equals("app"))
                .findFirst().orElseThrow().utilization());
        System.out.println("uWSGI max_requests 10: utilisation " + u + " (0.5 by Little's law)");
        assertTrue(u.contains(0.5) && u.relativeHalfWidth() < 0.03, "utilisation " + u);
        for (ReplicationResult r : reps) {
            long recycles = r.counters().stream().filter(c -> c.what().equals("recycles")).findFirst().orElseThrow()
                    .count();
            long served = r.classes().get(0).completed();
            assertTrue(Math.abs(recycles - served / 10.0) <= 2, recycles + " recycles for " + served + " served");
        }
    }
}
