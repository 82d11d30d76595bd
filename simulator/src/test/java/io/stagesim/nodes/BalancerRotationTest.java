package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.assembly.WebModel;
import io.stagesim.scenario.ScenarioException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Which backend a balancer chooses when some are out of rotation (a deploy draining them) and
 * others are marked down (failures), counted exactly at the backends: a backend out of rotation
 * gets no request at all, a backend marked down gets none while another is usable, and with none
 * usable the balancer fails open to those still in rotation. Also what the rotation calls answer.
 */
final class BalancerRotationTest {

    private static WebModel run(String yaml, Consumer<WebModel> before) throws ScenarioException {
        return ModelRun.run(yaml, before);
    }

    private static LoadBalancerNode balancer(WebModel m) {
        return (LoadBalancerNode) m.nodes().get("lb");
    }

    private static long in(WebModel m, String node) {
        return ModelRun.in(m, node);
    }

    private static String backends(String policy, int count, String extra) {
        StringBuilder b = new StringBuilder("""
                name: rotation
                run: {duration: 20s, warmup: 0s, replications: 1, seed: 7}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  lbhost: {cores: 1, memory: 4GiB}
                """);
        for (int i = 1; i <= count; i++) {
            b.append("  h").append(i).append(": {cores: 1, memory: 4GiB}\n");
        }
        b.append("services:\n  browser: {type: browser, rate: 50/s, rtt: 0s, target: lb}\n");
        b.append("  lb: {type: load_balancer, host: lbhost, workers: 1, cpu: 0s, fail_timeout: 60s, policy: ")
                .append(policy).append(", backends: [");
        for (int i = 1; i <= count; i++) {
            b.append(i > 1 ? ", " : "").append('a').append(i);
        }
        b.append("]}\n");
        for (int i = 1; i <= count; i++) {
            b.append("  a").append(i).append(": {type: app_server, host: h").append(i).append(", workers: 4}\n");
        }
        b.append("requests:\n  page:\n    view: {cpu: 1ms}\n").append(extra);
        return b.toString();
    }

    // The rotation calls answer for this balancer's backends only.
    @Test
    void deregisterAndHasBackend_answerForTheirOwnBackendsOnly() throws ScenarioException {
        run(backends("round_robin", 2, ""), m -> {
            LoadBalancerNode lb = balancer(m);
            Node a1 = m.nodes().get("a1");
            Node browser = m.nodes().get("browser");
            assertTrue(lb.hasBackend(a1));
            assertTrue(lb.hasBackend(m.nodes().get("a2")));
            assertFalse(lb.hasBackend(browser));
            assertTrue(lb.inService(a1));
            assertTrue(lb.deregister(a1), "a1 is a backend");
            assertFalse(lb.inService(a1));
            assertFalse(lb.deregister(browser), "the browser is not a backend");
            lb.register(a1);
            assertTrue(lb.inService(a1), "NGINX takes a registered backend at once");
        });
    }

    // Random choice with a1 of two out of rotation: the policy's draws land on a1 half the time, and
    // after 8 such draws in a row (1 page view in 256) the balancer takes the first usable backend.
    // Either way every one of the ~1,000 page views goes to a2, none to a1.
    @Test
    void outOfRotation_getsNothing_evenWhenRandomDrawsKeepLandingOnIt() throws ScenarioException {
        for (String policy : new String[] {"random", "round_robin", "least_conn", "two_choices"}) {
            WebModel m = run(backends(policy, 2, ""), x -> balancer(x).deregister(x.nodes().get("a1")));
            assertEquals(0, in(m, "a1"), policy);
            assertEquals(in(m, "lb"), in(m, "a2"), policy);
            assertTrue(in(m, "a2") > 900, policy + ": " + in(m, "a2"));
        }
        // and with the other one out, the mirror image (the fallback's first usable is not always index 0)
        WebModel m = run(backends("random", 2, ""), x -> balancer(x).deregister(x.nodes().get("a2")));
        assertEquals(0, in(m, "a2"));
        assertEquals(in(m, "lb"), in(m, "a1"));
    }

    // h1 is down for the whole run and fail_timeout outlasts it: the first page view sent to a1 is
    // refused (at the connection: it never reaches a1's server), marks a1 down and is passed to a2;
    // from then on a1, marked down, is not tried while a2 is usable. Exactly one request is passed
    // on, a2 serves every one and nothing fails.
    // With random choice the draws land on a1 half the time; after 8 in a row (1 page view in 256)
    // the balancer takes the first usable backend, a2, not the first in rotation, a1.
    @Test
    void markedDown_getsNothingWhileAnotherIsUsable() throws ScenarioException {
        for (String policy : new String[] {"round_robin", "random", "least_conn", "two_choices"}) {
            WebModel m = run(backends(policy, 2, "faults:\n  - {type: host_crash, target: h1, mode: reset}\n"), x -> { });
            assertEquals(0, in(m, "a1"), policy);
            assertEquals(in(m, "lb"), in(m, "a2"), policy);
            assertEquals(1, ModelRun.counter(m, "passive_retries"), policy);
            assertEquals(0, ModelRun.failed(m, 0), policy);
        }
    }

