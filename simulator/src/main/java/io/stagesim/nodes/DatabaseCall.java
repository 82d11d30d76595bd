package io.stagesim.nodes;

import io.stagesim.model.DelayStation;
import io.stagesim.model.Outcome;
import io.stagesim.model.Pool;
import io.stagesim.model.PsHost;
import io.stagesim.random.Sampler;

/**
 * A call to a database: {@code cpu} per query on the database host, {@code io} per query (disk
 * wait, or null), {@code write} (a SQLite write takes the write lock). When the database has
 * connections and the view (or, with persistent connections, its worker slot) holds none yet, the
 * first call opens one: {@link Connection}.
 */
public final class DatabaseCall extends CallSite {

    /**
     * How a call opens a connection to a database or to a pooler in front of it, in order: a unit
     * of its connection {@code table} (refused at once when full, or waited for); {@code clientCpu} then {@code setupCpu} on {@code callerCpu}
     * (the driver's connect and authentication, then Django's set-up of the new connection); the
     * handshake's round trips but the last, {@code extraRoundTrips} round trips of the call's link
     * (as it is then: a latency fault's included) on {@code network}; the last round trip over the link, with {@code atDatabase}'s CPU there (the new backend's
     * start, and its cold caches). With {@code workers} the connection belongs to the worker slot
     * and outlives the request ({@code CONN_MAX_AGE} &gt; 0); with {@code pools} (Django's psycopg
     * pool) the request first takes one of its worker process's pool, and the opening, when its
     * process must open one, is the pool's, kept; with neither, the connection is the request's.
     * {@code tlsCpu} (null for none) is the caller's CPU for a TLS handshake with the far end.
     */
    public record Connection(Pool table, WorkerConnections workers, ProcessPools pools, Sampler clientCpu,
            Sampler setupCpu, PsHost callerCpu, int extraRoundTrips, DelayStation network, DatabaseCall atDatabase,
            Sampler tlsCpu) {

        /** The caller's CPU to open one: the driver's connect, Django's set-up, and TLS's handshake if any. */
        long callerWork() {
            return clientCpu.sample() + setupCpu.sample() + (tlsCpu == null ? 0 : tlsCpu.sample());
        }
    }

    private static final int CONNECTION = 1;
    private static final int CONNECT_CPU = 2;
    private static final int HANDSHAKE = 3;
    private static final int CONNECT_DB = 4;
    private static final int POOLED = 5;

    final Sampler cpu;
    final Sampler extraCpu;
    final Sampler io;
    final boolean write;
    /** True for the step that opens a connection (what a pooler answers itself). */
    final boolean login;
    private final Connection connection;

    /**
     * A database call; {@code connection} is null when the database has none (SQLite), and for
     * the connect step itself.
     */
    public DatabaseCall(String name, Link link, Times times, Sampler cpu, Sampler io, boolean write,
            Connection connection) {
        this(name, link, times, cpu, null, io, write, connection);
    }

    /** A database call whose CPU is {@code cpu} plus {@code extraCpu} (null for none). */
    public DatabaseCall(String name, Link link, Times times, Sampler cpu, Sampler extraCpu, Sampler io, boolean write,
            Connection connection) {
        super(name, link, times);
        this.cpu = cpu;
        this.extraCpu = extraCpu;
        this.io = io;
        this.write = write;
        this.login = false;
        this.connection = connection;
    }

    private DatabaseCall(String name, Link link, Sampler cpu, Sampler extraCpu) {
        super(name, link, Times.exactly(1));
        this.cpu = cpu;
        this.extraCpu = extraCpu;
        this.io = null;
        this.write = false;
        this.login = true;
        this.connection = null;
    }

    /**
     * The step of opening a connection at the far end of {@code link}: {@code cpu} plus
     * {@code extraCpu} (null for none) there.
     */
    public static DatabaseCall opening(String name, Link link, Sampler cpu, Sampler extraCpu) {
        return new DatabaseCall(name, link, cpu, extraCpu);
    }

    @Override
    void begin(Request r) {
        if (connection == null) {
            next(r);
            return;
        }
        WorkerConnections workers = connection.workers();
        ProcessPools pools = connection.pools();
        if ((workers != null || pools != null) && r.slotWorker() < 0) {
            r.ret(false); // its worker was killed: the process that would query is gone
            return;
        }
        if (pools != null) {
            Pool pool = pools.of(r.slotWorker());
            if (r.hasDbConnection(pool)) {
                next(r);
            } else {
                r.phase(POOLED);
                pool.acquire(r);
            }
            return;
        }
        if (workers == null ? r.hasDbConnection(connection.table()) : workers.holds(r.slotWorker())) {
            next(r);
            return;
        }
        r.phase(CONNECTION);
        connection.table().acquire(r);
    }

    @Override
    void failed(Request r, int outcome) {
        int phase = r.phase();
        ProcessPools pools = connection == null ? null : connection.pools();
        if (phase == POOLED) {
            r.fail(outcome == Outcome.TIMED_OUT ? ErrorKind.POOL_WAIT_TIMEOUT : ErrorKind.DB_CONNECTIONS);
            return;
        }
        int pooled = pools == null ? -1 : r.pooledConnectionId(pools);
        if (phase == CONNECTION) {
            if (pooled >= 0) {
                pools.openFailed(pooled);
            }
            r.fail(outcome == Outcome.TIMED_OUT ? ErrorKind.POOL_WAIT_TIMEOUT : ErrorKind.DB_CONNECTIONS);
            return;
        }
        if (phase != CALLED && pooled >= 0) {
            pools.openFailed(pooled); // the opening failed: the pool keeps nothing
            connection.table().release();
        }
        if (phase != CALLED && connection.workers() != null && r.slotWorker() >= 0) {
            connection.workers().close(r.slotWorker()); // the opening failed: nothing to keep
        }
        r.ret(false);
    }

    @Override
    void stepped(Request r) {
        switch (r.phase()) {
            case POOLED -> {
                ProcessPools pools = connection.pools();
                int id = pools.take(r.slotWorker());
                // given back to the pool when the view ends
                r.holdPooledConnection(pools.of(r.slotWorker()), pools, id >= 0 ? id : ~id);
                if (id < 0) { // none idle: this request opens it
                    r.phase(CONNECTION);
                    connection.table().acquire(r);
                } else {
                    next(r);
                }
            }
            case CONNECTION -> open(r);
            case CONNECT_CPU -> {
                long handshake = connection.extraRoundTrips() * link.roundTrip();
                if (handshake > 0) {
                    r.phase(HANDSHAKE);
                    connection.network().delay(r, handshake);
                } else {
                    atDatabase(r);
                }
            }
            case HANDSHAKE -> atDatabase(r);
            case CONNECT_DB -> next(r);
            default -> super.stepped(r);
        }
    }

    /** A unit of the table granted: the connection is the view's or the worker's from now on. */
    private void open(Request r) {
        WorkerConnections workers = connection.workers();
        if (workers != null) {
            workers.opened(r.slotWorker());
        } else if (connection.pools() == null) {
            r.holdDbConnection(connection.table());
        } // else the pool's, kept open: its unit of the table is never given back

        long work = connection.callerWork();
        r.countCpu(work);
        r.phase(CONNECT_CPU);
        connection.callerCpu().execute(r, work);
    }

    private void atDatabase(Request r) {
        r.phase(CONNECT_DB);
        r.call(connection.atDatabase(), null);
    }
}
