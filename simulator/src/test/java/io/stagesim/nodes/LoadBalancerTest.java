package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The load balancer's limits and its view of its backends, traced by hand: one try per backend, a
 * full connection table, a target coming back behind a managed balancer, and the only server of an
 * NGINX upstream.
 */
final class LoadBalancerTest {

    private static ReplicationResult run(String yaml) throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("lb.yaml", yaml, Path.of(".")), 0);
    }

    private static long counter(ReplicationResult r, String what) {
        return r.counters().stream().filter(c -> c.what().equals(what)).findFirst().orElseThrow().count();
    }

    // NGINX passes a request whose backend refused it to the next one, at most once per backend:
    // with all three backends' hosts down for the whole run, every page view is tried on each of
    // them (two passes) and fails with host_down.
    @Test
    void everyBackendDown_eachRequestTriesEachBackendOnce() throws ScenarioException {
        ReplicationResult r = run("""
                name: all-down
                run: {duration: 20s, warmup: 0s, replications: 1, seed: 1}
                hosts:
                  lbhost: {cores: 2, memory: 4GiB}
                  h1: {cores: 1, memory: 4GiB}
                  h2: {cores: 1, memory: 4GiB}
                  h3: {cores: 1, memory: 4GiB}
                services:
                  browser: {type: browser, rate: 10/s, rtt: 0s, target: lb}
                  lb: {type: load_balancer, host: lbhost, backends: [a1, a2, a3]}
                  a1: {type: app_server, host: h1, workers: 1}
                  a2: {type: app_server, host: h2, workers: 1}
                  a3: {type: app_server, host: h3, workers: 1}
                requests:
                  page:
                    view: {cpu: 10ms}
                faults:
                  - {type: host_crash, target: h1, mode: reset}
                  - {type: host_crash, target: h2, mode: reset}
                  - {type: host_crash, target: h3, mode: reset}
                """);
        long pages = r.all().offered();
        assertTrue(pages > 150, "page views " + pages);
        assertEquals(pages, r.all().errors().get("host_down") + r.all().unfinished());
        assertEquals(2 * r.all().errors().get("host_down"), counter(r, "passive_retries"));
    }

    // A full connection table fails the request at once as proxy_connections_exhausted: two
    // connections, three users arriving together at 10 s on 5 s views; the third is refused at 10 s.
    @Test
    void connectionTableFull_failsAtOnceAsProxyConnectionsExhausted() throws ScenarioException {
        ReplicationResult r = run("""
                name: table-full
                run: {duration: 14s, warmup: 0s, replications: 1, seed: 1}
                hosts:
                  lbhost: {cores: 2, memory: 4GiB}
                  apphost: {cores: 4, memory: 4GiB}
                services:
                  browser: {type: browser, users: 3, think: 10s, rtt: 0s, target: lb}
                  lb: {type: load_balancer, host: lbhost, backends: [app], worker_connections: 2}
                  app: {type: app_server, host: apphost, workers: 3}
                requests:
                  page:
                    view: {cpu: 5s}
                """);
        assertEquals(1, r.series().errors().get("proxy_connections_exhausted")[10]);
        assertEquals(1, r.all().failed());
        assertEquals(2, r.all().unfinished());
        ReplicationResult.ResourceRow table = r.resources().stream().filter(x -> x.service().equals("lb"))
                .findFirst().orElseThrow();
        assertEquals(3, table.requests());
        assertEquals(1, table.rejected());
    }

    // A target registered again with a managed balancer (after a rolling restart) waits for its
    // health checks, as an ELB's does: checks every 10 s. App a leaves at 20 s (nothing to drain), is
    // back up at 25 s and registered; the check at 30 s passes (answered 1 ms later, a static file's
    // CPU), and with the ALB's initial threshold of one check that puts it in service: the deploy sees
    // it at its next look, every 100 ms, at 30.1 s, 10.1 s after it began. With an initial threshold
    // of 3 the checks at 30, 40 and 50 s must pass: 50.1 s, 30.1 s after. Straight into rotation it
    // would have taken 5 s.
    @Test
    void managedBalancer_reRegisteredTarget_waitsForItsInitialHealthChecks() throws ScenarioException {
        assertEquals(10.1, reRegistered("").faults().get(0).lastedS(), 1e-9);
        assertEquals(30.1, reRegistered(", initial_threshold: 3").faults().get(0).lastedS(), 1e-9);
    }

    private static ReplicationResult reRegistered(String options) throws ScenarioException {
        return run("""
                name: re-register
                run: {duration: 100s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  ha: {cores: 1, memory: 4GiB}
                  hb: {cores: 1, memory: 4GiB}
                services:
                  browser: {type: browser, users: 1, think: 1000s, rtt: 0s, target: lb}
                  lb: {type: load_balancer, backends: [a, b], health_interval: 10s%s}
                  a: {type: app_server, host: ha, workers: 1}
                  b: {type: app_server, host: hb, workers: 1}
                requests:
                  page:
                    view: {cpu: 10ms}
                faults:
                  - {type: deploy, target: [a], at: 20s, drain: 30s, boot: 5s}
                """.formatted(options));
    }

    // NGINX never marks the only server of an upstream down: while its host is down requests fail,
    // and the moment it is back they reach it again (no 10 s fail_timeout to wait out); no balancer
    // ever took it out, and nothing was passed on. One user, a page a second, a crash from 10 to 15 s.
    @Test
    void nginxOnlyServer_isNeverMarkedDown() throws ScenarioException {
        ReplicationResult r = run("""
                name: only-server
                run: {duration: 30s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  lbhost: {cores: 1, memory: 4GiB}
                  ha: {cores: 1, memory: 4GiB}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: lb}
                  lb: {type: load_balancer, host: lbhost, backends: [a], fail_timeout: 10s}
                  a: {type: app_server, host: ha, workers: 1}
                requests:
                  page:
                    view: {cpu: 10ms}
                faults:
                  - {type: host_crash, target: ha, at: 10s, for: 5s, mode: reset}
                """);
        ReplicationResult.FaultRow crash = r.faults().get(0);
        assertTrue(Double.isNaN(crash.detectS()), "taken out after " + crash.detectS() + " s");
        assertEquals(0, counter(r, "passive_retries"));
        long[] failed = r.series().errors().get("host_down");
        long[] completed = r.series().completed();
        for (int w = 15; w < 30; w++) {
            assertEquals(0, failed[w], "window " + w + " after the crash");
            assertTrue(completed[w] > 0, "window " + w + " after the crash");
        }
        assertEquals(5, java.util.Arrays.stream(failed).sum(), "one page a second failed during the crash");
    }
}
