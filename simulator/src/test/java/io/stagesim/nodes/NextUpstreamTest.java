package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * NGINX's proxy_next_upstream defaults to {@code error timeout}, and since 1.9.13 a request with a
 * non-idempotent method (a POST) that was already sent to a server is not passed to the next one
 * unless {@code non_idempotent} is given; one that was never sent (the connection refused) always
 * is. One user posting a form (a write to the database) a second after the last ended (users start
 * by thinking): page view 0, at 1 s, goes to a (round robin), and a's processes die at 2 s in the
 * middle of its 2 s of CPU (mode reset: the connection is reset), for 5 s. By default that post
 * fails (host_down) and is counted in writes_not_passed_on; with non_idempotent it is passed to b
 * and completes. NGINX has marked a down for 10 s, so the later page views all go to b.
 */
final class NextUpstreamTest {

    /** Two app servers behind NGINX ({@code options} added to its settings); a's host crashes at {@code crashAt}. */
    private static ReplicationResult run(String options, String crashAt) throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("posts.yaml", """
                name: posts
                run: {duration: 12s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  lbh: {cores: 1, memory: 4GiB}
                  ha: {cores: 1, memory: 4GiB}
                  hb: {cores: 1, memory: 4GiB}
                  dbh: {cores: 1, memory: 4GiB}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: lb}
                  lb: {type: load_balancer, host: lbh, workers: 1, backends: [a, b]%s}
                  a: {type: app_server, host: ha, workers: 1, conn_max_age: unlimited}
                  b: {type: app_server, host: hb, workers: 1, conn_max_age: unlimited}
                  db: {type: database, host: dbh}
                requests:
                  post:
                    view: {cpu: 2s, calls: [{service: db, cpu: 1ms, write: true}]}
                faults:
                  - {type: host_crash, target: ha, at: %s, for: 5s, mode: reset}
                """.formatted(options, crashAt), Path.of(".")), 0);
    }

    private static long counter(ReplicationResult r, String what) {
        return r.counters().stream().filter(c -> c.what().equals(what)).findFirst().orElseThrow().count();
    }

    @Test
    void aPostResetByACrash_isNotResent_unlessNonIdempotent() throws ScenarioException {
        ReplicationResult plain = run("", "2s");
        ReplicationResult resent = run(", non_idempotent: true", "2s");
        assertEquals(1, plain.all().errors().getOrDefault("host_down", 0L), "the post under way fails");
        assertEquals(1, counter(plain, "writes_not_passed_on"));
        assertEquals(0, counter(plain, "passive_retries"));
        assertEquals(0, resent.all().errors().values().stream().mapToLong(Long::longValue).sum(), "passed on");
        assertEquals(0, counter(resent, "writes_not_passed_on"));
        assertEquals(1, counter(resent, "passive_retries"));
    }

    // A post that meets a refused connection was never sent: passed on by default. Page view 0 runs
    // on a from 1 to 3 s, page view 1 on b from 4 to 6 s; a's processes die at 5.5 s, so page view 2
    // (7 s) is refused by a and passed to b.
    @Test
    void aPostRefused_isPassedOn() throws ScenarioException {
        ReplicationResult r = run("", "5500ms");
        assertEquals(0, r.all().errors().values().stream().mapToLong(Long::longValue).sum(), "passed on");
        assertEquals(0, counter(r, "writes_not_passed_on"));
        assertEquals(1, counter(r, "passive_retries"));
    }
}
