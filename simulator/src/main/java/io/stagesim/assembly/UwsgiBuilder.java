package io.stagesim.assembly;

import io.stagesim.model.PsHost;
import io.stagesim.nodes.AppServerNode;
import io.stagesim.nodes.Node;
import io.stagesim.scenario.UwsgiSpec;

/**
 * uWSGI: an app server whose processes × threads slots wait in the socket's listen queue, on its
 * host's CPU; with harakiri set, a worker holding a request past it is killed (counted as
 * harakiri_kills) and respawned; with max_requests set, workers are recycled (counted as recycles).
 */
final class UwsgiBuilder implements ServiceBuilder {

    private final UwsgiSpec spec;
    private final ModelBuilder b;
    private AppServerNode node;
    private PsHost cpu;

    UwsgiBuilder(UwsgiSpec spec, ModelBuilder b) {
        this.spec = spec;
        this.b = b;
    }

    @Override
    public Node create() {
        String n = spec.name();
        WebModel m = b.model();
        cpu = b.hostCpu(spec);
        node = AppServerBuilder.node(b, n, cpu, spec.processes(), spec.threads(), spec.listen(), spec.processes()
                + " processes × " + spec.threads() + " threads (listen " + spec.listen() + ")", spec.staticCpu(),
                spec.afterResponseCpu());
        if (spec.harakiri() > 0) {
            node.workerTimeout(b.sim().engine(), m.requests, spec.harakiri(), spec.respawn(),
                    m.counter(n, "harakiri_kills"));
        }
        if (spec.maxRequests() > 0) {
            node.recycleAfter(b.sim().engine(), spec.maxRequests(), spec.respawn(), m.counter(n, "recycles"));
        }
        return node;
    }

    @Override
    public void plan() {
        node.plans(b.plans(new Caller(spec, cpu, node)));
    }
}
