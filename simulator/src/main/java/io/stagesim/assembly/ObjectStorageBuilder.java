package io.stagesim.assembly;

import io.stagesim.model.DelayStation;
import io.stagesim.nodes.CallSite;
import io.stagesim.nodes.Node;
import io.stagesim.nodes.ObjectStorageNode;
import io.stagesim.nodes.StorageCall;
import io.stagesim.scenario.CallSpec;
import io.stagesim.scenario.ObjectStorageSpec;

/** Object storage outside our hosts: transfers in progress as a delay station, and the calls that move bytes. */
final class ObjectStorageBuilder implements ServiceBuilder {

    private final ObjectStorageSpec spec;
    private final ModelBuilder b;

    ObjectStorageBuilder(ObjectStorageSpec spec, ModelBuilder b) {
        this.spec = spec;
        this.b = b;
    }

    @Override
    public Node create() {
        String n = spec.name();
        DelayStation transfers = new DelayStation(b.sim(), n + "/transfers");
        b.model().stations.add(new WebModel.LabelledStation(n, "transfers in progress", transfers));
        ObjectStorageNode node = new ObjectStorageNode(n, b.sim().engine(), transfers,
                b.sampler(spec.firstByte(), n + "/first-byte"), spec.bandwidth(), spec.getLimit(), spec.putLimit());
        WebModel.StorageMeter meter = b.model().storageMeter(n);
        node.meter(meter.gets(), meter.puts(), meter.clientBytes());
        return node;
    }

    @Override
    public CallSite callSite(CallSpec c, Caller caller, CallSite.Times times, String path) {
        return new StorageCall(path, b.link(caller.spec(), spec.name()), times, c.download(), c.upload());
    }
}
