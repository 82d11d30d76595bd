package io.stagesim.operations;

import io.stagesim.assembly.WebModel;
import io.stagesim.nodes.ObjectStorageNode;
import io.stagesim.scenario.FaultSpec;

/** Object storage outages: every request answered 503 ({@code storage_unavailable}) while one lasts. */
final class StorageOutages extends SwitchAction<FaultSpec.StorageOutage> {

    private final WebModel model;

    StorageOutages(WebModel model) {
        super(FaultSpec.StorageOutage.class);
        this.model = model;
    }

    @Override
    String target(FaultSpec.StorageOutage f) {
        return f.storage();
    }

    @Override
    void set(FaultSpec.StorageOutage f, boolean out) {
        ((ObjectStorageNode) model.placement().nodes().get(f.storage())).setOutage(out);
    }
}
