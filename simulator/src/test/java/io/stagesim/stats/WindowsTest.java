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

    // Merges compound: after three of them (widths 10 → 20 → 40 → 80) every window, the last cut
    // short included, must hold exactly what its original 10 ns windows held, in every kind of
    // recorder. Original window i (from 10 i) holds i + 1 occurrences, one latency of 1000 (i + 1)
    // ns, and a level of 37 − i throughout (falling, so a maximum left over from before a merge
    // would show).
    @Test
    void manyMerges_everyWindowHoldsTheSumOfItsOriginals() {
        Windows w = new Windows(10, 8);
        CountRecorder count = new CountRecorder(w);
        LatencyRecorder latency = new LatencyRecorder(w);
        LevelRecorder level = new LevelRecorder(w);
        StartCountRecorder byStart = new StartCountRecorder(w);
        StartLatencyRecorder latencyByStart = new StartLatencyRecorder(w);
        w.startMeasuring(0);
        int originals = 37;
        for (int i = 0; i < originals; i++) {
            long t = 10L * i;
            level.set(t, originals - i);
            count.add(i + 1);
            latency.record(1000L * (i + 1));
            for (int k = 0; k <= i; k++) {
                byStart.increment(t + 5);
            }
            latencyByStart.record(t + 5, 1000L * (i + 1));
            if (i < originals - 1 && t + 10 == w.nextBoundary()) {
                w.roll();
            }
        }
        w.finish(10L * originals);
        assertEquals(80, w.width());
        assertEquals(5, w.count()); // [0, 80) … [240, 320), and [320, 370) cut short
        for (int j = 0; j < w.count(); j++) {
            long occurrences = 0;
            long n = 0;
            double sum = 0;
            double area = 0;
            for (int i = 8 * j; i < Math.min(8 * j + 8, originals); i++) {
                occurrences += i + 1;
                n++;
                sum += 1000.0 * (i + 1);
                area += 10.0 * (originals - i);
            }
            String window = "window " + j;
            assertEquals(occurrences, count.count(j), window);
            assertEquals(occurrences, byStart.count(j), window);
            assertEquals(n, latency.count(j), window);
            assertEquals(sum, latency.sum(j), 1e-9, window);
            assertEquals(n, latency.histogram(j).count(), window);
            assertEquals(n, latencyByStart.count(j), window);
            assertEquals(area, level.area(j), 1e-9, window);
            // the level in force as a window opens counts in its maximum: the previous original's
            assertEquals(j == 0 ? originals : originals - 8 * j + 1, level.windowMax(j), 1e-12, window);
        }
        assertEquals(originals * (originals + 1) / 2, count.measured());
    }
}
