package io.stagesim.operations;

import io.stagesim.assembly.WebModel;
import io.stagesim.model.PsHost;
import io.stagesim.scenario.FaultSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Other tenants taking a share of a host's CPU: every processor-sharing CPU on the host (a dev
 * server's GIL too) runs at the capacity its neighbours leave, the product of what each leaves.
 */
final class NoisyNeighbours extends FaultAction<FaultSpec.NoisyNeighbour> {

    private final WebModel model;
    /** The neighbours on each host now, in the order they came (the product is taken in that order). */
    private final Map<String, List<FaultSpec.NoisyNeighbour>> present = new HashMap<>();

    NoisyNeighbours(WebModel model) {
        super(FaultSpec.NoisyNeighbour.class);
        this.model = model;
    }

    @Override
    void start(FaultSpec.NoisyNeighbour f) {
        present.computeIfAbsent(f.host(), h -> new ArrayList<>()).add(f);
        share(f.host());
    }

    @Override
    void end(FaultSpec.NoisyNeighbour f) {
        present.get(f.host()).remove(f);
        share(f.host());
    }

    private void share(String host) {
        double left = 1;
        for (FaultSpec.NoisyNeighbour n : present.get(host)) {
            left *= 1 - n.cpuShare();
        }
        for (PsHost cpu : model.placement().cpusOn(host)) {
            cpu.setCapacity(left);
        }
    }
}
