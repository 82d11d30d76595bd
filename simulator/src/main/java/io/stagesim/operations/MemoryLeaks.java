package io.stagesim.operations;

import io.stagesim.assembly.WebModel;
import io.stagesim.nodes.AppServerNode;
import io.stagesim.scenario.AppServerSpec;
import io.stagesim.scenario.FaultSpec;

/**
 * Memory leaks at app servers: while one lasts each request grows its worker, and a worker past
 * its limit is killed with the request it was taking (a gthread worker with its other threads' too;
 * see {@link AppServerNode}); its kills are counted as {@code oom_kills} at the service.
 */
final class MemoryLeaks extends FaultAction<FaultSpec.MemoryLeak> {

    private final WebModel model;

    MemoryLeaks(WebModel model) {
        super(FaultSpec.MemoryLeak.class);
        this.model = model;
    }

    @Override
    void attach(FaultSpec.MemoryLeak f, boolean happens, FaultInjector faults) {
        if (happens) {
            AppServerNode node = node(f);
            if (!node.tracksMemory()) {
                AppServerSpec a = spec(f);
                node.trackMemory(model.simulation().engine(), model.requests(), a.workers(), a.threads(),
                        a.bootTime(), model.counterOf(f.service(), "oom_kills"));
            }
            faults.time(f, this);
        }
    }

    @Override
    void start(FaultSpec.MemoryLeak f) {
        node(f).leak(f.perRequest(), f.limit() - spec(f).memoryPerWorker());
    }

    @Override
    void end(FaultSpec.MemoryLeak f) {
        node(f).leak(0, 0);
    }

    private AppServerNode node(FaultSpec.MemoryLeak f) {
        return (AppServerNode) model.placement().nodes().get(f.service());
    }

    private AppServerSpec spec(FaultSpec.MemoryLeak f) {
        return (AppServerSpec) model.scenario().services().get(f.service());
    }
}
