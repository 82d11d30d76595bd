package io.stagesim.operations;

import io.stagesim.assembly.WebModel;
import io.stagesim.nodes.CacheNode;
import io.stagesim.scenario.FaultSpec;

/**
 * Cache flushes: the cache emptied of its hot keys at once, refilled as they are missed (nothing
 * happens at the end: the fault's window only bounds what is reported).
 */
final class CacheFlushes extends FaultAction<FaultSpec.CacheFlush> {

    private final WebModel model;

    CacheFlushes(WebModel model) {
        super(FaultSpec.CacheFlush.class);
        this.model = model;
    }

    @Override
    void start(FaultSpec.CacheFlush f) {
        ((CacheNode) model.placement().nodes().get(f.cache())).flush(f.keys());
    }
}
