package io.stagesim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * Latency summaries on values below 128 ns, which the histogram holds exactly, so that every
 * figure of the summary is an exact sum or order statistic.
 */
final class LatencyRecorderTest {

    // 2, 4, 6, 8 ns: mean 5; sample variance ((9 + 1 + 1 + 9) / 3) = 20/3; median the 2nd value (4),
    // p75 the 3rd (6), p90 and above the 4th (8).
    @Test
    void summary_ofFourValues() {
        Windows w = new Windows(100, 8);
        LatencyRecorder r = new LatencyRecorder(w);
        w.startMeasuring(0);
        for (long v : new long[] {2, 4, 6, 8}) {
            r.record(v);
        }
        w.finish(50);
        LatencySummary s = r.summarize();
        assertEquals(4, s.count());
        assertEquals(5.0, s.mean(), 1e-12);
        assertEquals(Math.sqrt(20 / 3.0), s.stdDev(), 1e-12);
        assertEquals(2.0, s.min());
        assertEquals(4.0, s.p50());
        assertEquals(6.0, s.p75());
        assertEquals(8.0, s.p90());
        assertEquals(8.0, s.p99());
        assertEquals(8.0, s.max());
        assertEquals(4, r.count(0));
        assertEquals(20.0, r.sum(0), 1e-12);
    }

    // A value recorded in the warm-up leaves no trace in the measured summary, its square included.
    @Test
    void warmupValues_leaveTheMeasuredSummary() {
        Windows w = new Windows(100, 8);
        LatencyRecorder r = new LatencyRecorder(w, false);
        r.record(100);
        w.startMeasuring(10);
        for (long v : new long[] {2, 4, 6, 8}) {
            r.record(v);
        }
        w.finish(50);
        LatencySummary s = r.summarize();
        assertEquals(4, s.count());
        assertEquals(5.0, s.mean(), 1e-12);
        assertEquals(Math.sqrt(20 / 3.0), s.stdDev(), 1e-12);
        assertEquals(2.0, s.min());
        assertEquals(5, r.count(0), "the window keeps the warm-up value");
    }

    // Before measuring starts there is nothing to summarise; one value has no spread.
    @Test
    void emptyAndSingleValueSummaries() {
        Windows w = new Windows(100, 8);
        LatencyRecorder r = new LatencyRecorder(w);
        r.record(7);
        LatencySummary none = r.summarize();
        assertEquals(0, none.count());
        assertEquals(0.0, none.mean());
        LogHistogram h = new LogHistogram();
        h.record(7);
        LatencySummary one = LatencySummary.of(1, 7, 49, h);
        assertEquals(7.0, one.mean());
        assertEquals(0.0, one.stdDev());
        assertEquals(7.0, one.p999());
        assertSame(h, one.histogram());
        assertEquals(0, LatencySummary.of(0, 0, 0, h).count());
    }
}
