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

    // Each request through the proxy takes two of its connections (client side and upstream
    // side), so a table of 4 holds two requests. Three users arrive together at 10 s on 5 s views:
    // two get through, the third is refused at once as proxy_connections_exhausted; the two others
    // are still running when the run ends at 14 s.
    @Test
    void connectionTableFull_failsAtOnceAsProxyConnectionsExhausted() throws ScenarioException {
        ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("proxy.yaml", """
                name: proxy-table-full
                run: {duration: 14s, warmup: 0s, replications: 1, seed: 1}
                hosts:
                  web: {cores: 2, memory: 4GiB}
                  apphost: {cores: 4, memory: 4GiB}
                services:
                  browser: {type: browser, users: 3, think: 10s, rtt: 0s, target: nginx}
                  nginx: {type: proxy, host: web, upstreams: [app], worker_connections: 4, workers: 1}
                  app: {type: app_server, host: apphost, workers: 3}
                requests:
                  page:
                    view: {cpu: 5s}
                """, Path.of(".")), 0);
        assertEquals(1, r.series().errors().get("proxy_connections_exhausted")[10]);
        assertEquals(1, r.all().failed());
        assertEquals(2, r.all().unfinished());
    }
}
