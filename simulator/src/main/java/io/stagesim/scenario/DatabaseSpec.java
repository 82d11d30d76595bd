package io.stagesim.scenario;

import io.stagesim.random.Constant;
import io.stagesim.random.Distribution;
import io.stagesim.random.Exponential;
import java.util.List;

/**
 * A database: PostgreSQL-like (a table of {@code maxConnections}, {@code reservedConnections} of
 * them kept for superusers, each a backend process) or SQLite-like (inside the app's process, one
 * writer at a time). Backed up every {@code backupInterval} ns (at its multiples; 0: never), so a
 * crash of its host loses the writes committed since the last backup. {@code serverMemory} is what
 * it takes besides its connections. Its reads may go to read replicas ({@link Replication}). With
 * {@code multiAz} (RDS Multi-AZ) every write's commit waits {@code standbyRtt} ns for the synchronous
 * standby in another zone, and a failover to it takes {@code failoverTime} ns. Killed by the
 * kernel's OOM killer, PostgreSQL is back {@code restartTime} ns later (its crash recovery).
 */
public record DatabaseSpec(String name, String host, String engine, int maxConnections, int reservedConnections,
        Distribution connectCpu, Distribution coldCacheCpu, String tls, String auth, long memoryPerConnection,
        long lockTimeout, Distribution commitTime, long serverMemory, long backupInterval, Replication replication,
        boolean multiAz, long standbyRtt, long failoverTime, long restartTime) implements ServiceSpec {

    /** The engines modelled. */
    public static final List<String> ENGINES = List.of("postgres", "sqlite");
    /** TLS on its connections: none, TLS 1.2 (two round trips of handshake) or TLS 1.3 (one). */
    public static final List<String> TLS = List.of("none", "1.2", "1.3");
    /** Password authentication: SCRAM-SHA-256 (PostgreSQL 14+'s default), md5, or trust (none). */
    public static final List<String> AUTH = List.of("scram-sha-256", "md5", "trust");
    /** CPU of a query when a call gives none: 0.1 ms, exponential (A.7). */
    public static final Distribution DEFAULT_QUERY_CPU = new Exponential(100_000);

    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final long MIB = 1L << 20;
    /** PostgreSQL back after the OOM killer killed it: 5 s, an estimate (A.4a: crash recovery). */
    public static final long DEFAULT_RESTART = 5_000 * MS;

    /** Checks the bounds. */
    public DatabaseSpec {
        Require.oneOf("engine", engine, ENGINES);
        Require.atLeast("max_connections", maxConnections, 1);
        Require.atLeast("reserved_connections", reservedConnections, 0);
        Require.present("connect_cpu", connectCpu);
        Require.present("cold_cache_cpu", coldCacheCpu);
        Require.oneOf("tls", tls, TLS);
        Require.oneOf("auth", auth, AUTH);
        Require.atLeast("memory_per_connection", memoryPerConnection, 0);
        Require.atLeast("lock_timeout", lockTimeout, 1);
        Require.present("commit_time", commitTime);
        Require.atLeast("memory", serverMemory, 0);
        Require.atLeast("backup_interval", backupInterval, 0);
        Require.present("replicas", replication);
        Require.atLeast("standby_rtt", standbyRtt, 0);
        Require.atLeast("failover_time", failoverTime, 1);
        Require.atLeast("restart_time", restartTime, 1);
    }

    /** A database back {@link #DEFAULT_RESTART} after the OOM killer kills it. */
    public DatabaseSpec(String name, String host, String engine, int maxConnections, int reservedConnections,
            Distribution connectCpu, Distribution coldCacheCpu, String tls, String auth, long memoryPerConnection,
            long lockTimeout, Distribution commitTime, long serverMemory, long backupInterval, Replication replication,
            boolean multiAz, long standbyRtt, long failoverTime) {
        this(name, host, engine, maxConnections, reservedConnections, connectCpu, coldCacheCpu, tls, auth,
                memoryPerConnection, lockTimeout, commitTime, serverMemory, backupInterval, replication, multiAz,
                standbyRtt, failoverTime, DEFAULT_RESTART);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.DATABASE;
    }

    /** True for the PostgreSQL-like engine: connections, each opened by the view that needs one. */
    public boolean hasConnections() {
        return "postgres".equals(engine);
    }

    @Override
    public long memory() {
        return serverMemory + (hasConnections() ? (long) maxConnections * memoryPerConnection : 0);
    }

    @Override
    public boolean embeddedIn(String callerHost) {
        return !hasConnections() && host.equals(callerHost); // SQLite runs inside the app process
    }

    @Override
    public Distribution connectionCpu() {
        return hasConnections() ? connectCpu : null;
    }

    /**
     * Round trips to open a connection, each counted in PostgreSQL's protocol: TCP's handshake
     * (1); with TLS, the SSLRequest (1) then TLS's handshake (TLS 1.3: 1, TLS 1.2: 2); the startup
     * message (1); the password exchange (SCRAM-SHA-256: 2, md5: 1, trust: 0). So 4 in clear with
     * SCRAM, 6 with TLS 1.3, 7 with TLS 1.2; 0 for SQLite.
     */
    @Override
    public int handshakeRoundTrips() {
        if (!hasConnections()) {
            return 0;
        }
        int tlsTrips = switch (tls) {
            case "1.3" -> 2;
            case "1.2" -> 3;
            default -> 0;
        };
        int authTrips = switch (auth) {
            case "scram-sha-256" -> 2;
            case "md5" -> 1;
            default -> 0;
        };
        return 1 + tlsTrips + 1 + authTrips;
    }

    @Override
    public List<KeyProblem> problems() {
        List<KeyProblem> out = new java.util.ArrayList<>();
        if (reservedConnections >= maxConnections) {
            out.add(new KeyProblem("reserved_connections", "must be below max_connections (" + maxConnections
                    + "), was " + reservedConnections));
        }
        if (multiAz && !hasConnections()) {
            out.add(new KeyProblem("multi_az", "a Multi-AZ standby needs engine postgres; '" + name + "' is sqlite"));
        }
        if (replication.routed() && !hasConnections()) {
            out.add(new KeyProblem("replicas", "read replicas need engine postgres (streaming replication); '"
                    + name + "' is sqlite"));
        }
        return out;
    }

    static DatabaseSpec bind(String name, String host, int cores, Fields f) {
        String engine = f.choice("engine", "postgres", ENGINES);
        return new DatabaseSpec(name, host, engine,
                f.integer("max_connections", 100, 1, 1_000_000), // A.7
                f.integer("reserved_connections", 3, 0, 1_000_000), // A.7: superuser_reserved_connections
                f.distribution("connect_cpu", new Constant(3_200 * US)), // A.7: 3.0–3.3 ms fork + auth
                f.distribution("cold_cache_cpu", new Constant(1_200 * US)), // A.7: ≈ 1.2 ms, issue 12's measurement
                f.choice("tls", "none", TLS), // A.7: libpq's sslmode prefer; managed databases require TLS
                f.choice("auth", "scram-sha-256", AUTH), // A.7: PostgreSQL 14+'s password_encryption
                f.size("memory_per_connection", 10 * MIB), f.positiveDuration("lock_timeout", 5_000 * MS), // A.6
                f.distribution("commit_time", new Constant(830 * US)), // A.6: rollback journal, FULL
                f.size("memory", 256 * MIB), f.duration("backup_interval", 0), Replication.bind(f),
                f.bool("multi_az", false), f.duration("standby_rtt", MS), // A.7c: cross-zone, "single-digit ms"
                f.positiveDuration("failover_time", 60_000 * MS), // A.7c: RDS, typically 60–120 s
                f.positiveDuration("restart_time", DEFAULT_RESTART)); // A.4a: crash recovery, an estimate
    }
}
