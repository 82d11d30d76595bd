package io.stagesim.assembly;

import io.stagesim.model.Pool;
import io.stagesim.model.PsHost;
import io.stagesim.nodes.AppServerNode;
import io.stagesim.nodes.Node;
import io.stagesim.scenario.DevServerSpec;

/**
 * Django's runserver: an app server whose Python runs on a one-core CPU of its own (the GIL, at
 * its host's speed and counted among the host's CPUs), a thread per connection or, without
 * threading, one request at a time.
 */
final class DevServerBuilder implements ServiceBuilder {

    private final DevServerSpec spec;
    private final ModelBuilder b;
    private AppServerNode node;
    private PsHost gil;

    DevServerBuilder(DevServerSpec spec, ModelBuilder b) {
        this.spec = spec;
        this.b = b;
    }

    @Override
    public Node create() {
        String n = spec.name();
        WebModel m = b.model();
        gil = new PsHost(b.sim(), n + "/gil", 1);
        gil.setSpeed(b.host(spec.host()).speed());
        b.addCpu(spec.host(), gil);
        m.stations.add(new WebModel.LabelledStation(n, "Python on one core (GIL)", gil));
        Pool slots = null;
        if (!spec.threading()) {
            slots = new Pool(b.sim(), n + "/serial", 1);
            m.pools.add(new WebModel.LabelledPool(n, "one request at a time (--nothreading)", slots));
        }
        node = new AppServerNode(n, gil, slots, m.network, b.sampler(spec.staticCpu(), n + "/static"),
                b.sampler(spec.overhead(), n + "/overhead"));
        return node;
    }

    @Override
    public void plan() {
        node.plans(b.plans(new Caller(spec, gil)));
    }
}
