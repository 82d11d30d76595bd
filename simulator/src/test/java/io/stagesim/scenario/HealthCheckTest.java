package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A managed balancer's health checks are requests: they queue behind the requests a backend is
 * already holding, so a backend that is alive but too slow fails them. Two one-worker backends at
 * 25 page views/s each (10 ms of CPU per view); from 60 s app "a" runs everything 1,000 times
 * slower. The check at 60 s finds at most one request ahead of it and passes (its own 1 ms becomes
 * 1 s, within the 5 s timeout); by the check at 90 s some 750 requests are queued there, so it and
 * the one at 120 s time out, at 95 s and 125 s: the second failure takes "a" out, 65 s after the
 * fault began.
 */
final class HealthCheckTest {

    private static final String TEXT = """
            name: slow-backend
            run: {duration: 200s, warmup: 0s, replications: 2, seed: 4}
            network: {same_host_rtt: 0s, datacenter_rtt: 0s}
            hosts:
              ha: {cores: 1, memory: 1GiB}
              hb: {cores: 1, memory: 1GiB}
            services:
              browser: {type: browser, rate: 50/s, rtt: 0s, target: balancer}
              balancer: {type: load_balancer, managed_latency: 0s, backends: [a, b]}
              a: {type: app_server, host: ha, workers: 1, memory_per_worker: 100MiB}
              b: {type: app_server, host: hb, workers: 1, memory_per_worker: 100MiB}
            requests:
              page:
                view:
                  cpu: 10ms
            faults:
              - {type: slow_dependency, target: a, at: 60s, for: 120s, factor: 1000}
            """;

    @Test
    void aSlowBackendFailsItsChecks_andIsTakenOut() throws ScenarioException {
        Scenario s = ScenarioLoader.loadText("slow.yaml", TEXT, Path.of("."));
        for (int i = 0; i < 2; i++) {
            ReplicationResult r = Conservation.replication(s, i);
            double detect = r.faults().get(0).detectS();
            System.out.println("replication " + i + ": the slow backend was taken out after " + detect + " s");
            assertEquals(65, detect, 1e-6);
            assertTrue(r.faults().get(0).completed() > 0);
        }
    }
}
