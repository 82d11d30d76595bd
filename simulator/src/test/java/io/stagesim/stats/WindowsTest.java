package io.stagesim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class WindowsTest {

    // Time-weighted levels split exactly at window boundaries.
    @Test
    void levelArea_splitsAtBoundaries() {
        Windows w = new Windows(10, 8);
        LevelRecorder level = new LevelRecorder(w);
        level.set(5, 2); // 2 from t=5
        w.roll(); // boundary 10
        level.set(15, 4); // 4 from t=15
        w.finish(18);
        assertEquals(10, level.area(0), 1e-12); // 2 × 5
        assertEquals(2 * 5 + 4 * 3, level.area(1), 1e-12);
        assertEquals((10 + 22) / 18.0, level.average(0), 1e-12);
        assertEquals(22 / 8.0, level.average(1), 1e-12);
        assertEquals(4, level.max(0), 1e-12);
    }

    // Memory stays bounded: at the window limit pairs merge and the width doubles, totals kept.
    @Test
    void reachingMaxWindows_mergesPairsAndDoublesWidth() {
        Windows w = new Windows(10, 4);
        CountRecorder count = new CountRecorder(w);
        LatencyRecorder lat = new LatencyRecorder(w);
        LevelRecorder level = new LevelRecorder(w);
        level.set(0, 1);
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k <= i; k++) {
                count.increment();
                lat.record(100 * (i + 1));
            }
            w.roll();
        }
        // 4 windows of 10 became 2 windows of 20; now filling window 2 (from t=40)
        assertEquals(20, w.width());
        assertEquals(2, w.current());
        assertEquals(1 + 2, count.count(0));
        assertEquals(3 + 4, count.count(1));
        assertEquals(7, lat.summarize(1).count());
        assertEquals(20, level.area(0), 1e-12);
        count.increment();
        w.finish(45);
        assertEquals(11, count.sum(0));
        assertEquals(5, w.length(2));
        assertEquals(1.0, level.average(0), 1e-12);
        assertEquals(2, w.firstWindowFrom(21));
    }
}
