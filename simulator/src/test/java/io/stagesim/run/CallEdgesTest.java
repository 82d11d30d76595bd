package io.stagesim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.assembly.WebModel;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Calls counted per edge (caller service → callee service) against what the page views must have
 * made, worked out by hand from the scenario, and against what each service received.
 */
final class CallEdgesTest {

    /**
     * NGINX in front of Gunicorn, PostgreSQL on its own host (a connection opened per view:
     * CONN_MAX_AGE = 0), Celery on the web host. The load stops 5 s before the end, so every page
     * view and task has ended when the books are read: no call is in flight.
     */
    static Scenario site() throws Exception {
        return ScenarioLoader.loadText("call-edges.yaml", """
                name: call-edges
                run: {duration: 20s, warmup: 0s, replications: 2, seed: 3}
                hosts:
                  web: {cores: 2, memory: 4GiB}
                  dbhost: {cores: 2, memory: 4GiB}
                services:
                  browser:
                    type: browser
                    profile: [{at: 0s, rate: 20/s}, {at: 15s, rate: 20/s}, {at: 15s, rate: 0/s}]
                    rtt: 0s
                    target: nginx
                  nginx: {type: proxy, host: web, serve_static: true, upstreams: [app]}
                  app: {type: app_server, host: web, workers: 8, memory_per_worker: 100MiB}
                  db: {type: database, engine: postgres, host: dbhost, max_connections: 100}
                  tasks: {type: task_queue, host: web, concurrency: 2}
                requests:
                  page:
                    share: 60%
                    assets: 3
                    view: {cpu: constant(2ms), calls: [{service: db, times: 4, cpu: 100us}]}
                  api:
                    share: 30%
                    view: {cpu: constant(1ms), calls: [{service: db, times: 2, cpu: 100us}]}
                  write:
                    share: 10%
                    view:
                      cpu: constant(1ms)
                      calls:
                        - {service: db, times: 1, cpu: 100us, write: true}
                        - service: tasks
                          task: {cpu: constant(5ms), calls: [{service: db, times: 3, cpu: 100us}]}
                """, Path.of("."));
    }

    // Hand-worked, with P, A, W the page, api and write views completed (none failed, none left):
    // browser → nginx: each page view's HTML and its assets, P × (1 + 3) + A + W;
    // nginx → app: the HTML only (NGINX serves the assets), P + A + W;
    // app → db: each view's queries and the one connection it opens, P × (4 + 1) + A × (2 + 1) + W × (1 + 1);
    // app → tasks: one enqueue per write view, W; tasks → db: each task's 3 queries and its connection, W × 4.
    @Test
    void callsPerEdge_areWhatTheViewsMake_andWhatEachServiceReceived() throws Exception {
        Scenario s = site();
        WebModel[] model = new WebModel[1];
        ReplicationResult r = ScenarioRun.replication(s, 0, Long.MAX_VALUE, m -> {
            Conservation.check(m);
            model[0] = m;
        });
        Conservation.check(r);
        Map<String, Long> calls = new HashMap<>();
        for (ReplicationResult.EdgeRow e : r.edges()) {
            calls.merge(e.from() + " -> " + e.to(), e.calls(), Long::sum);
        }
        long p = r.classes().get(0).completed();
        long a = r.classes().get(1).completed();
        long w = r.classes().get(2).completed();
        assertEquals(r.all().offered(), p + a + w, "every page view completed");
        assertTrue(p > 150 && a > 60 && w > 10, p + " " + a + " " + w);
        assertEquals(5, calls.size(), calls.toString());
        assertEquals(p * 4 + a + w, calls.get("browser -> nginx"));
        assertEquals(p + a + w, calls.get("nginx -> app"));
        assertEquals(p * 5 + a * 3 + w * 2, calls.get("app -> db"));
        assertEquals(w, calls.get("app -> tasks"));
        assertEquals(w * 4, calls.get("tasks -> db"));
        // conservation: the calls sent to a service are the requests it received (nothing refused,
        // nothing in flight), the whole run being measured
        Map<String, Long> into = new HashMap<>();
        r.edges().forEach(e -> into.merge(e.to(), e.calls(), Long::sum));
        for (String service : List.of("nginx", "app", "db", "tasks")) {
            assertEquals(model[0].nodes().get(service).requestsIn(), into.get(service), service);
        }
    }

    // The rates in the results are the calls over the measured time, with an interval over replications.
    @Test
    void results_giveCallsPerSecond_withAnInterval() throws Exception {
        ScenarioResult r = ScenarioRun.run(site(), 1, ReplicationRunner.Progress.none());
        ScenarioResult.EdgeResult front = r.edges().stream().filter(e -> e.to().equals("nginx")).findFirst()
                .orElseThrow();
        // 20/s for 15 s over 20 s measured: 15 page views/s; each page view 0.6 × 4 + 0.4 × 1 = 2.8 requests
        assertEquals(15 * 2.8, front.callsPerS().mean(), 0.25 * 15 * 2.8);
        assertTrue(front.callsPerS().ci95() > 0, "two replications: an interval");
    }
}
