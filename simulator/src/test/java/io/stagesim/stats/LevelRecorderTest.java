package io.stagesim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A time-weighted level: its integral, current value and per-window maximum, by hand. */
final class LevelRecorderTest {

    // Level 2 from 0, 4 from 5, 1 from 12: the integral is the area under that step function.
    @Test
    void integral_isTheAreaUnderTheSteps() {
        Windows w = new Windows(10, 8);
        LevelRecorder level = new LevelRecorder(w);
        level.set(0, 2);
        level.set(5, 4);
        assertEquals(10.0, level.integral(5), 1e-12);
        assertEquals(10.0 + 4 * 3, level.integral(8), 1e-12);
        assertEquals(4.0, level.level());
        w.roll(); // boundary 10: window 0 closed with area 2×5 + 4×5 = 30, max 4
        level.set(12, 1);
        w.finish(20);
        assertEquals(30.0, level.area(0), 1e-12);
        assertEquals(4.0, level.windowMax(0));
        assertEquals(4 * 2 + 1 * 8, level.area(1), 1e-12);
        assertEquals(4.0, level.windowMax(1), "the level at the window's start counts");
        assertEquals(1.0, level.level());
        assertEquals(30 + 16 + 0.0, level.integral(20), 1e-12);
    }
}
