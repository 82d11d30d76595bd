package io.stagesim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.nodes.Node;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** CPU per service: the work each service asked for, counted where it asked. */
final class ServiceCpuTest {

    private static double counter(ScenarioResult r, String service) {
        return r.counters().stream().filter(c -> c.service().equals(service) && c.what().equals(Node.CPU_US))
                .findFirst().orElseThrow().count().mean();
    }

    // Constant demands by hand: NGINX 15 µs a request; Gunicorn 2 ms of view and, with a new
    // connection per request, 4.1 + 1.1 ms to open it; PostgreSQL 2 × 300 µs of queries and
    // 3.2 + 1.2 ms for the new backend. So per page view 15 µs, 7.2 ms and 5.0 ms, and together
    // they are the host's busy CPU by the utilisation law (U·cores·T). Page views cut by the
    // window's ends are the only error: a few in 4,000.
    @Test
    void perServiceCpuIsTheWorkEachAskedFor() throws Exception {
        Scenario s = ScenarioLoader.loadText("split.yaml", """
                name: split
                run: {duration: 100s, warmup: 5s, replications: 2, seed: 3}
                hosts:
                  web: {cores: 2, memory: 4GiB}
                services:
                  browser: {type: browser, rate: 40/s, rtt: 0s, target: nginx}
                  nginx: {type: proxy, host: web, cpu: constant(15us), serve_static: false, upstreams: [gunicorn]}
                  gunicorn: {type: app_server, host: web, workers: 5, memory_per_worker: 100MiB}
                  db: {type: database, engine: postgres, host: web}
                requests:
                  page:
                    view:
                      cpu: constant(2ms)
                      calls:
                        - {service: db, times: 2, cpu: constant(300us)}
                """, Path.of("."));
        ScenarioResult r = Conservation.run(s, 2);
        double views = r.all().completed().mean();
        double tolerance = 3 / views; // relative: page views cut by the ends of the window
        assertEquals(15, counter(r, "nginx") / views, 15 * tolerance);
        assertEquals(7_200, counter(r, "gunicorn") / views, 7_200 * tolerance);
        assertEquals(5_000, counter(r, "db") / views, 5_000 * tolerance);
        double busyUs = r.hosts().get(0).cpuUtilization().mean() * 2 * r.measuredS() * 1e6;
        double counted = counter(r, "nginx") + counter(r, "gunicorn") + counter(r, "db");
        assertEquals(busyUs, counted, busyUs * tolerance);
        Explanation e = Explanation.of(s, r);
        assertEquals(7.2, e.cpuMsPerView().get("gunicorn"), 7.2 * tolerance);
    }
}
