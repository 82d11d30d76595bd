package io.stagesim.assembly;

import io.stagesim.model.DelayStation;
import io.stagesim.nodes.CdnNode;
import io.stagesim.nodes.Link;
import io.stagesim.nodes.Node;
import io.stagesim.scenario.CdnSpec;

/**
 * A CDN outside our hosts: its transfers as a delay station, its meter for the bill, and its link
 * to the origin ({@code origin_rtt}, made once every node exists).
 */
final class CdnBuilder implements ServiceBuilder {

    private final CdnSpec spec;
    private final ModelBuilder b;
    private CdnNode node;

    CdnBuilder(CdnSpec spec, ModelBuilder b) {
        this.spec = spec;
        this.b = b;
    }

    @Override
    public Node create() {
        String n = spec.name();
        DelayStation transfers = new DelayStation(b.sim(), n + "/transfers");
        b.model().stations.add(new WebModel.LabelledStation(n, "transfers in progress", transfers));
        node = new CdnNode(n, transfers, spec.hitRatio(), spec.bandwidth());
        WebModel.CdnMeter meter = b.model().cdnMeter(n);
        node.meter(meter.requests(), b.model().counter(n, "origin_fetches"), meter.bytesOut());
        return node;
    }

    @Override
    public void connect() {
        Link origin = new Link(b.model().network, b.node(spec.origin()), spec.originRtt());
        origin.connectTimeout(b.scenario().network().synTimeout());
        b.count(origin, spec.name(), spec.origin());
        node.origin(origin);
    }
}
