package io.stagesim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The histogram on values whose buckets are known exactly: below 128 every value has its own
 * bucket, and 125·2^k (1000, 2000, 4000, 8000) is the lower bound of a bucket 2^k wide (k ≥ 3,
 * from bucketOf: 64 buckets per power of two). So counts, quantiles and fractions are exact.
 */
final class LogHistogramExactTest {

    /** The non-empty buckets as "lower+width×count". */
    private static List<String> buckets(LogHistogram h) {
        List<String> out = new ArrayList<>();
        h.forEachBucket((lower, width, count) -> out.add(lower + "+" + width + "×" + count));
        return out;
    }

    private static LogHistogram of(long... values) {
        LogHistogram h = new LogHistogram();
        for (long v : values) {
            h.record(v);
        }
        return h;
    }

    // 1..100: the q-quantile is the value of rank ⌈q·100⌉. 0.07·100 is 7.000000000000001 in
    // doubles: the rank must still be 7, not 8.
    @Test
    void quantiles_ofOneToHundred_areTheOrderStatistics() {
        LogHistogram h = new LogHistogram();
        for (int v = 1; v <= 100; v++) {
            h.record(v);
        }
        assertEquals(1.0, h.quantile(0.01));
        assertEquals(7.0, h.quantile(0.07));
        assertEquals(50.0, h.quantile(0.5));
        assertEquals(51.0, h.quantile(0.505));
        assertEquals(100.0, h.quantile(1.0));
        assertThrows(IllegalArgumentException.class, () -> h.quantile(0));
        assertThrows(IllegalArgumentException.class, () -> h.quantile(Math.nextUp(1.0)));
        assertThrows(IllegalArgumentException.class, () -> h.quantile(Double.NaN));
    }

    // The rank guard must outgrow rounding as counts grow: 7 % of 100,000 is 7000, but 0.07 × 100000
    // is 7000.000000000001 in doubles. 7000 ones and 93,000 twos: the 0.07-quantile is 1.
    @Test
    void quantile_rankIsRightForLargeCounts() {
        LogHistogram h = new LogHistogram();
        h.record(1, 7000);
        h.record(2, 93_000);
        assertEquals(1.0, h.quantile(0.07));
        assertEquals(2.0, h.quantile(0.07001));
    }

    // Fractions at and above values on bucket boundaries are exact; between boundaries, "at least"
    // moves to the next bucket.
    @Test
    void fractions_onBucketBoundaries() {
        LogHistogram h = of(1000, 2000, 4000, 8000);
        assertEquals(List.of("1000+8×1", "2000+16×1", "4000+32×1", "8000+64×1"), buckets(h));
        assertEquals(0.5, h.fractionAbove(2000));
        assertEquals(1.0, h.fractionAbove(0));
        assertEquals(0.75, h.fractionAtLeast(2000));
        assertEquals(0.5, h.fractionAtLeast(2001));
        assertEquals(1.0, h.fractionAtLeast(0));
        assertEquals(0.0, h.fractionAtLeast(9000));
        assertEquals(0.0, new LogHistogram().fractionAtLeast(1));
        assertEquals(0.0, new LogHistogram().fractionAbove(1));
    }

    // record(value, count) is the slow path for a value outside the range so far: it keeps the
    // exact minimum and maximum too.
    @Test
    void recordWithCount_keepsExactMinimumAndMaximum() {
        LogHistogram h = new LogHistogram();
        h.record(5, 3);
        h.record(1000, 2);
        assertEquals(5, h.count());
        assertEquals(5, h.min());
        assertEquals(1000, h.max());
        assertEquals(5.0, h.quantile(0.6));
        assertEquals(1000.0, h.quantile(0.8), "the bucket's midpoint 1003.5 clamped to the maximum");
        assertEquals(List.of("5+1×3", "1000+8×2"), buckets(h));
        assertThrows(IllegalArgumentException.class, () -> h.record(-1, 1));
    }

    // Adding lower values, higher values, or into an empty histogram gives the union, bucket by bucket.
    @Test
    void add_belowAboveAndIntoEmpty() {
        LogHistogram high = of(1000, 2000);
        LogHistogram low = of(5, 200);
        LogHistogram a = of(1000, 2000);
        a.add(low);
        assertEquals(List.of("5+1×1", "200+2×1", "1000+8×1", "2000+16×1"), buckets(a));
        assertEquals(5, a.min());
        assertEquals(2000, a.max());
        LogHistogram b = of(5, 200);
        b.add(high);
        assertEquals(buckets(a), buckets(b));
        LogHistogram c = new LogHistogram();
        c.add(a);
        c.add(new LogHistogram());
        assertEquals(buckets(a), buckets(c));
        assertEquals(4, c.count());
    }

    // Whatever the second value's place relative to the first's buckets (below, inside, just past
    // the end, far above), adding it gives the same buckets as recording both in one histogram.
    @Test
    void add_ofOneValue_equalsRecordingBoth_forEveryValueUpTo4096() {
        for (long v = 0; v <= 4096; v++) {
            LogHistogram h = of(5);
            h.add(of(v));
            assertEquals(buckets(of(5, v)), buckets(h), "value " + v);
        }
    }

    // Subtracting values that were added leaves exact counts; the minimum and maximum become the
    // bounds of the buckets left (7, and 200's bucket [200, 202) ends at 201).
    @Test
    void subtract_leavesExactCountsAndBucketBounds() {
        LogHistogram all = of(0, 3, 7, 200, 1000);
        all.subtract(of(0, 3, 1000));
        assertEquals(List.of("7+1×1", "200+2×1"), buckets(all));
        assertEquals(2, all.count());
        assertEquals(7, all.min());
        assertEquals(201, all.max());

        all.subtract(of(7, 200));
        assertEquals(0, all.count());
        assertEquals(0, all.min());
        assertEquals(0, all.max());
        all.subtract(new LogHistogram());
        assertEquals(0, all.count());
    }

    @Test
    void subtract_refusesValuesNeverAdded_namingTheBucket() {
        for (long v = 6; v <= 4096; v++) {
            LogHistogram five = of(5);
            LogHistogram other = of(v);
            assertThrows(IllegalArgumentException.class, () -> five.subtract(other), "value " + v);
        }
        LogHistogram h = of(5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.subtract(of(200)));
        assertEquals("cannot subtract values that were never added (bucket from 200)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> h.subtract(new LogHistogram(4)));
    }

    @Test
    void clear_forgetsEveryValue() {
        LogHistogram h = of(100, 1000);
        h.clear();
        assertEquals(0, h.count());
        h.record(50);
        assertEquals(List.of("50+1×1"), buckets(h));
        assertEquals(50, h.min());
        assertEquals(50, h.max());
    }

    // Precision from 1 to 10 sub-bucket bits; with 1 bit, values below 4 are exact and 5 falls in [4, 6).
    @Test
    void precision_fromOneToTenBits() {
        LogHistogram coarse = new LogHistogram(1);
        assertEquals(1, coarse.subBits());
        coarse.record(5);
        assertEquals(List.of("4+2×1"), buckets(coarse));
        assertEquals(10, new LogHistogram(10).subBits());
        assertThrows(IllegalArgumentException.class, () -> new LogHistogram(0));
        assertThrows(IllegalArgumentException.class, () -> new LogHistogram(11));
    }
}
