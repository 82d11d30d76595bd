package io.stagesim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * When windows merge, the windows freed by the merge must start empty: the first of them is
 * filled next, and anything left in it from before the merge would be counted twice.
 */
final class MergedWindowsTest {

    // Four windows of 10 ns, then a merge into two of 20; window 2 is then [40, 60), run ends at 50.
    // Before the merge: level 1 on [0,20), 5 on [20,30), 1 on [30,40); counts 1, 2, 3, 4; one
    // start-counted occurrence per window. After: level 1 on [40,45), 2 on [45,50); 5 counts; one
    // start-counted occurrence.
    @Test
    void windowsFreedByAMerge_startEmpty() {
        Windows w = new Windows(10, 4);
        LevelRecorder level = new LevelRecorder(w);
        CountRecorder count = new CountRecorder(w);
        StartCountRecorder started = new StartCountRecorder(w);
        level.set(0, 1);
        for (int window = 0; window < 4; window++) {
            long t = window * 10L;
            if (window == 2) {
                level.set(t, 5);
            }
            if (window == 3) {
                level.set(t, 1);
            }
            for (int k = 0; k <= window; k++) {
                count.increment();
            }
            started.increment(t + 5);
            w.roll();
        }
        assertEquals(20, w.width());
        assertEquals(2, w.current());
        level.set(45, 2);
        for (int k = 0; k < 5; k++) {
            count.increment();
        }
        started.increment(45);
        w.finish(50);

        assertEquals(1 * 20, level.area(0), 1e-12);
        assertEquals(5 * 10 + 1 * 10, level.area(1), 1e-12);
        assertEquals(1 * 5 + 2 * 5, level.area(2), 1e-12);
        assertEquals(1, level.windowMax(0));
        assertEquals(5, level.windowMax(1));
        assertEquals(2, level.windowMax(2));
        assertEquals(1 + 2, count.count(0));
        assertEquals(3 + 4, count.count(1));
        assertEquals(5, count.count(2));
        assertEquals(2, started.count(0));
        assertEquals(2, started.count(1));
        assertEquals(1, started.count(2));
    }
}
