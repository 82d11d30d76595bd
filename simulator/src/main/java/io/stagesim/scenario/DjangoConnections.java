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
 * kernel's SYN retries then ({@code network.syn_timeout}).
 */
public record DjangoConnections(long connMaxAge, Distribution connectCpu, Distribution setupCpu, long connectTimeout) {

    /** {@code CONN_MAX_AGE = None}: persistent connections never closed for their age. */
    public static final long UNLIMITED = -1;

    private static final long US = 1_000L;

    /** Django's defaults: a new connection every request, 4.1 ms + 1.1 ms of worker CPU to open it (A.7). */
    public static final DjangoConnections DEFAULT = new DjangoConnections(0, new Constant(4_100 * US),
            new Constant(1_100 * US), 0);

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
        return new DjangoConnections(f.durationOr("conn_max_age", 0, "unlimited", UNLIMITED), // A.7: Django's 0
                f.distribution("db_connect_cpu", DEFAULT.connectCpu()), // A.7: ≈ 4.1 ms in the worker
                f.distribution("db_setup_cpu", DEFAULT.setupCpu()), // A.7: ≈ 1.1 ms, issue 12's measurement
                f.duration("db_connect_timeout", 0)); // A.7: libpq's connect_timeout, unset
    }
}
