package io.stagesim.operations;

import io.stagesim.assembly.HostLink;
import io.stagesim.assembly.WebModel;
import io.stagesim.scenario.FaultSpec;

/**
 * Partitions: calls and answers between two hosts, either way, wait until it heals, while their
 * callers' timeouts run.
 */
final class Partitions extends FaultAction<FaultSpec.Partition> {

    private final WebModel model;

    Partitions(WebModel model) {
        super(FaultSpec.Partition.class);
        this.model = model;
    }

    @Override
    void start(FaultSpec.Partition f) {
        cut(f, true);
    }

    @Override
    void end(FaultSpec.Partition f) {
        cut(f, false);
    }

    private void cut(FaultSpec.Partition f, boolean cut) {
        for (HostLink l : model.placement().links()) {
            if (l.joins(f.host(), f.to())) {
                l.link().setPartitioned(cut);
            }
        }
    }
}
