package io.stagesim.assembly;

import io.stagesim.model.DelayStation;
import io.stagesim.model.Pool;
import io.stagesim.nodes.ProcessPools;
import io.stagesim.scenario.AppServerSpec;
import io.stagesim.scenario.UwsgiSpec;
import io.stagesim.nodes.CallSite;
import io.stagesim.nodes.DatabaseCall;
import io.stagesim.nodes.DatabaseNode;
import io.stagesim.nodes.Link;
import io.stagesim.nodes.Node;
import io.stagesim.nodes.ReplicaRouter;
import io.stagesim.nodes.RoutedRead;
import io.stagesim.nodes.WorkerConnections;
import io.stagesim.scenario.CallSpec;
import io.stagesim.scenario.DatabaseSpec;
import io.stagesim.scenario.DjangoConnections;
import io.stagesim.scenario.Replication;

/**
 * A database on its host: a disk, and PostgreSQL's connection table (max_connections less the
 * reserved ones, refusing when full) or SQLite's write lock (waiting up to the lock timeout), its
 * backups, and the calls views make to it: each opens a connection first when its view holds none.
 * With read replicas, a router ({@link ReplicaRouter}) sends each read query to one of them, each
 * query a call of its own to its database.
 */
final class DatabaseBuilder implements ServiceBuilder {

    private final DatabaseSpec spec;
    private final ModelBuilder b;
    private DatabaseNode node;
    private ReplicaRouter router;

    DatabaseBuilder(DatabaseSpec spec, ModelBuilder b) {
        this.spec = spec;
        this.b = b;
    }

    @Override
    public Node create() {
        String n = spec.name();
        WebModel m = b.model();
        DelayStation disk = new DelayStation(b.sim(), n + "/disk");
        m.stations.add(new WebModel.LabelledStation(n, "disk", disk));
        Pool conns = null;
        Pool lock = null;
        if (spec.hasConnections()) {
            conns = new Pool(b.sim(), n + "/connections", spec.maxConnections() - spec.reservedConnections(), true,
                    Pool.NO_LIMIT, -1);
            m.pools.add(new WebModel.LabelledPool(n, "connections (max_connections "
                    + spec.maxConnections() + " − " + spec.reservedConnections() + " reserved)", conns));
        } else {
            lock = new Pool(b.sim(), n + "/write-lock", 1, false, spec.lockTimeout(), -1);
            m.pools.add(new WebModel.LabelledPool(n, "write lock (one writer at a time)", lock));
        }
        node = new DatabaseNode(n, b.hostCpu(spec), conns, lock, disk, b.sampler(spec.commitTime(), n + "/commit"));
        if (spec.backupInterval() > 0) {
            node.backups(b.sim().engine(), spec.backupInterval());
        }
        b.addDatabase(spec.host(), node);
        if (spec.multiAz()) {
            DelayStation acks = new DelayStation(b.sim(), n + "/standby");
            m.stations.add(new WebModel.LabelledStation(n, "Multi-AZ standby (commits awaiting its acknowledgement)",
                    acks));
            node.multiAz(acks, spec.standbyRtt());
        }
        Replication rep = spec.replication();
        if (rep.routed()) {
            router = new ReplicaRouter(b.sim().engine(), rep.replicas().size(), rep.keys(),
                    "round_robin".equals(rep.routing()), rep.stickyAfterWrite(), rep.downtime(),
                    b.sampler(rep.lag(), n + "/replication-lag"), b.stream(n + "/router"),
                    m.counter(n, "replica_reads"), m.counter(n, "primary_reads"), m.counter(n, "stale_reads"),
                    m.counter(n, "replicas_marked_down"));
            node.replicatedBy(router);
        }
        return node;
    }

    @Override
    public void connect() {
        if (router != null) {
            router.replicaNodes(spec.replication().replicas().stream().map(b::node).toArray(Node[]::new));
        }
    }

