package io.stagesim.operations;

import io.stagesim.assembly.WebModel;
import io.stagesim.nodes.ObjectStorageNode;
import io.stagesim.scenario.FaultSpec;

/** Object storage throttled: its GET and PUT rate limits cut to a share while one lasts ({@code throttled} beyond). */
final class StorageThrottles extends FaultAction<FaultSpec.StorageThrottle> {

    private final WebModel model;

    StorageThrottles(WebModel model) {
        super(FaultSpec.StorageThrottle.class);
        this.model = model;
    }

    @Override
    void start(FaultSpec.StorageThrottle f) {
        ((ObjectStorageNode) model.placement().nodes().get(f.storage())).setLimitFactor(f.limitShare());
    }

    @Override
    void end(FaultSpec.StorageThrottle f) {
        ((ObjectStorageNode) model.placement().nodes().get(f.storage())).setLimitFactor(1);
    }
}
