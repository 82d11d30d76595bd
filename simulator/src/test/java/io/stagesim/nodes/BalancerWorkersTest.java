package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * NGINX as a balancer runs its CPU in single-threaded worker processes, as NGINX as a proxy does:
 * with 5 ms of CPU a request and 16 users who never think, one worker process on a 2-core host
 * carries 1 / 5 ms = 200 requests a second (one core busy), two carry 400 (both); the backend, on
 * its own host, costs nothing. Over the 10 s measured, 2,000 and 4,000 requests (the CPU is
 * deterministic), give or take one ending at the edge of the measured period. Without the cap one
 * process carried 4,016.
 */
final class BalancerWorkersTest {

    private static ReplicationResult run(int workers) throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("lb-workers.yaml", """
                name: balancer-workers
                run: {duration: 11s, warmup: 1s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  lb: {cores: 2, memory: 4GiB}
                  web: {cores: 4, memory: 4GiB}
                services:
                  browser: {type: browser, users: 16, think: 0s, rtt: 0s, target: balancer, connection_reuse: 0}
                  balancer: {type: load_balancer, host: lb, backends: [app], cpu: 5ms, workers: %d}
                  app: {type: app_server, host: web, workers: 32}
                requests:
                  page:
                    response_size: 0B
                    view: {cpu: 0s}
                """.formatted(workers), Path.of(".")), 0);
    }

    @Test
    void oneWorkerProcess_usesOneCore() throws ScenarioException {
        ReplicationResult one = run(1);
        assertEquals(2_000, one.all().completed(), 1);
        ReplicationResult two = run(2);
        assertEquals(4_000, two.all().completed(), 2);
    }
}
