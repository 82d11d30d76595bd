package io.stagesim.scenario;

import io.stagesim.random.Constant;
import io.stagesim.random.Distribution;

/**
 * Django's side of its database connections, as an app server's workers run it: {@code connMaxAge}
 * ({@code CONN_MAX_AGE}: 0 closes the connection at the end of every request, {@link #UNLIMITED}
 * never closes it for its age, otherwise ns), and the CPU a worker spends opening one: the driver's
 * connect and authentication ({@code connectCpu}), then Django's set-up of the new connection
 * ({@code setupCpu}). {@code connectTimeout} is libpq's {@code connect_timeout} (Django's
 * {@code OPTIONS}): a connection to a host that answers nothing fails after it; 0 for none, the
 * kernel's SYN retries then ({@code network.syn_timeout}). {@code pool}: Django 5.1+'s psycopg
 * connection pool ({@code OPTIONS: {"pool": …}}), or null for none.
 */
public record DjangoConnections(long connMaxAge, Distribution connectCpu, Distribution setupCpu, long connectTimeout,
        DbPool pool) {

    /**
     * psycopg_pool's {@code ConnectionPool} in each worker process, shared by its threads: up to
     * {@code maxSize} connections, {@code minSize} of them opened when the pool opens (at its
     * process's first query), more when needed; a request takes one for its life (Django returns it
     * when it closes the connection at the end), waiting when all are out and failing after
     * {@code timeout} ns. Every {@code maxIdle} ns one connection idle the whole period closes while
     * more than {@code minSize} are open; a connection returned older than {@code maxLifetime} ns
     * (less up to 5 %) is replaced. 0 for either: never.
     */
    public record DbPool(int minSize, int maxSize, long timeout, long maxIdle, long maxLifetime) {
        /** Checks the bounds. */
        public DbPool {
            Require.atLeast("min_size", minSize, 0);
            Require.atLeast("max_size", maxSize, 1);
            Require.atLeast("timeout", timeout, 1);
            Require.atLeast("max_idle", maxIdle, 0);
            Require.atLeast("max_lifetime", maxLifetime, 0);
        }
    }

    /** {@code CONN_MAX_AGE = None}: persistent connections never closed for their age. */
    public static final long UNLIMITED = -1;

    private static final long US = 1_000L;

    /** Django's defaults: a new connection every request, 4.1 ms + 1.1 ms of worker CPU to open it (A.7). */
    public static final DjangoConnections DEFAULT = new DjangoConnections(0, new Constant(4_100 * US),
            new Constant(1_100 * US), 0, null);

    /** Checks the bounds. */
    public DjangoConnections {
        Require.atLeast("conn_max_age", connMaxAge, UNLIMITED);
        Require.present("db_connect_cpu", connectCpu);
        Require.present("db_setup_cpu", setupCpu);
        Require.atLeast("db_connect_timeout", connectTimeout, 0);
    }

    /** True when a worker keeps its connection from one request to the next ({@code CONN_MAX_AGE} ≠ 0). */
    public boolean persistent() {
        return connMaxAge != 0;
    }

    /**
     * The keys of an app server's YAML: {@code conn_max_age}, {@code db_connect_cpu}, {@code db_setup_cpu},
     * {@code db_connect_timeout}.
     */
    static DjangoConnections bind(Fields f) {
        long maxAge = f.durationOr("conn_max_age", 0, "unlimited", UNLIMITED); // A.7: Django's 0
        Distribution connect = f.distribution("db_connect_cpu", DEFAULT.connectCpu()); // A.7: ≈ 4.1 ms in the worker
        Distribution setup = f.distribution("db_setup_cpu", DEFAULT.setupCpu()); // A.7: ≈ 1.1 ms, issue 12's measurement
        long connectTimeout = f.duration("db_connect_timeout", 0); // A.7: libpq's connect_timeout, unset
        DbPool pool = null;
        if (f.has("db_pool")) {
            Fields p = Fields.of(f.raw("db_pool"), f.child("db_pool"), f.problems(), f.baseDir());
            if (p != null) {
                int min = p.integer("min_size", 4, 0, 1_000_000); // A.7e: psycopg_pool's min_size 4
                int max = p.integer("max_size", Math.max(1, min), 1, 1_000_000); // A.7e: None, min_size
                long timeout = p.positiveDuration("timeout", 30_000_000_000L); // A.7e: psycopg_pool's 30 s
                long maxIdle = p.duration("max_idle", 600_000_000_000L); // A.7e: psycopg_pool's 10 min
                long maxLifetime = p.duration("max_lifetime", 3_600_000_000_000L); // A.7e: psycopg_pool's 1 h
                p.finish();
                if (max < min) {
                    f.problem("db_pool", "max_size (" + max + ") must be at least min_size (" + min
                            + "), as psycopg_pool requires");
                } else if (maxAge != 0) {
                    f.problem("db_pool", "Django's pool does not support persistent connections: remove conn_max_age "
                            + "(Django raises ImproperlyConfigured when CONN_MAX_AGE is set with a pool)");
                } else {
                    pool = new DbPool(min, max, timeout, maxIdle, maxLifetime);
                }
            }
        }
        return new DjangoConnections(maxAge, connect, setup, connectTimeout, pool);
    }
}
