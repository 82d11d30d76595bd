package io.stagesim.scenario;

import io.stagesim.random.Constant;
import io.stagesim.random.Distribution;
import java.util.List;

/**
 * A managed database proxy (RDS Proxy-like) in front of a PostgreSQL-like {@code database}, outside
 * our hosts: views call it as they would the database. It keeps up to {@code maxConnectionsPercent}
 * % of the database's {@code max_connections} open to it (at least one), opened when first needed
 * and kept whatever its clients do, and lends one to a client connection for each transaction (in
 * Django's autocommit, each query), a wait longer than {@code borrowTimeout} failing. Each query and
 * each client connection's login takes {@code latency} more (its own processing and the extra hop).
 * Its clients authenticate with {@code auth}, over TLS ({@code tls}: none, 1.2, 1.3), each handshake
 * costing the client {@code tlsCpu}. A share {@code pinnedShare} of client sessions pins its
 * connection (keeps it to its end); a connection returned while {@code maxIdleConnectionsPercent} % of
 * max_connections are idle closes. Through a failover of its database, queries wait at the proxy
 * (up to {@code borrowTimeout}) instead of failing. Billed per vCPU-hour of the database's host.
 */
public record DatabaseProxySpec(String name, String database, int maxConnectionsPercent, long borrowTimeout,
        Distribution latency, String auth, String tls, Distribution tlsCpu, double pinnedShare,
        int maxIdleConnectionsPercent) implements PoolerSpec {

    /** Client authentication: SCRAM-SHA-256 (2 round trips) or md5 (1). */
    public static final List<String> AUTH = List.of("scram-sha-256", "md5");

    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /** Checks the bounds. */
    public DatabaseProxySpec {
        Require.present("database", database);
        Require.atLeast("max_connections_percent", maxConnectionsPercent, 1);
        Require.atLeast("connection_borrow_timeout", borrowTimeout, 0);
        Require.present("latency", latency);
        Require.oneOf("auth", auth, AUTH);
        Require.oneOf("tls", tls, DatabaseSpec.TLS);
        Require.present("tls_cpu", tlsCpu);
        Require.fraction("pinned_share", pinnedShare);
        Require.atLeast("max_idle_connections_percent", maxIdleConnectionsPercent, 0);
    }

    @Override
    public String host() {
        return null;
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.DATABASE_PROXY;
    }

    @Override
    public long memory() {
        return 0;
    }

    /** No CPU of ours: opening a client connection costs the proxy's latency, not a host's CPU. */
    @Override
    public Distribution connectionCpu() {
        return new Constant(0);
    }

    /**
     * TCP's handshake (1); with TLS the SSLRequest (1) and TLS's handshake (1.3: 1, 1.2: 2); the
     * startup message (1), the password exchange (SCRAM 2, md5 1).
     */
    @Override
    public int handshakeRoundTrips() {
        int tlsTrips = switch (tls) {
            case "1.2" -> 3;
            case "1.3" -> 2;
            default -> 0;
        };
        return 2 + tlsTrips + ("md5".equals(auth) ? 1 : 2);
    }

    /** The connections it keeps idle at most: the percentage of {@code maxConnections}, rounded down. */
    public int idleCap(int maxConnections) {
        return (int) ((long) maxConnections * maxIdleConnectionsPercent / 100);
    }

    /** Its connections to a database of {@code maxConnections}: the percentage of them, rounded down, at least 1. */
    public int poolSize(int maxConnections) {
        return Math.max(1, (int) ((long) maxConnections * maxConnectionsPercent / 100));
    }

    /** The spec of a proxy; null when its {@code database} is missing (reported as a problem). */
    static DatabaseProxySpec bind(String name, String host, int cores, Fields f) {
        String database = f.required("database");
        int percent = f.integer("max_connections_percent", 100, 1, 100); // A.7d: RDS Proxy's MaxConnectionsPercent
        long borrow = f.duration("connection_borrow_timeout", 120 * S); // A.7d: ConnectionBorrowTimeout
        Distribution latency = f.distribution("latency", new Constant(MS)); // A.7d: an estimate
        String auth = f.choice("auth", "scram-sha-256", AUTH); // A.7d: ClientPasswordAuthType
        String tls = f.choice("tls", "none", DatabaseSpec.TLS); // A.7d: RequireTLS off; as the database's tls
        Distribution tlsCpu = f.distribution("tls_cpu", new Constant(100 * US)); // A.7d: A.5's handshake, an estimate
        double pinned = f.fraction("pinned_share", 0); // A.7d: Django sets no session state by default
        int idle = f.integer("max_idle_connections_percent", percent / 2, 0, percent); // A.7d: half of MaxConnectionsPercent
        return database == null ? null : new DatabaseProxySpec(name, database, percent, borrow, latency, auth, tls,
                tlsCpu, pinned, idle);
    }
}
