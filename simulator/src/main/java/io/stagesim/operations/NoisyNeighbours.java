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
 * server's GIL too) runs at the capacity its neighbours leave, the product of what each leaves;
 * and taking its memory ({@link HostMemory}): times the host's {@code swap_speed} while it swaps,
 * its largest processes killed when its swap is full too.
 */
final class NoisyNeighbours extends FaultAction<FaultSpec.NoisyNeighbour> {

    private final WebModel model;
    /** The neighbours on each host now, in the order they came (the product is taken in that order). */
    private final Map<String, List<FaultSpec.NoisyNeighbour>> present = new HashMap<>();
    /** The memory of each host a neighbour taking memory happens on in this replication. */
    private final Map<String, HostMemory> memory = new HashMap<>();

    NoisyNeighbours(WebModel model) {
        super(FaultSpec.NoisyNeighbour.class);
        this.model = model;
    }

    @Override
    void attach(FaultSpec.NoisyNeighbour f, boolean happens, FaultInjector faults) {
        if (happens && f.memory() > 0 && !memory.containsKey(f.host())) {
            memory.put(f.host(), new HostMemory(model, model.scenario().hosts().get(f.host()), () -> share(f.host())));
        }
        super.attach(f, happens, faults);
    }

    @Override
    void start(FaultSpec.NoisyNeighbour f) {
        present.computeIfAbsent(f.host(), h -> new ArrayList<>()).add(f);
        share(f.host());
        if (f.memory() > 0) {
            memory.get(f.host()).neighbour(f.memory());
        }
    }

    @Override
    void end(FaultSpec.NoisyNeighbour f) {
        present.get(f.host()).remove(f);
        share(f.host());
        if (f.memory() > 0) {
            memory.get(f.host()).neighbour(-f.memory());
        }
    }

    private void share(String host) {
        double left = 1;
        for (FaultSpec.NoisyNeighbour n : present.getOrDefault(host, List.of())) {
            left *= 1 - n.cpuShare();
        }
        HostMemory m = memory.get(host);
        if (m != null && m.swapping()) {
            left *= model.scenario().hosts().get(host).swapSpeed();
        }
        for (PsHost cpu : model.placement().cpusOn(host)) {
            cpu.setCapacity(left);
        }
    }
}
