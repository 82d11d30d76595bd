package io.stagesim.operations;

import io.stagesim.assembly.WebModel;
import io.stagesim.model.PsHost;
import io.stagesim.nodes.DatabaseNode;
import io.stagesim.nodes.HostState;
import io.stagesim.nodes.Node;
import io.stagesim.nodes.Request;
import io.stagesim.scenario.FaultSpec;

/**
 * Host crashes: every CPU on it fails its jobs; every request with work on it loses that work; the
 * writes its databases committed since their last backup are lost. When it comes back it is empty.
 * In mode {@code reset} (its processes died on a live kernel) it refuses connections and the callers
 * of the work lost see their connections reset at once; in mode {@code blackhole} (the machine is
 * gone) nothing answers: new connections wait for their connect timeouts and the callers of the
 * work lost for their own timeouts, or for the reset the host sends when it comes back. The hang's
 * mechanics ({@link HostHangs}: callers parked on the host until it answers) carry both.
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
        if (down) {
            if (f.blackhole()) {
                state.setGone(true);
            } else {
                state.setDown(true);
            }
            long lost = 0;
            for (DatabaseNode d : model.placement().databasesOn(f.host())) {
                lost += d.takeWrites();
            }
            model.lost(f, lost);
            for (Request r : model.requests().inFlightRequests()) {
                if (f.blackhole()) {
                    r.hostGone(state);
                } else {
                    r.hostDown(state);
                }
            }
        }
        for (PsHost cpu : model.placement().cpusOn(f.host())) {
            cpu.setDown(down);
        }
        if (!down) { // the machine is back (the waiting callers go on only once its CPUs run)
            if (f.blackhole()) {
                state.setGone(false);
            } else {
                state.setDown(false);
            }
        }
    }

    @Override
    boolean detectedBy(FaultSpec.HostCrash f, Node ejected) {
        return ejected.host().name().equals(f.host());
    }
}
