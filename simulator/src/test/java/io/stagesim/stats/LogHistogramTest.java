package io.stagesim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class LogHistogramTest {

    // Percentiles must be within 1 % of the exact order statistic, over many decades.
    @Test
    void quantiles_within1PercentOfExactOrderStatistics() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 200_000;
        long[] values = new long[n];
        LogHistogram h = new LogHistogram();
        for (int i = 0; i < n; i++) {
            values[i] = (long) Math.exp(rnd.nextDouble() * Math.log(1e12)); // 1 ns .. 1000 s
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double q : new double[] {0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 0.9999, 1.0}) {
            long exact = values[(int) Math.ceil(q * n) - 1];
            double got = h.quantile(q);
            assertTrue(Math.abs(got - exact) <= 0.01 * exact + 0.5,
                    "q=" + q + " exact=" + exact + " histogram=" + got);
        }
        assertEquals(values[0], h.min());
        assertEquals(values[n - 1], h.max());
        assertEquals(n, h.count());
    }

    // Every value maps to a bucket whose range contains it, and buckets tile the line.
    @Test
    void buckets_containTheirValuesAndAreContiguous() {
        for (LogHistogram h : new LogHistogram[] {new LogHistogram(), new LogHistogram(LatencyRecorder.WINDOW_PRECISION)}) {
            for (long v : new long[] {0, 1, 127, 128, 129, 255, 256, 1000, 123_456_789, Long.MAX_VALUE}) {
                int b = h.bucketOf(v);
                long lo = h.lowerBound(b);
                assertTrue(lo <= v && v - lo < h.width(b), "value " + v + " bucket " + b);
            }
            for (int b = 0; b < h.bucketOf(Long.MAX_VALUE); b++) {
                assertEquals(h.lowerBound(b) + h.width(b), h.lowerBound(b + 1));
            }
        }
    }

    // The coarse per-window histograms (16 buckets per power of two) are within 3.2 %.
    @Test
    void windowPrecision_quantilesWithin3Point2Percent() {
        SplittableRandom rnd = new SplittableRandom(8);
        int n = 100_000;
        long[] values = new long[n];
        LogHistogram h = new LogHistogram(LatencyRecorder.WINDOW_PRECISION);
        for (int i = 0; i < n; i++) {
            values[i] = (long) Math.exp(rnd.nextDouble() * Math.log(1e10));
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
            long exact = values[(int) Math.ceil(q * n) - 1];
            assertTrue(Math.abs(h.quantile(q) - exact) <= 0.032 * exact + 0.5, "q=" + q);
        }
        assertThrows(IllegalArgumentException.class, () -> h.add(new LogHistogram()));
    }

    // Merging histograms gives the same answers as recording everything in one.
    @Test
    void add_equalsRecordingIntoOne() {
        SplittableRandom rnd = new SplittableRandom(3);
        LogHistogram all = new LogHistogram();
        LogHistogram a = new LogHistogram();
        LogHistogram b = new LogHistogram();
        for (int i = 0; i < 10_000; i++) {
            long v = rnd.nextLong(1, 1_000_000);
            long w = rnd.nextLong(1_000_000, 1_000_000_000_000L);
            all.record(v);
            all.record(w);
            a.record(v);
            b.record(w);
        }
        a.add(b);
        for (double q : new double[] {0.1, 0.5, 0.9, 0.99}) {
            assertEquals(all.quantile(q), a.quantile(q));
        }
        assertEquals(all.count(), a.count());
        assertEquals(all.max(), a.max());
        assertThrows(IllegalArgumentException.class, () -> a.record(-1));
    }

    @Test
    void fractionAbove_countsTheTail() {
        LogHistogram h = new LogHistogram();
        for (int v = 1; v <= 100; v++) {
            h.record(v);
        }
        assertEquals(0.25, h.fractionAbove(75), 1e-12);
        assertEquals(0.0, new LogHistogram().quantile(0.5));
    }
}
