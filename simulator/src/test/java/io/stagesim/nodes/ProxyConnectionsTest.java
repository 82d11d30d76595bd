package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** NGINX's connection table as a proxy, counted by hand. */
final class ProxyConnectionsTest {

    // A request through the proxy holds two of its connections: the client's, taken on arrival,
    // and the upstream one, taken after the proxy's own CPU. Five users arrive together at 10 s
    // with a table of 4: four take a client connection and the fifth is refused at once. The four
    // finish their proxy CPU together and ask for an upstream connection one after the other: the
    // first finds none and fails, freeing its client connection, which the second takes; the third
    // fails and the fourth takes its connection. Three fail as proxy_connections_exhausted at 10 s,
    // two complete.
    @Test
    void fullTable_refusesAtTheClientSideAndAtTheUpstreamSide() throws ScenarioException {
        ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("proxy.yaml", """
                name: proxy-table-full
                run: {duration: 14s, warmup: 0s, replications: 1, seed: 1}
                hosts:
                  web: {cores: 2, memory: 4GiB}
                  apphost: {cores: 4, memory: 4GiB}
                services:
                  browser: {type: browser, users: 5, think: 10s, rtt: 0s, target: nginx}
                  nginx: {type: proxy, host: web, upstreams: [app], worker_connections: 4, workers: 1}
                  app: {type: app_server, host: apphost, workers: 5}
                requests:
                  page:
                    view: {cpu: 1s}
                """, Path.of(".")), 0);
        assertEquals(3, r.series().errors().get("proxy_connections_exhausted")[10]);
        assertEquals(3, r.all().failed());
        assertEquals(2, r.all().completed());
        assertEquals(0, r.all().unfinished());
    }
}
