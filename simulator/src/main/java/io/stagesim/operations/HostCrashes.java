package io.stagesim.operations;

import io.stagesim.assembly.WebModel;
import io.stagesim.model.PsHost;
import io.stagesim.nodes.DatabaseNode;
import io.stagesim.nodes.HostState;
import io.stagesim.nodes.Node;
import io.stagesim.nodes.Request;
import io.stagesim.scenario.FaultSpec;

/**
 * Host crashes: the host refuses connections; every CPU on it fails its jobs; every request with
 * work on it loses that work (its caller sees the connection reset); the writes its databases
 * committed since their last backup are lost. When it comes back it is empty.
 */
final class HostCrashes extends SwitchAction<FaultSpec.HostCrash> {

    private final WebModel model;

    HostCrashes(WebModel model) {
        super(FaultSpec.HostCrash.class);
        this.model = model;
    }

    @Override
    String target(FaultSpec.HostCrash f) {
        return f.host();
    }

    @Override
    void set(FaultSpec.HostCrash f, boolean down) {
        HostState state = model.placement().hostState(f.host());
        state.setDown(down);
        if (down) {
            long lost = 0;
            for (DatabaseNode d : model.placement().databasesOn(f.host())) {
                lost += d.takeWrites();
            }
            model.lost(f, lost);
            for (Request r : model.requests().inFlightRequests()) {
                r.hostDown(state);
            }
        }
        for (PsHost cpu : model.placement().cpusOn(f.host())) {
            cpu.setDown(down);
        }
    }

    @Override
    boolean detectedBy(FaultSpec.HostCrash f, Node ejected) {
        return ejected.host().name().equals(f.host());
    }
}
