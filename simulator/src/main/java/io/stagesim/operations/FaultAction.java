package io.stagesim.operations;

import io.stagesim.nodes.Node;
import io.stagesim.scenario.FaultSpec;

/**
 * What the faults of one kind do to a running model: by default each starts at its time and ends
 * at its end (at {@link Operations#PRIORITY}), acting on its target then. One instance per kind and
 * model keeps what the kind's faults share (which of them hold a target, what is left of a CPU).
 *
 * @param <F> the kind's record
 */
abstract class FaultAction<F extends FaultSpec> {

    private final Class<F> spec;

    /** The action of the faults written as {@code spec}. */
    FaultAction(Class<F> spec) {
        this.spec = spec;
    }

    /** The record of the kind this acts for. */
    final Class<F> spec() {
        return spec;
    }

    /**
     * Attaches {@code f} to the model; it {@code happens} in this replication or not (a kind may
     * need to set something up either way). By default a fault that happens is timed by {@code faults}.
     */
    void attach(F f, boolean happens, FaultInjector faults) {
        if (happens) {
            faults.time(f, this);
        }
    }

    /** {@code f} begins now. */
    void start(F f) {
    }

    /** {@code f} ends now. */
    void end(F f) {
    }

    /** True when a balancer taking {@code ejected} out (a service on another host) is it noticing {@code f}. */
    boolean detectedBy(F f, Node ejected) {
        return false;
    }

    /**
     * True for kinds attached after the autoscaling groups (deploys: they restart autoscaled
     * instances through their group), as the model has always planned them.
     */
    boolean actsOnFleets() {
        return false;
    }
}
