package io.stagesim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stagesim.engine.Engine;
import org.junit.jupiter.api.Test;

/** What a warm-up removes from a station's result, worked out by hand. */
final class SimulationWarmupTest {

    private final Trace trace = new Trace();

    // Warm-up 5 ns, one server: A (3 ns) at 0 and B (3) at 4 arrive in the warm-up; C (1) at 8
    // after it. Measured: C's arrival; B's and C's completions (at 7 and 9, responses 3 and 1);
    // busy [5,7) and [8,9) of the 5 ns measured.
    @Test
    void warmup_countsOnlyWhatHappensAfterIt() {
        FcfsStation s = new FcfsStation(trace.sim, "s", 1);
        trace.sim.setWarmup(5);
        trace.at(0, () -> s.arrive(trace.job("A"), 3));
        trace.at(4, () -> s.arrive(trace.job("B"), 3));
        trace.at(8, () -> s.arrive(trace.job("C"), 1));
        assertEquals(Engine.StopReason.TIME_REACHED, trace.sim.run(10));

        assertEquals(5, trace.sim.warmup());
        assertEquals(5, trace.sim.windows().measuredFrom());
        StationResult r = s.result();
        assertEquals(1, r.arrivals());
        assertEquals(2, r.completions());
        assertEquals(2.0, r.response().mean(), 1e-12);
        assertEquals(3 / 5.0, r.utilization(), 1e-12);
        assertEquals(3, s.totalArrivals());
    }

    @Test
    void warmup_mustBeSetBeforeTheRunAndNotNegative() {
        assertThrows(IllegalArgumentException.class, () -> trace.sim.setWarmup(-1));
        trace.sim.run(1);
        assertThrows(IllegalStateException.class, () -> trace.sim.setWarmup(0));
        assertEquals(0, trace.sim.windows().measuredFrom());
    }
}
