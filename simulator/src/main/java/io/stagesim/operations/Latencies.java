package io.stagesim.operations;

import io.stagesim.assembly.HostLink;
import io.stagesim.assembly.WebModel;
import io.stagesim.scenario.FaultSpec;

/** Added latency: every round trip between two hosts, either way, takes the delay longer while one lasts. */
final class Latencies extends FaultAction<FaultSpec.Latency> {

    private final WebModel model;

    Latencies(WebModel model) {
        super(FaultSpec.Latency.class);
        this.model = model;
    }

    @Override
    void start(FaultSpec.Latency f) {
        add(f, f.delay());
    }

    @Override
    void end(FaultSpec.Latency f) {
        add(f, -f.delay());
    }

    private void add(FaultSpec.Latency f, long delay) {
        for (HostLink l : model.placement().links()) {
            if (l.joins(f.host(), f.to())) {
                l.link().addDelay(delay);
            }
        }
    }
}
