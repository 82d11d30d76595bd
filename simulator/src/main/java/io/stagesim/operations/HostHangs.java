package io.stagesim.operations;

import io.stagesim.assembly.WebModel;
import io.stagesim.model.PsHost;
import io.stagesim.nodes.Node;
import io.stagesim.scenario.FaultSpec;

/**
 * Host hangs: the host accepts connections and answers nothing (a blackhole); the work under way on
 * its CPUs freezes, and resumes where it stopped when the hang ends.
 */
final class HostHangs extends SwitchAction<FaultSpec.HostHang> {

    private final WebModel model;

    HostHangs(WebModel model) {
        super(FaultSpec.HostHang.class);
        this.model = model;
    }

    @Override
    String target(FaultSpec.HostHang f) {
        return f.host();
    }

    @Override
    void set(FaultSpec.HostHang f, boolean hung) {
        model.placement().hostState(f.host()).setHung(hung);
        for (PsHost cpu : model.placement().cpusOn(f.host())) {
            cpu.setFrozen(hung); // apart from a neighbour's steal, which the hang must not undo
        }
    }

    @Override
    boolean detectedBy(FaultSpec.HostHang f, Node ejected) {
        return ejected.host().name().equals(f.host());
    }
}
