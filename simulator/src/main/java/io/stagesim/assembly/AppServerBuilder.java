package io.stagesim.assembly;

import io.stagesim.model.Pool;
import io.stagesim.model.PsHost;
import io.stagesim.nodes.AppServerNode;
import io.stagesim.nodes.Node;
import io.stagesim.scenario.AppServerSpec;

/**
 * Gunicorn: workers × threads slots fed by the listen backlog, on its host's CPU, its worker
 * timeout killing a worker (counted as worker_kills) that a new one replaces after the boot time.
 */
final class AppServerBuilder implements ServiceBuilder {

    private final AppServerSpec spec;
    private final ModelBuilder b;
    private AppServerNode node;
    private PsHost cpu;

    AppServerBuilder(AppServerSpec spec, ModelBuilder b) {
        this.spec = spec;
        this.b = b;
    }

    @Override
    public Node create() {
        String n = spec.name();
        WebModel m = b.model();
        cpu = b.hostCpu(spec);
        Pool slots = new Pool(b.sim(), n + "/workers", spec.workers() * spec.threads(), false, Pool.NO_LIMIT,
                spec.backlog());
        m.pools.add(new WebModel.LabelledPool(n, spec.workers() + " workers × " + spec.threads()
                + " threads (backlog " + spec.backlog() + ")", slots));
        node = new AppServerNode(n, cpu, slots, m.network, b.sampler(spec.staticCpu(), n + "/static"), null);
        node.workerTimeout(b.sim().engine(), m.requests, spec.timeout(), spec.bootTime(), m.counter(n, "worker_kills"));
        return node;
    }

    @Override
    public void plan() {
        node.plans(b.plans(new Caller(spec, cpu)));
    }
}
