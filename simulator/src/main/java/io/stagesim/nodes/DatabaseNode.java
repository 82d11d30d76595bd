package io.stagesim.nodes;

import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.model.DelayStation;
import io.stagesim.model.Outcome;
import io.stagesim.model.Pool;
import io.stagesim.model.PsHost;
import io.stagesim.random.Sampler;

/**
 * A database. PostgreSQL-like: a table of {@code max_connections − reserved} connections that
 * refuses at once when full ("too many clients"); each query costs CPU on the database host and
 * optionally disk time. SQLite-like: no connections, but one writer at a time: a write waits for
 * the lock up to the lock timeout ("database is locked"), holds it for its CPU and the commit.
 */
public final class DatabaseNode extends Node {

    private static final int LOCK = 0;
    private static final int QUERY_CPU = 1;
    private static final int IO = 2;
    private static final int COMMIT = 3;
    private static final int STANDBY = 4;

    private final PsHost cpu;
    private final Pool connections;
    private final Pool writeLock;
    private final DelayStation disk;
    private final Sampler commitTime;
    private long writes;
    /** Crashes of its host so far: a query begun before the last one cannot commit after it. */
    private long crashes;
    /** Told of every write committed, when the database has read replicas; else null. */
    private ReplicaRouter router;
    /** Multi-AZ: the acknowledgements of the synchronous standby in flight; else null. */
    private DelayStation standby;
    private long standbyRtt;

    /** A database on {@code cpu}; exactly one of {@code connections} and {@code writeLock} is set. */
    public DatabaseNode(String name, PsHost cpu, Pool connections, Pool writeLock, DelayStation disk,
            Sampler commitTime) {
        super(name);
        this.cpu = cpu;
        this.connections = connections;
        this.writeLock = writeLock;
        this.disk = disk;
        this.commitTime = commitTime;
    }

    /**
     * Backs the database up at every multiple of {@code interval} ns: the writes committed before
     * then are safe from a crash of its host.
     */
    public void backups(Engine engine, long interval) {
        engine.scheduleAt(interval, new Handler() {
            @Override
            public void handle(Object subject, int tag) {
                writes = 0;
                engine.scheduleAt(engine.now() + interval, this, null, 0);
            }
        }, null, 0);
    }

    /**
     * Write queries committed since the last backup or call to this method: what a crash of its
     * host loses (none when Multi-AZ). Called when the host crashes; the queries then under way
     * never commit.
     */
    public long takeWrites() {
        long w = writes;
        writes = 0;
        crashes++;
        return standby != null ? 0 : w; // Multi-AZ: every commit waited for the standby, which has it
    }

    /** Its writes are replicated to the replicas {@code router} sends reads to. */
    public void replicatedBy(ReplicaRouter router) {
        this.router = router;
    }

    /**
     * Multi-AZ: every write's commit waits for the synchronous standby's acknowledgement, a round
     * trip of {@code rtt} ns across zones, on {@code acks}.
     */
    public void multiAz(DelayStation acks, long rtt) {
        this.standby = acks;
        this.standbyRtt = rtt;
    }

    /** The router of its reads to replicas, or null. */
    public ReplicaRouter router() {
        return router;
    }

    /** The connection table (PostgreSQL-like), or null. */
    public Pool connections() {
        return connections;
    }

    /** The write lock (SQLite-like), or null. */
    public Pool writeLock() {
        return writeLock;
    }

    @Override
    protected void start(Request r) {
        DatabaseCall site = (DatabaseCall) r.arg();
        r.value(crashes);
        if (writeLock != null && site.write) {
            r.phase(LOCK);
            writeLock.acquire(r);
        } else {
            query(r, site);
        }
    }

    private void query(Request r, DatabaseCall site) {
        long demand = site.cpu.sample();
        if (site.extraCpu != null) {
            demand += site.extraCpu.sample();
        }
        long work = scaled(demand);
        r.countCpu(work);
        r.phase(QUERY_CPU);
        cpu.execute(r, work);
    }

    @Override
    protected void step(Request r, int outcome) {
        DatabaseCall site = (DatabaseCall) r.arg();
        switch (r.phase()) {
            case LOCK -> {
                if (outcome != Outcome.OK) {
                    r.fail(ErrorKind.DB_LOCKED);
                    return;
                }
                r.hold(writeLock);
                query(r, site);
            }
            case QUERY_CPU -> {
                if (site.io != null) {
                    r.phase(IO);
                    disk.delay(r, scaled(site.io.sample()));
                } else {
                    afterIo(r, site);
                }
            }
            case IO -> afterIo(r, site);
            case STANDBY -> {
                committedWrite(r);
                r.ret(true);
            }
            default -> {
                committed(r); // a SQLite commit
                r.ret(true);
            }
        }
    }

    private void afterIo(Request r, DatabaseCall site) {
        if (writeLock != null && site.write) {
            r.phase(COMMIT);
            disk.delay(r, commitTime.sample());
        } else if (site.write && standby != null) {
            r.phase(STANDBY); // synchronous replication: the commit returns once the standby has the WAL
            standby.delay(r, standbyRtt);
        } else {
            if (site.write) {
                committedWrite(r);
            }
            r.ret(true);
        }
    }

    /** A PostgreSQL write committed: counted, and replicated to the read replicas if any. */
    private void committedWrite(Request r) {
        committed(r);
        if (router != null) {
            router.written(r);
        }
    }

    /** Counts {@code r}'s write, unless a crash of the host came while it was under way (its disk wait, say). */
    private void committed(Request r) {
        if (r.value() == crashes) {
            writes++;
        }
    }
}
