package io.stagesim.scenario;

import io.stagesim.random.Constant;
import io.stagesim.random.Distribution;
import java.util.List;

/**
 * PgBouncer in front of a PostgreSQL-like {@code database}: views call it as they would the
 * database. It accepts up to {@code maxClientConn} client connections and keeps up to
 * {@code defaultPoolSize} server connections to the database, opened when first needed and kept
 * (each one unit of the database's {@code max_connections}). In {@code session} mode a client
 * connection holds a server connection from its opening to its end, waiting for one when all are
 * taken; in {@code transaction} mode only for each transaction (in Django's autocommit, each query),
 * waiting likewise. A wait longer than {@code queryWaitTimeout} fails. {@code cpu} is its CPU per
 * query, {@code loginCpu} per client connection opened; no cold caches, no backend to start. In
 * transaction mode a server connection idle longer than {@code serverIdleTimeout} closes (0:
 * never), and one connected longer than {@code serverLifetime} closes when next unused (0: after
 * each use); the next query short of one opens another.
 */
public record PgBouncerSpec(String name, String host, String database, String poolMode, int defaultPoolSize,
        int maxClientConn, long queryWaitTimeout, Distribution cpu, Distribution loginCpu, String auth,
        long serverMemory, long serverIdleTimeout, long serverLifetime) implements PoolerSpec {

    /** The pool modes modelled (statement mode is not). */
    public static final List<String> POOL_MODES = List.of("session", "transaction");
    /** PgBouncer's client authentication: md5 (1 round trip), scram-sha-256 (2), trust (0). */
    public static final List<String> AUTH = List.of("md5", "scram-sha-256", "trust");

    private static final long US = 1_000L;
    private static final long S = 1_000_000_000L;
    private static final long MIB = 1L << 20;

    /** Checks the bounds. */
    public PgBouncerSpec {
        Require.present("database", database);
        Require.oneOf("pool_mode", poolMode, POOL_MODES);
        Require.atLeast("default_pool_size", defaultPoolSize, 1);
        Require.atLeast("max_client_conn", maxClientConn, 1);
        Require.atLeast("query_wait_timeout", queryWaitTimeout, 0);
        Require.present("cpu", cpu);
        Require.present("login_cpu", loginCpu);
        Require.oneOf("auth", auth, AUTH);
        Require.atLeast("memory", serverMemory, 0);
        Require.atLeast("server_idle_timeout", serverIdleTimeout, 0);
        Require.atLeast("server_lifetime", serverLifetime, 0);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.PGBOUNCER;
    }

    /** True in transaction mode: a server connection is held only for each query. */
    public boolean transactionMode() {
        return "transaction".equals(poolMode);
    }

    @Override
    public long memory() {
        return serverMemory;
    }

    @Override
    public Distribution connectionCpu() {
        return loginCpu;
    }

    /** TCP's handshake (1), the startup message (1), the password exchange (md5 1, SCRAM 2, trust 0). */
    @Override
    public int handshakeRoundTrips() {
        return 2 + switch (auth) {
            case "scram-sha-256" -> 2;
            case "md5" -> 1;
            default -> 0;
        };
    }

    @Override
    public List<KeyProblem> problems() {
        if (defaultPoolSize > maxClientConn) {
            return List.of(new KeyProblem("default_pool_size", "must be at most max_client_conn (" + maxClientConn
                    + "), was " + defaultPoolSize));
        }
        return List.of();
    }

    /** The spec of a pooler; null when its {@code database} is missing (reported as a problem). */
    static PgBouncerSpec bind(String name, String host, int cores, Fields f) {
        String database = f.required("database");
        String poolMode = f.choice("pool_mode", "session", POOL_MODES); // A.7a: PgBouncer's pool_mode
        int poolSize = f.integer("default_pool_size", 20, 1, 1_000_000); // A.7a
        int maxClients = f.integer("max_client_conn", 100, 1, 10_000_000); // A.7a
        long queryWait = f.duration("query_wait_timeout", 120 * S); // A.7a
        Distribution cpu = f.distribution("cpu", new Constant(30 * US)); // A.7a: an estimate
        Distribution loginCpu = f.distribution("login_cpu", new Constant(200 * US)); // A.7a: an estimate
        String auth = f.choice("auth", "md5", AUTH); // A.7a: PgBouncer's auth_type
        long memory = f.size("memory", 20 * MIB); // A.7a: an estimate, 2 kB per connection besides
        long idle = f.duration("server_idle_timeout", 600 * S); // A.7a: PgBouncer's 600 s
        long lifetime = f.duration("server_lifetime", 3_600 * S); // A.7a: PgBouncer's 3,600 s
        return database == null ? null : new PgBouncerSpec(name, host, database, poolMode, poolSize, maxClients,
                queryWait, cpu, loginCpu, auth, memory, idle, lifetime);
    }
}
