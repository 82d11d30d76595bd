package io.stagesim.assembly;

import io.stagesim.model.PsHost;
import io.stagesim.nodes.AppServerNode;
import io.stagesim.nodes.CallSite;
import io.stagesim.nodes.Node;
import io.stagesim.scenario.AppServerSpec;
import io.stagesim.scenario.BrowserSpec;
import io.stagesim.scenario.CacheSpec;
import io.stagesim.scenario.CallSpec;
import io.stagesim.scenario.DatabaseSpec;
import io.stagesim.scenario.PoolerSpec;
import io.stagesim.scenario.DevServerSpec;
import io.stagesim.scenario.LoadBalancerSpec;
import io.stagesim.scenario.CdnSpec;
import io.stagesim.scenario.ObjectStorageSpec;
import io.stagesim.scenario.ProxySpec;
import io.stagesim.scenario.ServiceSpec;
import io.stagesim.scenario.TaskQueueSpec;
import io.stagesim.scenario.UwsgiSpec;

/**
 * How one service of a scenario becomes part of a model. Every service goes through the phases
 * together, in the scenario's order (create all, then connect all, then plan, then start), so that
 * links, counters and first events come in the same order every time a scenario is built.
 */
interface ServiceBuilder {

    /**
     * A service running views, as a caller of other services: its spec, the CPU its views run on,
     * and its app-server node when its worker slots can keep database connections (else null).
     */
    record Caller(ServiceSpec spec, PsHost cpu, AppServerNode workers) {
        /** A caller whose workers keep no connections. */
        Caller(ServiceSpec spec, PsHost cpu) {
            this(spec, cpu, null);
        }
    }

    /**
     * The builder of {@code spec}'s kind: the one place that ties a kind to its builder, a switch
     * that does not compile while a kind of the registry has none.
     */
    static ServiceBuilder of(ServiceSpec spec, ModelBuilder b) {
        return switch (spec.kind()) {
            case BROWSER -> new BrowserBuilder((BrowserSpec) spec, b);
            case DEV_SERVER -> new DevServerBuilder((DevServerSpec) spec, b);
            case APP_SERVER -> new AppServerBuilder((AppServerSpec) spec, b);
            case UWSGI -> new UwsgiBuilder((UwsgiSpec) spec, b);
            case PROXY -> new ProxyBuilder((ProxySpec) spec, b);
            case LOAD_BALANCER -> new LoadBalancerBuilder((LoadBalancerSpec) spec, b);
            case DATABASE -> new DatabaseBuilder((DatabaseSpec) spec, b);
            case PGBOUNCER, DATABASE_PROXY -> new PgBouncerBuilder((PoolerSpec) spec, b);
            case CACHE -> new CacheBuilder((CacheSpec) spec, b);
            case TASK_QUEUE -> new TaskQueueBuilder((TaskQueueSpec) spec, b);
            case OBJECT_STORAGE -> new ObjectStorageBuilder((ObjectStorageSpec) spec, b);
            case CDN -> new CdnBuilder((CdnSpec) spec, b);
        };
    }

    /** Its node, pools, stations and counters; null when it is no node of its own (the browsers). */
    Node create();

    /** Links to the services it sends requests on to, once every node exists. */
    default void connect() {
    }

    /** The plans of the views it runs, one per request class. */
    default void plan() {
    }

    /** Readies what it starts by itself (the browsers' workload, begun by {@link WebModel#start()}). */
    default void start() {
    }

    /**
     * The call site of a view's call {@code c} to this service from {@code caller}, made
     * {@code times} times, its random streams named under {@code path}.
     *
     * @throws UnsupportedOperationException for a kind views do not call
     */
    default CallSite callSite(CallSpec c, Caller caller, CallSite.Times times, String path) {
        throw new UnsupportedOperationException("a view cannot call " + c.service());
    }
}
