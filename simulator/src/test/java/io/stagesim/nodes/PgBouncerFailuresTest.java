package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * PgBouncer's failures, traced by hand: users who all think 10 s (so arrive together at 10 s), a
 * constant 200 ms query, no network delay and no CPU anywhere else; the pooler on the web host, the
 * database on its own.
 */
final class PgBouncerFailuresTest {

    private static ReplicationResult run(int users, String pooler, String db, String faults) throws ScenarioException {
        return run(users, pooler, db, faults, "11s");
    }

    private static ReplicationResult run(int users, String pooler, String db, String faults, String duration)
            throws ScenarioException {
        String yaml = """
                name: pgbouncer-failures
                run: {duration: %s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 64, memory: 64GiB}
                  dbhost: {cores: 64, memory: 16GiB}
                services:
                  browser: {type: browser, users: %d, think: 10s, rtt: 0s, target: app}
                  app: {type: app_server, host: web, workers: 8, db_connect_cpu: 0s, db_setup_cpu: 0s}
                  pool: {type: pgbouncer, host: web, database: db, cpu: 0s, login_cpu: 0s, pool_mode: transaction, %s}
                  db: {type: database, host: dbhost, connect_cpu: 0s, cold_cache_cpu: 0s, reserved_connections: 0, %s}
                requests:
                  page:
                    view:
                      cpu: 0s
                      calls:
                        - {service: pool, cpu: 200ms}
                %s""".formatted(duration, users, pooler, db, faults);
        return Conservation.replication(ScenarioLoader.loadText("pgb.yaml", yaml, Path.of(".")), 0);
    }

    // The pooler's own CPU: a client that logs in (Django's new connection per request) costs it
    // login_cpu once, and each of the page's two queries cpu: 700 + 2 × 30 = 760 µs, counted as the
    // pooler's (had the two been swapped: 30 + 2 × 700 = 1,430).
    @Test
    void theLoginAndEachQueryCostThePoolerTheirOwnCpu() throws ScenarioException {
        String yaml = """
                name: pgbouncer-cpu
                run: {duration: 11s, warmup: 0s, replications: 1, seed: 1}
                network: {same_host_rtt: 0s, datacenter_rtt: 0s}
                hosts:
                  web: {cores: 64, memory: 64GiB}
                  dbhost: {cores: 64, memory: 16GiB}
                services:
                  browser: {type: browser, users: 1, think: 10s, rtt: 0s, target: app}
                  app: {type: app_server, host: web, workers: 8, db_connect_cpu: 0s, db_setup_cpu: 0s}
                  pool: {type: pgbouncer, host: web, database: db, cpu: 30us, login_cpu: 700us, pool_mode: transaction}
                  db: {type: database, host: dbhost, connect_cpu: 0s, cold_cache_cpu: 0s}
                requests:
                  page:
                    view:
                      cpu: 0s
                      calls:
                        - {service: pool, times: 2, cpu: 200ms}
                """;
        ReplicationResult r = Conservation.replication(ScenarioLoader.loadText("pgb.yaml", yaml, Path.of(".")), 0);
        assertEquals(1, r.all().completed());
        assertEquals(760, r.counters().stream().filter(c -> c.service().equals("pool") && c.what().equals(Node.CPU_US))
                .findFirst().orElseThrow().count());
    }

    // One server connection, three queries at 10 s: the first takes it (opening it), the other two
    // wait for it and give up after the query wait timeout of 50 ms: db_pool_wait_timeout twice.
    @Test
    void transactionMode_queryWaitTimeout_failsTheQueriesWaiting() throws ScenarioException {
        ReplicationResult r = run(3, "default_pool_size: 1, query_wait_timeout: 50ms", "max_connections: 5", "");
        assertEquals(1, r.all().completed());
        assertEquals(2, r.all().errors().get("db_pool_wait_timeout"));
        assertEquals(2, r.all().failed());
    }

    // A pool of 4 server connections before a database that takes 2: four queries at 10 s each take
    // a server connection to open; the first two open, the database refuses the other two ("too many
    // clients"), and only the opened two are counted open, so they fail alone.
    @Test
    void transactionMode_databaseFull_failsTheOpeningsItRefuses() throws ScenarioException {
        ReplicationResult r = run(4, "default_pool_size: 4", "max_connections: 2", "");
        assertEquals(2, r.all().completed());
        assertEquals(2, r.all().errors().get("db_too_many_connections"));
    }

    // The database's host is down from 5 s to 15 s: the three queries at 10 s each take a unit of
    // the database's table and start opening a server connection, which fails at the database; the
    // pooler keeps none of them open and gives the units back, so all three fail. At 20 s, the
    // database up again, the three queries open three connections afresh (three more units taken)
    // and go through: 6 units taken in all, 3 pages served.
    @Test
    void transactionMode_openingFailsAtTheDatabase_keepsNothing() throws ScenarioException {
        ReplicationResult r = run(3, "default_pool_size: 4", "max_connections: 5",
                "faults:\n  - {type: host_crash, target: dbhost, at: 5s, for: 10s, mode: reset}\n", "21s");
        assertEquals(3, r.all().completed());
        assertEquals(3, r.all().failed());
        ReplicationResult.ResourceRow table = r.resources().stream()
                .filter(x -> x.service().equals("db") && x.resource().startsWith("connections")).findFirst()
                .orElseThrow();
        assertEquals(6, table.requests());
        assertEquals(6, r.counters().stream().filter(c -> c.what().equals("server_connects")).findFirst()
                .orElseThrow().count(), "each unit taken counts as a server connection opened");
    }

    // Found by the fuzzer: a pooler without its database is a located problem, not a crash.
    @Test
    void aPoolerWithoutItsDatabase_isALocatedProblem() {
        String yaml = """
                name: x
                hosts:
                  web: {cores: 2, memory: 4GiB}
                services:
                  browser: {type: browser, rate: 1/s, target: app}
                  app: {type: app_server, host: web}
                  pool: {type: pgbouncer, host: web}
                requests:
                  page:
                    view: {cpu: 1ms}
                """;
        io.stagesim.scenario.ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.stagesim.scenario.ScenarioException.class, () -> ScenarioLoader.loadText("p.yaml", yaml, Path.of(".")));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("p.yaml:7:")
                && e.getMessage().contains("services.pool.database: missing"), e.getMessage());
    }
}