    @Override
    public CallSite callSite(CallSpec c, Caller caller, CallSite.Times times, String path) {
        if (router == null || c.write()) {
            return direct(c, caller, times, path);
        }
        java.util.List<String> replicas = spec.replication().replicas();
        DatabaseCall[] targets = new DatabaseCall[replicas.size() + 1];
        targets[0] = direct(c, caller, CallSite.Times.exactly(1), path + "/" + spec.name());
        for (int i = 0; i < replicas.size(); i++) {
            String r = replicas.get(i);
            targets[i + 1] = (DatabaseCall) b.builder(r).callSite(c, caller, CallSite.Times.exactly(1), path + "/" + r);
        }
        return new RoutedRead(path, targets[0].link(), times, router, targets);
    }

    /** A call of {@code c} to this database itself. */
    private DatabaseCall direct(CallSpec c, Caller caller, CallSite.Times times, String path) {
        Link link = b.link(caller.spec(), spec.name());
        long timeout = caller.spec().django().connectTimeout();
        if (timeout > 0) {
            link.connectTimeout(timeout); // libpq's connect_timeout, in place of the kernel's SYN retries
        }
        DatabaseCall.Connection connection = node.connections() == null ? null : connection(caller, link, path);
        return new DatabaseCall(path, link, times,
                b.sampler(c.cpu() == null ? DatabaseSpec.DEFAULT_QUERY_CPU : c.cpu(), path + "/cpu"),
                c.io() == null ? null : b.sampler(c.io(), path + "/io"), c.write(), connection);
    }

    /**
     * How {@code caller}'s calls over {@code link} open a connection to this database, cost by cost
     * (A.7): the worker's CPU, the handshake's round trips (the last one the call over the link
     * itself), the new backend's start and cold caches.
     */
    private DatabaseCall.Connection connection(Caller caller, Link link, String path) {
        DatabaseCall atDatabase = DatabaseCall.opening(path + "/connect", link,
                b.sampler(spec.connectCpu(), path + "/connect-db"), b.sampler(spec.coldCacheCpu(), path + "/cold"));
        return connection(b, caller, link, node, node.connections(), spec.handshakeRoundTrips(), atDatabase, path);
    }

    /**
     * How {@code caller}'s calls over {@code link} open a connection to {@code target} (a database,
     * or a pooler), a unit of {@code table}: the worker's CPU (Django's connect, then its set-up),
     * {@code roundTrips} round trips (the last one the call over the link itself, with
     * {@code atTarget}'s work there); and whether it is the request's or, with {@code CONN_MAX_AGE}
     * &gt; 0, the worker slot's.
     */
    static DatabaseCall.Connection connection(ModelBuilder b, Caller caller, Link link, Node target, Pool table,
            int roundTrips, DatabaseCall atTarget, String path) {
        DjangoConnections django = caller.spec().django();
        WorkerConnections workers = null;
        if (django.persistent() && caller.workers() != null) {
            long maxAge = django.connMaxAge() == DjangoConnections.UNLIMITED ? WorkerConnections.UNLIMITED
                    : django.connMaxAge();
            workers = caller.workers().keptConnections(target);
            if (workers == null) {
                workers = caller.workers().keepConnections(target, table, maxAge, b.sim().engine(),
                        b.model().counter(caller.spec().name(), "db_connects to " + target.name()));
            }
        }
        ProcessPools pools = null;
        if (django.pool() != null && caller.workers() != null) {
            pools = caller.workers().pooledConnections(target);
            if (pools == null) {
                int threads = caller.spec() instanceof AppServerSpec a ? a.threads()
                        : caller.spec() instanceof UwsgiSpec u ? u.threads() : 1;
                int processes = caller.workers().slots().units() / threads;
                Pool[] each = new Pool[processes];
                String n = caller.spec().name() + "/pool->" + target.name();
                for (int i = 0; i < processes; i++) {
                    each[i] = new Pool(b.sim(), n + "/" + i, django.pool().maxSize(), false,
                            django.pool().timeout(), -1);
                }
                pools = caller.workers().poolConnections(target, new ProcessPools(each, threads,
                        b.model().counter(caller.spec().name(), "db_connects to " + target.name())));
            }
        }
        return new DatabaseCall.Connection(table, workers, pools, b.sampler(django.connectCpu(), path + "/connect-app"),
                b.sampler(django.setupCpu(), path + "/setup-app"), caller.cpu(), roundTrips - 1,
                b.model().network, atTarget);
    }
}
