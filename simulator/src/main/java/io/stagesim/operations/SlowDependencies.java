package io.stagesim.operations;

import io.stagesim.assembly.WebModel;
import io.stagesim.nodes.Node;
import io.stagesim.scenario.FaultSpec;

/** Slow dependencies: every CPU and disk demand made at the service multiplied while one lasts. */
final class SlowDependencies extends FaultAction<FaultSpec.SlowDependency> {

    private final WebModel model;

    SlowDependencies(WebModel model) {
        super(FaultSpec.SlowDependency.class);
        this.model = model;
    }

    @Override
    void start(FaultSpec.SlowDependency f) {
        model.placement().nodes().get(f.service()).setSlowdown(f.factor());
    }

    @Override
    void end(FaultSpec.SlowDependency f) {
        model.placement().nodes().get(f.service()).setSlowdown(1);
    }

    @Override
    boolean detectedBy(FaultSpec.SlowDependency f, Node ejected) {
        return ejected.name().equals(f.service());
    }
}
