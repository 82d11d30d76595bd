package io.stagesim.model;

import io.stagesim.engine.Handler;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulation that logs each job's resumption as "time name outcome", for the hand-worked traces
 * of this package's tests (SimPy's {@code assert log == [...]}).
 */
final class Trace {

    final Simulation sim = new Simulation(1, 0);
    final List<String> log = new ArrayList<>();

    /** A job that logs each resumption. */
    Job job(String name) {
        return new Job() {
            @Override
            protected void resume(int outcome) {
                log.add(sim.now() + " " + name + " " + Outcome.name(outcome));
            }
        };
    }

    /** Runs {@code action} at {@code time} ns. */
    void at(long time, Runnable action) {
        Handler h = (s, t) -> action.run();
        sim.engine().scheduleAt(time, h, null, 0);
    }
}
