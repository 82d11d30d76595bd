package io.stagesim.nodes;

import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
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
 *
 * <p>In transaction mode with {@link #serverLifecycle} set, a server connection's life is
 * PgBouncer's: idle ones wait on a stack and the last returned is the next taken
 * ({@code server_round_robin = 0}, LIFO); one idle longer than {@code server_idle_timeout} closes
 * (the oldest idle first); one connected longer than {@code server_lifetime} closes when it is
 * returned (or found idle) instead of being used again. A closed connection gives its unit of the
 * database's table back, and the next query short of one opens a new one on its path, paying the
 * handshake and the new backend again.
 */
public final class PgBouncerNode extends Node {

    private static final int CPU = 0;
    private static final int SERVER = 1;
    private static final int OPEN_TABLE = 2;
    private static final int HANDSHAKE = 3;
    private static final int OPEN_DB = 4;
    private static final int QUERY = 5;
    private static final int LOGIN = 6;
    private static final int GATE = 7;
    private static final int PIN = 8;

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
    private Engine engine; // null: server connections are kept for the run
    private long idleTimeout;
    private long lifetime;
    private int idleCap = Integer.MAX_VALUE;
    private Pool failoverGate; // a managed proxy's: queries wait here while its database fails over
    private Node database;
    private double pinnedShare;
    private double pinCarry;
    private CountRecorder serverCloses;
    // for speed: the idle server connections as a ring (bottom = oldest idle at head, top = last returned)
    private long[] idleSince;
    private long[] idleOpenedAt;
    private int idleHead;
    private int idleCount;
    private boolean janitorPending;
    private final Handler janitor = (subject, tag) -> closeIdle();

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

    /**
     * PgBouncer's closing of server connections (transaction mode): idle longer than
     * {@code idleTimeout} ns (0: never), connected longer than {@code lifetime} ns (0: after one
     * use; {@link Long#MAX_VALUE}: never); each closed counted in {@code closes}.
     */
    public void serverLifecycle(Engine engine, long idleTimeout, long lifetime, CountRecorder closes) {
        if (!transactionMode) {
            throw new IllegalStateException(name + ": server connection lifecycle needs transaction pooling");
        }
        this.engine = engine;
        this.idleTimeout = idleTimeout;
        this.lifetime = lifetime;
        this.serverCloses = closes;
        this.idleSince = new long[servers.units()];
        this.idleOpenedAt = new long[servers.units()];
    }

    /**
     * A managed proxy's idle trimming: a connection returned when {@code idleCap} are idle already
     * closes (RDS Proxy's MaxIdleConnectionsPercent); each closed counted in {@code closes}.
     */
    public void idleCap(Engine engine, int idleCap, CountRecorder closes) {
        serverLifecycle(engine, 0, Long.MAX_VALUE, closes);
        this.idleCap = idleCap;
    }

    /**
     * A managed proxy keeps its clients through a failover of its database: while {@code database}
     * is down on its own, queries wait in {@code gate} (its wait limit theirs) and go on when it is back.
     */
    public void holdThroughFailover(Node database, Pool gate) {
        this.database = database;
        this.failoverGate = gate;
        database.watchDown(this::databaseChanged);
    }

    /**
     * A share {@code share} of client sessions pins its connection (RDS Proxy's pinning): dealt out
     * evenly at each client login, a pinned one borrows a connection there and keeps it until its view ends.
     */
    public void pinnedShare(double share) {
        this.pinnedShare = share;
    }

    private void databaseChanged() {
        if (database.downOnItsOwn()) {
            failoverGate.take(); // from now on, queries wait
            return;
        }
        for (int n = failoverGate.waiting(); n > 0; n--) {
            failoverGate.release(); // the unit passes from waiter to waiter, first in, first out
        }
        failoverGate.release();
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
            case LOGIN -> {
                if (pinnedShare > 0 && (pinCarry += pinnedShare) >= 1 - 1e-9) {
                    pinCarry -= 1;
                    r.phase(PIN); // a pinned session: a connection of its own until its view ends
                    servers.acquire(r);
                } else {
                    r.ret(true);
                }
            }
            case PIN -> {
                if (outcome != Outcome.OK) {
                    r.fail(outcome == Outcome.TIMED_OUT ? ErrorKind.POOL_WAIT_TIMEOUT : ErrorKind.DB_CONNECTIONS);
                    return;
                }
                r.holdDbConnection(servers);
                r.ret(true);
            }
            case CPU -> {
                if (failoverGate != null && database.downOnItsOwn()) {
                    r.phase(GATE); // the proxy holds the query until the database is back
                    failoverGate.acquire(r);
                } else {
                    borrow(r);
                }
            }
            case GATE -> {
                if (outcome != Outcome.OK) {
                    r.fail(ErrorKind.POOL_WAIT_TIMEOUT);
                    return;
                }
                borrow(r);
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
            case QUERY -> {
                if (engine != null && r.b() == 0) {
                    returned(r.value()); // before its unit goes to a waiter, which takes the top of the stack
                }
                r.ret(outcome == Outcome.OK);
            }
            default -> throw new IllegalStateException(name + ": phase " + r.phase());
        }
    }

    /** The query borrows a server connection (transaction mode), or has its session's. */
    private void borrow(Request r) {
        r.b(0);
        if (!transactionMode) {
            server(r);
        } else if (pinnedShare > 0 && r.hasDbConnection(servers)) {
            r.b(1); // pinned: the session's own connection, not returned to the stack
            if (engine != null) {
                r.value(engine.now());
            }
            if (servers.units() - servers.free() > serversOpen) {
                serversOpen++;
                r.phase(OPEN_TABLE);
                table.acquire(r);
            } else {
                query(r);
            }
        } else {
            r.phase(SERVER);
            servers.acquire(r);
        }
    }

    /** A server connection is this query's: the last one returned, or opened first if more are taken than are open. */
    private void server(Request r) {
        if (engine != null) {
            long now = engine.now();
            while (idleCount > 0) {
                int top = (idleHead + idleCount - 1) % idleSince.length;
                idleCount--;
                long opened = idleOpenedAt[top];
                if (now - opened < lifetime) {
                    r.value(opened); // carried on the frame to its return
                    query(r);
                    return;
                }
                close(); // past server_lifetime: PgBouncer closes it rather than use it again
            }
            r.value(now);
        }
        if (servers.units() - servers.free() > serversOpen) {
            serversOpen++; // counted from now, so that no other query opens the same one
            r.phase(OPEN_TABLE);
            table.acquire(r);
        } else {
            query(r);
        }
    }

    /** A server connection opened at {@code opened} comes back: closed past its lifetime, else idle on the stack. */
    private void returned(long opened) {
        long now = engine.now();
        if (now - opened >= lifetime || idleCount >= idleCap) {
            close();
            return;
        }
        int at = (idleHead + idleCount) % idleSince.length;
        idleSince[at] = now;
        idleOpenedAt[at] = opened;
        idleCount++;
        if (idleTimeout > 0 && !janitorPending) {
            janitorPending = true;
            engine.scheduleAt(idleSince[idleHead] + idleTimeout, janitor, null, 0);
        }
    }

    /** server_idle_timeout: the oldest idle connections, idle that long, close. */
    private void closeIdle() {
        janitorPending = false;
        long now = engine.now();
        while (idleCount > 0 && now - idleSince[idleHead] >= idleTimeout) {
            idleHead = (idleHead + 1) % idleSince.length;
            idleCount--;
            close();
        }
        if (idleCount > 0) {
            janitorPending = true;
            engine.scheduleAt(idleSince[idleHead] + idleTimeout, janitor, null, 0);
        }
    }

    private void close() {
        serversOpen--;
        table.release();
        serverCloses.increment();
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
