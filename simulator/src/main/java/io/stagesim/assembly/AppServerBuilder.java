package io.stagesim.assembly;

import io.stagesim.model.Pool;
import io.stagesim.model.PsHost;
import io.stagesim.nodes.AppServerNode;
import io.stagesim.nodes.Node;
import io.stagesim.random.Distribution;
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
        node = node(b, n, cpu, spec.workers(), spec.threads(), spec.backlog(), spec.workers() + " workers × "
                + spec.threads() + " threads (backlog " + spec.backlog() + ")", spec.staticCpu(), spec.afterResponseCpu());
        node.workerTimeout(b.sim().engine(), m.requests, spec.timeout(), spec.bootTime(), m.counter(n, "worker_kills"));
        return node;
    }

    /**
     * An app-server node of {@code processes} × {@code threads} worker slots fed by a queue of
     * {@code queue} waiting connections, on {@code cpu}, its pool labelled {@code label} in the
     * results: what every pre-forking app server (Gunicorn, uWSGI) is built from. With threads, each
     * process's Python holds its GIL while on the CPU: at most one core per process.
     */
    static AppServerNode node(ModelBuilder b, String n, PsHost cpu, int processes, int threads, int queue,
            String label, Distribution staticCpu, Distribution afterResponseCpu) {
        WebModel m = b.model();
        Pool pool = new Pool(b.sim(), n + "/workers", processes * threads, false, Pool.NO_LIMIT, queue);
        m.pools.add(new WebModel.LabelledPool(n, label, pool));
        AppServerNode node = new AppServerNode(n, cpu, pool, m.network, b.sampler(staticCpu, n + "/static"), null);
        if (threads > 1) {
            Pool gil = new Pool(b.sim(), n + "/gil", processes);
            m.pools.add(new WebModel.LabelledPool(n, "GIL (" + processes + ", one core per process)", gil));
            node.gil(gil);
        }
        if (!afterResponseCpu.equals(AppServerSpec.NONE)) { // none: no job, no stream
            node.afterResponse(b.sampler(afterResponseCpu, n + "/after-response"));
        }
        return node;
    }

    @Override
    public void plan() {
        node.plans(b.plans(new Caller(spec, cpu, node)));
    }
}
