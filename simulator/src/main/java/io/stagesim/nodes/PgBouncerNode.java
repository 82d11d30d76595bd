package io.stagesim.nodes;

import io.stagesim.model.DelayStation;
import io.stagesim.model.Outcome;
import io.stagesim.model.Pool;
import io.stagesim.model.PsHost;
import io.stagesim.random.Sampler;
import io.stagesim.stats.CountRecorder;

/**
 * A pooler. PgBouncer: a query from a view's client connection costs {@code cpu} here, takes a server
 * connection (in transaction mode from {@code servers}, waiting first in, first out up to the
 * query wait timeout; in session mode its client connection took one already), and goes on to the
 * database over {@code toDatabase}. Server connections are opened when first needed (as many as
 * are taken at once, at most the pool's size) and kept: each takes a unit of the database's
 * {@code table} for good and pays the database's side of a new connection once ({@code opening},
 * after {@code extraRoundTrips} round trips). A client connection's opening ({@link DatabaseCall#login})
 * costs only its CPU here. A managed proxy (RDS Proxy-like, no host of ours) is the same in
 * transaction mode, its CPU replaced by a latency: a delay with no processor behind it.
 */
public final class PgBouncerNode extends Node {

    private static final int CPU = 0;
    private static final int SERVER = 1;
    private static final int OPEN_TABLE = 2;
    private static final int HANDSHAKE = 3;
    private static final int OPEN_DB = 4;
    private static final int QUERY = 5;
    private static final int LOGIN = 6;

    private final PsHost cpu; // null for a managed proxy: its work is a delay on {@code managed}
    private final DelayStation managed;
    private final Sampler queryCpu;
    private final Pool servers;
    private final boolean transactionMode;
    private final CountRecorder serverConnects;
    private Pool table;
    private Link toDatabase;
    private DatabaseCall opening;
    private int extraRoundTrips;
    private DelayStation network;
    private int serversOpen;

    /**
     * PgBouncer on {@code cpu}, {@code queryCpu} per query, its server connections {@code servers}
     * (held per query when {@code transactionMode}), each opened counted in {@code serverConnects}.
     */
    public PgBouncerNode(String name, PsHost cpu, Sampler queryCpu, Pool servers, boolean transactionMode,
            CountRecorder serverConnects) {
        this(name, cpu, null, queryCpu, servers, transactionMode, serverConnects);
    }

    /**
     * A managed proxy: {@code latency} per query (and per client login, drawn from the call site's)
     * spent in {@code delays}, its connections {@code servers} held per query.
     */
    public PgBouncerNode(String name, DelayStation delays, Sampler latency, Pool servers, CountRecorder serverConnects) {
        this(name, null, delays, latency, servers, true, serverConnects);
    }

    private PgBouncerNode(String name, PsHost cpu, DelayStation managed, Sampler queryCpu, Pool servers,
            boolean transactionMode, CountRecorder serverConnects) {
        super(name);
        this.cpu = cpu;
        this.managed = managed;
        this.queryCpu = queryCpu;
        this.servers = servers;
        this.transactionMode = transactionMode;
        this.serverConnects = serverConnects;
    }

    /**
     * Its database: reached over {@code toDatabase}, connections taken from {@code table}, each
     * opened with {@code extraRoundTrips} round trips then {@code opening} there, over {@code network}.
     */
    public void database(Link toDatabase, Pool table, DatabaseCall opening, int extraRoundTrips,
            DelayStation network) {
        this.toDatabase = toDatabase;
        this.table = table;
        this.opening = opening;
        this.extraRoundTrips = extraRoundTrips;
        this.network = network;
    }

    @Override
    protected void start(Request r) {
        DatabaseCall site = (DatabaseCall) r.arg();
        r.phase(site.login ? LOGIN : CPU);
        if (cpu == null) {
            managed.delay(r, site.login ? site.cpu.sample() : queryCpu.sample());
            return;
        }
        long work = scaled(site.login ? site.cpu.sample() : queryCpu.sample());
        r.countCpu(work);
        cpu.execute(r, work);
    }

    @Override
    protected void step(Request r, int outcome) {
        switch (r.phase()) {
            case LOGIN -> r.ret(true);
            case CPU -> {
                if (transactionMode) {
                    r.phase(SERVER);
                    servers.acquire(r);
                } else {
                    server(r);
                }
            }
            case SERVER -> {
                if (outcome != Outcome.OK) {
                    r.fail(outcome == Outcome.TIMED_OUT ? ErrorKind.POOL_WAIT_TIMEOUT : ErrorKind.DB_CONNECTIONS);
                    return;
                }
                r.hold(servers);
                server(r);
            }
            case OPEN_TABLE -> {
                if (outcome != Outcome.OK) {
                    serversOpen--;
                    r.fail(ErrorKind.DB_CONNECTIONS); // "too many clients": the pool asked for more than it may
                    return;
                }
                serverConnects.increment();
                long handshake = extraRoundTrips * toDatabase.roundTrip();
                if (handshake > 0) {
                    r.phase(HANDSHAKE);
                    network.delay(r, handshake);
                } else {
                    openAtDatabase(r);
                }
            }
            case HANDSHAKE -> openAtDatabase(r);
            case OPEN_DB -> {
                if (outcome != Outcome.OK) {
                    serversOpen--; // the opening failed: nothing kept
                    table.release();
                    r.ret(false);
                    return;
                }
                query(r);
            }
            case QUERY -> r.ret(outcome == Outcome.OK);
            default -> throw new IllegalStateException(name + ": phase " + r.phase());
        }
    }

    /** A server connection is this query's: opened first if more are taken than are open. */
    private void server(Request r) {
        if (servers.units() - servers.free() > serversOpen) {
            serversOpen++; // counted from now, so that no other query opens the same one
            r.phase(OPEN_TABLE);
            table.acquire(r);
        } else {
            query(r);
        }
    }

    private void openAtDatabase(Request r) {
        r.phase(OPEN_DB);
        r.call(opening, null);
    }

    private void query(Request r) {
        r.phase(QUERY);
        r.call(toDatabase, r.arg());
    }
}
