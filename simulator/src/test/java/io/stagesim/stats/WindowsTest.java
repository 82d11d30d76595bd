package io.stagesim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

final class WindowsTest {

    // Time-weighted levels split exactly at window boundaries and at the start of measuring.
    @Test
    void levelArea_splitsAtBoundariesAndAtWarmup() {
        Windows w = new Windows(10, 8);
        LevelRecorder level = new LevelRecorder(w);
        CountRecorder count = new CountRecorder(w);
        level.set(5, 2); // 2 from t=5
        count.increment();
        w.startMeasuring(7);
        count.increment();
        w.roll(); // boundary 10
        level.set(15, 4); // 4 from t=15
        w.finish(18);
        assertEquals(10, level.area(0), 1e-12); // 2 × 5
        assertEquals(2 * 5 + 4 * 3, level.area(1), 1e-12);
        // measured from 7 to 18: 2 × 8 + 4 × 3 = 28 over 11 ns
        assertEquals(28 / 11.0, level.average(), 1e-12);
        assertEquals(4, level.max(), 1e-12);
        assertEquals(2, count.total());
        assertEquals(1, count.measured());
        assertEquals(2, count.count(0));
        assertEquals(11, w.measuredLength());
    }

    // Memory stays bounded: at the window limit pairs merge and the width doubles, totals kept;
    // the measured period is unaffected by merges.
    @Test
    void reachingMaxWindows_mergesPairsAndDoublesWidth() {
        Windows w = new Windows(10, 4);
        CountRecorder count = new CountRecorder(w);
        LatencyRecorder lat = new LatencyRecorder(w);
        LatencyRecorder noHistograms = new LatencyRecorder(w, false);
        LevelRecorder level = new LevelRecorder(w);
        level.set(0, 1);
        w.startMeasuring(0);
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k <= i; k++) {
                count.increment();
                lat.record(100 * (i + 1));
                noHistograms.record(1);
            }
            w.roll();
        }
        // 4 windows of 10 became 2 windows of 20; now filling window 2 (from t=40)
        assertEquals(20, w.width());
        assertEquals(2, w.current());
        assertEquals(1 + 2, count.count(0));
        assertEquals(3 + 4, count.count(1));
        assertEquals(7, lat.count(1));
        assertEquals(3 * 300 + 4 * 400, lat.sum(1), 1e-9);
        assertEquals(7, lat.histogram(1).count());
        assertNull(noHistograms.histogram(1));
        assertEquals(20, level.area(0), 1e-12);
        count.increment();
        w.finish(45);
        assertEquals(11, count.measured());
        assertEquals(10, lat.summarize().count());
        assertEquals(400, lat.summarize().max(), 1e-9);
        assertEquals(5, w.length(2));
        assertEquals(1.0, level.average(), 1e-12);
        assertEquals(2, w.firstWindowFrom(21));
    }
}