    // a1 out of rotation; a2 and a3 down from 5 to 7 s, marked down for 60 s. From 7 s no backend
    // is usable: the balancer fails open to a2 and a3, still in rotation, and never to a1, which is
    // healthy but drained. Page views fail only while h2 and h3 are down.
    @Test
    void noneUsable_failsOpenToThoseStillInRotation() throws ScenarioException {
        WebModel m = run(backends("round_robin", 3, """
                faults:
                  - {type: host_crash, target: h2, at: 5s, for: 2s, mode: reset}
                  - {type: host_crash, target: h3, at: 5s, for: 2s, mode: reset}
                """), x -> balancer(x).deregister(x.nodes().get("a1")));
        assertEquals(0, in(m, "a1"));
        ClassStats c = m.classStats()[0];
        for (int w = 0; w < 20; w++) {
            long failed = c.errors[ErrorKind.HOST_DOWN.ordinal()].count(w);
            long completed = c.completed.count(w);
            boolean down = w == 5 || w == 6;
            assertEquals(!down, failed == 0, "failures in window " + w + ": " + failed);
            assertEquals(down, completed == 0, "completed in window " + w + ": " + completed);
        }
        assertTrue(c.completed.count(10) > 30, "served after the crash: " + c.completed.count(10));
    }

    // A managed balancer takes a target put back in rotation as newly registered: out of service
    // until it passes its health checks, even if it was never taken out. (NGINX takes it at once,
    // above.)
    @Test
    void managedBalancer_registeredTargetWaitsForItsHealthChecks() throws ScenarioException {
        String yaml = backends("round_robin", 2, "").replace("host: lbhost, workers: 1, cpu: 0s, fail_timeout: 60s, ",
                "health_interval: 1s, ");
        WebModel m = run(yaml, x -> {
            LoadBalancerNode lb = balancer(x);
            Node a1 = x.nodes().get("a1");
            assertTrue(lb.inService(a1));
            lb.register(a1);
            assertFalse(lb.inService(a1), "newly registered: not in service before a check");
        });
        assertTrue(balancer(m).inService(m.nodes().get("a1")), "in service after its checks");
        assertTrue(in(m, "a1") > 0);
        assertTrue(in(m, "a2") > in(m, "a1"), "a2 took a1's share while a1 waited");
    }

    // Without a zone each NGINX worker keeps its own view: h1 is down for the whole 35 s run and
    // fail_timeout is 10 s, so each worker passes on a page view at its first try of a1 (~0 s) and
    // again at its first try after each expiry (~10, ~20 and ~30 s, a page view or two later): 4
    // per worker. Requests take the workers in turn, so 2 workers pass on 8, 1 worker 4.
    @Test
    void eachWorkerMarksADeadBackendDownOnItsOwn() throws ScenarioException {
        for (int workers = 1; workers <= 3; workers++) {
            String yaml = backends("round_robin", 2, "faults:\n  - {type: host_crash, target: h1, mode: reset}\n")
                    .replace("duration: 20s", "duration: 35s").replace("fail_timeout: 60s", "fail_timeout: 10s")
                    .replace("workers: 1,", "workers: " + workers + ",");
            WebModel m = run(yaml, x -> { });
            long passed = ModelRun.counter(m, "passive_retries");
            assertEquals(4L * workers, passed, workers + " worker(s)");
            assertEquals(in(m, "lb"), in(m, "a2"));
        }
    }

    // A managed balancer choosing at random with a1 out of rotation and a2 taken out by its health
    // checks (h2 down from 2 to 30 s; out after two failed checks, back after five good ones, from
    // about 35 s): with none usable it fails open to a2, the one in rotation (refused while h2 is
    // down, served from 30 s). The draws land on a1 half the time, and after 8 in a row (about 10
    // times in the 2,700 page views from 3 to 30 s) the balancer takes the first in rotation: a2
    // again. a1 never gets a request.
    @Test
    void managedRandom_noneUsable_failsOpenToTheOneInRotation() throws ScenarioException {
        String yaml = backends("random", 2, "faults:\n  - {type: host_crash, target: h2, at: 2s, for: 28s, mode: reset}\n")
                .replace("host: lbhost, workers: 1, cpu: 0s, fail_timeout: 60s, ", "health_interval: 1s, ")
                .replace("duration: 20s", "duration: 40s").replace("rate: 50/s", "rate: 100/s");
        WebModel m = run(yaml, x -> balancer(x).deregister(x.nodes().get("a1")));
        assertEquals(0, in(m, "a1"));
        assertTrue(in(m, "a2") > 1000, "a2 " + in(m, "a2"));
    }

