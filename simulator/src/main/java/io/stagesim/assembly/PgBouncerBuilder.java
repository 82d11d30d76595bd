package io.stagesim.assembly;

import io.stagesim.model.DelayStation;
import io.stagesim.model.Pool;
import io.stagesim.nodes.CallSite;
import io.stagesim.nodes.DatabaseCall;
import io.stagesim.nodes.DatabaseNode;
import io.stagesim.nodes.Link;
import io.stagesim.nodes.Node;
import io.stagesim.nodes.PgBouncerNode;
import io.stagesim.random.Distribution;
import io.stagesim.scenario.CallSpec;
import io.stagesim.scenario.DatabaseProxySpec;
import io.stagesim.scenario.DatabaseSpec;
import io.stagesim.scenario.PgBouncerSpec;
import io.stagesim.scenario.PoolerSpec;

/**
 * A pooler. PgBouncer on its host: its client connections (max_client_conn, refused when full), its server
 * connections (the pool, waited for up to query_wait_timeout), its link to the database, and the
 * calls views make to it: a view's connection is a client connection, opened as Django opens one
 * (with PgBouncer's round trips and login CPU), each query then going through to the database. A
 * managed proxy (RDS Proxy-like) likewise, with no host: its pool a share of the database's
 * max_connections lent per query, its client connections unlimited, its work a latency.
 */
final class PgBouncerBuilder implements ServiceBuilder {

    private final PoolerSpec spec;
    private final ModelBuilder b;
    private PgBouncerNode node;
    private Pool clients;

    PgBouncerBuilder(PoolerSpec spec, ModelBuilder b) {
        this.spec = spec;
        this.b = b;
    }

    @Override
    public Node create() {
        return spec instanceof DatabaseProxySpec proxy ? createManaged(proxy) : createPgBouncer((PgBouncerSpec) spec);
    }

    private Node createManaged(DatabaseProxySpec spec) {
        String n = spec.name();
        WebModel m = b.model();
        DatabaseSpec db = (DatabaseSpec) b.scenario().services().get(spec.database());
        int size = spec.poolSize(db.maxConnections());
        long waitLimit = spec.borrowTimeout() == 0 ? Pool.NO_LIMIT : spec.borrowTimeout();
        clients = new Pool(b.sim(), n + "/clients", Integer.MAX_VALUE, true, Pool.NO_LIMIT, -1);
        Pool servers = new Pool(b.sim(), n + "/servers", size, false, waitLimit, -1);
        m.pools.add(new WebModel.LabelledPool(n, "database connections (" + spec.maxConnectionsPercent()
                + " % of max_connections: " + size + ")", servers));
        DelayStation delays = new DelayStation(b.sim(), n + "/latency");
        m.stations.add(new WebModel.LabelledStation(n, "queries passing through", delays));
        node = new PgBouncerNode(n, delays, b.sampler(spec.latency(), n + "/latency"), servers,
                m.counter(n, "server_connects"));
        return node;
    }

    private Node createPgBouncer(PgBouncerSpec spec) {
        String n = spec.name();
        WebModel m = b.model();
        long waitLimit = spec.queryWaitTimeout() == 0 ? Pool.NO_LIMIT : spec.queryWaitTimeout();
        Pool servers;
        if (spec.transactionMode()) {
            clients = new Pool(b.sim(), n + "/clients", spec.maxClientConn(), true, Pool.NO_LIMIT, -1);
            m.pools.add(new WebModel.LabelledPool(n, "client connections (max_client_conn "
                    + spec.maxClientConn() + ")", clients));
            servers = new Pool(b.sim(), n + "/servers", spec.defaultPoolSize(), false, waitLimit, -1);
        } else {
            // session mode: a client connection holds a server connection, and waits for one; over
            // max_client_conn in all it is refused
            servers = new Pool(b.sim(), n + "/servers", spec.defaultPoolSize(), false, waitLimit,
                    spec.maxClientConn() - spec.defaultPoolSize());
            clients = servers;
        }
        m.pools.add(new WebModel.LabelledPool(n, "server connections (" + spec.poolMode() + " pooling, "
                + spec.defaultPoolSize() + ")", servers));
        node = new PgBouncerNode(n, b.hostCpu(spec), b.sampler(spec.cpu(), n + "/cpu"), servers,
                spec.transactionMode(), m.counter(n, "server_connects"));
        return node;
    }

    @Override
    public void connect() {
        DatabaseSpec db = (DatabaseSpec) b.scenario().services().get(spec.database());
        DatabaseNode database = (DatabaseNode) b.node(db.name());
        Link link = b.link(spec, db.name());
        String path = spec.name() + "/server";
        DatabaseCall opening = DatabaseCall.opening(path + "/connect", link,
                b.sampler(db.connectCpu(), path + "/connect-db"), b.sampler(db.coldCacheCpu(), path + "/cold"));
        node.database(link, database.connections(), opening, db.handshakeRoundTrips() - 1, b.model().network);
    }

    @Override
    public CallSite callSite(CallSpec c, Caller caller, CallSite.Times times, String path) {
        Link link = b.link(caller.spec(), spec.name());
        long timeout = caller.spec().django().connectTimeout();
        if (timeout > 0) {
            link.connectTimeout(timeout); // libpq's connect_timeout, in place of the kernel's SYN retries
        }
        Distribution loginWork = spec instanceof PgBouncerSpec pg ? pg.loginCpu() : ((DatabaseProxySpec) spec).latency();
        DatabaseCall login = DatabaseCall.opening(path + "/connect", link, b.sampler(loginWork,
                path + "/connect-db"), null);
        DatabaseCall.Connection connection = DatabaseBuilder.connection(b, caller, link, node, clients,
                spec.handshakeRoundTrips(), login, path);
        return new DatabaseCall(path, link, times,
                b.sampler(c.cpu() == null ? DatabaseSpec.DEFAULT_QUERY_CPU : c.cpu(), path + "/cpu"),
                c.io() == null ? null : b.sampler(c.io(), path + "/io"), c.write(), connection);
    }
}
