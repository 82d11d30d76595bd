package io.stagesim.operations;

import io.stagesim.scenario.FaultSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * Faults that switch their target into a state (down, hung, out) while they last. Overlapping ones
 * on one target must not end each other: the first to start switches it, the last to end switches
 * it back.
 *
 * @param <F> the kind's record
 */
abstract class SwitchAction<F extends FaultSpec> extends FaultAction<F> {

    /** How many faults of this kind hold each target now. */
    private final Map<String, Integer> holding = new HashMap<>();

    SwitchAction(Class<F> spec) {
        super(spec);
    }

    /** The host or service {@code f} switches. */
    abstract String target(F f);

    /** Switches {@code f}'s target into the fault's state ({@code on}) or back. */
    abstract void set(F f, boolean on);

    @Override
    final void start(F f) {
        if (holding.merge(target(f), 1, Integer::sum) == 1) {
            set(f, true);
        }
    }

    @Override
    final void end(F f) {
        if (holding.merge(target(f), -1, Integer::sum) == 0) {
            set(f, false);
        }
    }
}
