package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What dies with a crashed host: the work under way on its CPU stops there. A request cut by the
 * crash goes on as an orphan only as far as the dead machine: it must not go on to call other
 * machines, enqueue tasks or commit writes. One user, constant demands, no network delay; the
 * crash, at 1.5 s, comes half way through the first page view's 2 s of CPU on the crashed host.
 */
final class HostCrashTest {

    private static ReplicationResult run(String services, String view, String crashed) throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("crash.yaml", """
                name: crash
                run: {duration: 10s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  front: {cores: 2, memory: 4GiB}
                  back: {cores: 2, memory: 4GiB}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: entry}
                %s
                requests:
                  page:
                    view: %s
                faults:
                  - {type: host_crash, target: %s, at: 1500ms, mode: reset}
                """.formatted(services, view, crashed),
                Path.of(".")), 0);
    }

    private static long requestsAt(ReplicationResult r, String service) {
        return r.resources().stream().filter(x -> x.service().equals(service) && x.kind().equals("pool"))
                .mapToLong(ReplicationResult.ResourceRow::requests).sum();
    }

    private static double busySeconds(ReplicationResult r, String host) {
        ReplicationResult.HostRow h = r.hosts().stream().filter(x -> x.name().equals(host)).findFirst().orElseThrow();
        return h.cpuUtilization() * h.cores() * r.measuredSeconds();
    }

    // The app's host dies during the view's first second of CPU: the view never makes its query.
    @Test
    void appHostCrash_theCutViewMakesNoMoreCalls() throws ScenarioException {
        ReplicationResult r = run("""
                  entry: {type: app_server, host: front, workers: 1, persistent_db_connections: true}
                  db: {type: database, host: back}
                """, "{cpu: 2s, calls: [{service: db, cpu: 1ms}]}", "front");
        assertEquals(r.all().offered(), r.all().errors().get("host_down"), "every page view fails");
        assertEquals(0, requestsAt(r, "db"), "connections asked of the database");
        assertEquals(0, busySeconds(r, "back"), 1e-12);
    }

    // The app's host dies while the view waits for a query on another host (its 2 s disk wait, from
    // 1.001 s): the answer comes back at 3.001 s to a dead process, which must not make the view's
    // next query (100 ms). The database host works 1 ms.
    @Test
    void appHostCrash_aViewWaitingOnAnotherHostMakesNoMoreCalls() throws ScenarioException {
        ReplicationResult r = run("""
                  entry: {type: app_server, host: front, workers: 1, persistent_db_connections: true}
                  db: {type: database, host: back}
                """, "{calls: [{service: db, cpu: 1ms, io: 2s}, {service: db, cpu: 100ms}]}", "front");
        assertEquals(0.001, busySeconds(r, "back"), 1e-9);
    }

    // NGINX's host dies during its 2 s of CPU for the request: the app behind it never sees it.
    @Test
    void proxyHostCrash_theCutRequestNeverReachesTheApp() throws ScenarioException {
        ReplicationResult r = run("""
                  entry: {type: proxy, host: front, cpu: 2s, upstreams: [app]}
                  app: {type: app_server, host: back, workers: 1}
                """, "{cpu: 10ms}", "front");
        assertEquals(0, requestsAt(r, "app"), "requests that reached the app's workers");
    }

    // A self-hosted balancer's host dies during its 2 s of CPU: no backend sees the request.
    @Test
    void balancerHostCrash_theCutRequestNeverReachesABackend() throws ScenarioException {
        ReplicationResult r = run("""
                  entry: {type: load_balancer, host: front, cpu: 2s, backends: [app]}
                  app: {type: app_server, host: back, workers: 1}
                """, "{cpu: 10ms}", "front");
        assertEquals(0, requestsAt(r, "app"), "requests that reached the app's workers");
    }

    // The task broker's host dies during its 2 s of CPU for an enqueue: no task is enqueued.
    @Test
    void brokerHostCrash_theCutEnqueueEnqueuesNothing() throws ScenarioException {
        ReplicationResult r = run("""
                  entry: {type: app_server, host: front, workers: 1}
                  tasks: {type: task_queue, host: back, broker_cpu: 2s, enqueue_cpu: 0s}
                """, "{calls: [{service: tasks, task: {cpu: 1ms}}]}", "back");
        assertEquals(0, r.tasks().get(0).enqueued());
        assertEquals(0, requestsAt(r, "tasks"), "tasks that asked for a worker");
    }

    // A write whose disk wait the crash cuts is not committed: it does not count among the writes
    // the next crash loses. Each page writes (1 ms of CPU, then 2 s of disk). Page 1's write is on
    // the disk (1.001–3.001 s) when the database's host crashes at 2 s, until 5.5 s; pages at 3, 4
    // and 5 s are refused; from 6 s a page comes every 3.001 s, and the second crash, at 20 s, finds
    // the writes of the pages of 6, 9.001, 12.002 and 15.003 s committed: 4 (the one of 18.004 s is
    // still on the disk).
    @Test
    void databaseHostCrash_aWriteCutOnTheDisk_isNotCommitted() throws ScenarioException {
        ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("crash.yaml", """
                name: crash-disk
                run: {duration: 30s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  front: {cores: 2, memory: 4GiB}
                  back: {cores: 2, memory: 4GiB}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: app}
                  app: {type: app_server, host: front, workers: 1, persistent_db_connections: true}
                  db: {type: database, host: back}
                requests:
                  page:
                    view:
                      calls: [{service: db, cpu: 1ms, io: 2s, write: true}]
                faults:
                  - {type: host_crash, target: back, at: 2s, for: 3500ms, mode: reset}
                  - {type: host_crash, target: back, at: 20s, for: 1s, mode: reset}
                """, Path.of(".")), 0);
        assertEquals(0, r.faults().get(0).dataLost());
        assertEquals(4, r.faults().get(1).dataLost());
    }
}