    // With every backend out of rotation (a deploy taking all of them at once) the balancer sends to
    // them anyway, as with none usable: every page view is served, by both.
    @Test
    void noneInRotation_sendsToThemAnyway() throws ScenarioException {
        WebModel m = run(backends("round_robin", 2, ""), x -> {
            balancer(x).deregister(x.nodes().get("a1"));
            balancer(x).deregister(x.nodes().get("a2"));
        });
        assertEquals(0, ModelRun.failed(m, 0));
        assertEquals(in(m, "lb"), in(m, "a1") + in(m, "a2"));
        assertTrue(in(m, "a1") > 400 && in(m, "a2") > 400, in(m, "a1") + " / " + in(m, "a2"));
    }

    // NGINX's only server's machine is gone from 0.5 to 5.5 s. The user's first page view, at 1 s,
    // sends a SYN that goes unanswered, resent 1, 3 and 7 s after it (at 2, 4 and 8 s); the one at
    // 8 s finds the machine back and the connection opens. The 2 s read timeout runs from then, not
    // from 1 s: the view's 3 s of CPU outlast it, and the page view fails as upstream_timeout at 10 s.
    @Test
    void readTimeout_startsWhenAWaitingConnectionOpens() throws ScenarioException {
        WebModel m = run("""
                name: late-connection
                run: {duration: 10.5s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  lbhost: {cores: 1, memory: 4GiB}
                  h1: {cores: 1, memory: 4GiB}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: lb}
                  lb: {type: load_balancer, host: lbhost, backends: [a1], cpu: 0s, workers: 1, read_timeout: 2s}
                  a1: {type: app_server, host: h1, workers: 1}
                requests:
                  page:
                    view: {cpu: 3s}
                faults:
                  - {type: host_crash, target: h1, at: 0.5s, for: 5s}
                """, x -> { });
        ClassStats c = m.classStats()[0];
        assertEquals(1, c.errors[ErrorKind.UPSTREAM_TIMEOUT.ordinal()].count(10));
        assertEquals(1, c.errors[ErrorKind.UPSTREAM_TIMEOUT.ordinal()].total());
        assertEquals(0, c.completed.total());
    }

    // NGINX forgets a backend's failure once it answers. One user thinking 1 s, page views of 10 ms
    // from 1 s (1, 2.01, 3.02 … s), taking a1 and a2 in turn; h1 refuses from 2.5 to 5 s, so the
    // page view sent to a1 at about 3 s is passed on and a1 is marked down for 10 s. The first page
    // view sent to a1 after that (about 13 s) is served, and from then on the two take turns again
    // (NGINX resets a peer's fails when a request chosen after its failure succeeds): a1 serves every
    // other page view of the 26 s left, 12 or more. (Were the failure not forgotten, a1 would get one
    // probe per 10 s, 3; were the probe's own fail_timeout kept, a1 would wait until 23 s, 11.)
    @Test
    void nginx_backendThatAnswersAgain_isBackInTurn() throws ScenarioException {
        String yaml = backends("round_robin", 2, "faults:\n  - {type: host_crash, target: h1, at: 2.5s, for: 2.5s, "
                + "mode: reset}\n").replace("duration: 20s", "duration: 40s").replace("fail_timeout: 60s",
                "fail_timeout: 10s").replace("browser: {type: browser, rate: 50/s,",
                "browser: {type: browser, users: 1, think: 1s,");
        WebModel m = run(yaml, x -> { });
        assertEquals(1, ModelRun.counter(m, "passive_retries"));
        assertTrue(in(m, "a1") >= 12, "a1 served " + in(m, "a1") + ", a2 " + in(m, "a2") + ", lb " + in(m, "lb"));
    }

    // NGINX sends a backend it has marked down one probe per fail_timeout, not every request once the
    // mark expires. Eight users thinking 250 ms, a1's machine gone for the whole run, connect timeout
    // 2 s, fail_timeout 5 s, one worker: once a1 is known dead, each probe waits 2 s and its failure
    // marks a1 down for 5 s more, so probes go at most every 7 s: at most 6 in the 40 s from 20 s to
    // 60 s (one more where a window's edge cuts a cycle). Were the mark not renewed when the probe is
    // sent, half the page views of each 2 s wait would go to a1 too: dozens.
    @Test
    void nginx_probesADeadBackendOncePerFailTimeout() throws ScenarioException {
        String yaml = backends("round_robin", 2, "faults:\n  - {type: host_crash, target: h1}\n")
                .replace("duration: 20s", "duration: 60s").replace("fail_timeout: 60s",
                "fail_timeout: 5s, connect_timeout: 2s").replace("browser: {type: browser, rate: 50/s,",
                "browser: {type: browser, users: 8, think: 250ms,");
        WebModel m = run(yaml, x -> { });
        io.stagesim.stats.CountRecorder passed = m.counters().stream().filter(c -> c.what().equals("passive_retries"))
                .findFirst().orElseThrow().counter();
        long late = 0;
        for (int w = 20; w < 60; w++) {
            late += passed.count(w);
        }
        assertTrue(late >= 5 && late <= 7, "waits passed on from 20 to 60 s: " + late);
    }
}
