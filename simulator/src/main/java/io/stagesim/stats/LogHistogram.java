package io.stagesim.stats;

import java.util.Arrays;

/**
 * A histogram of non-negative long values with logarithmic buckets: values below 128 are exact,
 * larger ones fall in 64 buckets per power of two, so a reported percentile (the bucket's
 * midpoint, clamped to the exact minimum and maximum) is within 0.8 % of a true sample value at
 * that rank. The same layout as HdrHistogram with 64 sub-buckets, written here because each time
 * window keeps one: counts are stored only for the range of buckets actually used, so a window
 * whose latencies span three decades costs a few kilobytes, not the whole value range.
 *
 * <p>Recording allocates only when a value falls outside the range seen so far. Histograms merge
 * exactly ({@link #add}), across windows and replications.
 */
public final class LogHistogram {

    private static final int SUB_BITS = 6;
    private static final int SUB_COUNT = 1 << SUB_BITS; // 64
    private static final int EXACT_LIMIT = 2 * SUB_COUNT; // values below 128 have their own bucket

    private long[] counts = new long[0];
    private int offset; // bucket index of counts[0]
    private long total;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    /** The bucket a value falls in. */
    static int bucketOf(long value) {
        if (value < EXACT_LIMIT) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int sub = (int) (value >>> (exponent - SUB_BITS)) & (SUB_COUNT - 1);
        return ((exponent - SUB_BITS + 1) << SUB_BITS) + sub;
    }

    /** Smallest value in a bucket. */
    static long lowerBound(int bucket) {
        if (bucket < EXACT_LIMIT) {
            return bucket;
        }
        int shift = (bucket >>> SUB_BITS) - 1;
        long sub = bucket & (SUB_COUNT - 1);
        return (SUB_COUNT + sub) << shift;
    }

    /** Number of values in a bucket's range. */
    static long width(int bucket) {
        return bucket < EXACT_LIMIT ? 1 : 1L << ((bucket >>> SUB_BITS) - 1);
    }

    /** An empty histogram with room for the range of buckets {@code other} holds. */
    static LogHistogram withRangeOf(LogHistogram other) {
        LogHistogram h = new LogHistogram();
        if (other.counts.length > 0) {
            h.counts = new long[other.counts.length];
            h.offset = other.offset;
        }
        return h;
    }

    /** Records one value. */
    public void record(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("histogram values must be >= 0, was " + value);
        }
        int i = bucketOf(value) - offset;
        if (i < 0 || i >= counts.length) {
            record(value, 1);
            return;
        }
        counts[i]++;
        total++;
        if (value < min) {
            min = value;
        }
        if (value > max) {
            max = value;
        }
    }

    /** Records a value {@code count} times. */
    public void record(long value, long count) {
        if (value < 0) {
            throw new IllegalArgumentException("histogram values must be >= 0, was " + value);
        }
        int bucket = bucketOf(value);
        int i = bucket - offset;
        if (i < 0 || i >= counts.length) {
            cover(bucket, bucket);
            i = bucket - offset;
        }
        counts[i] += count;
        total += count;
        if (value < min) {
            min = value;
        }
        if (value > max) {
            max = value;
        }
    }

    private void cover(int low, int high) {
        if (counts.length == 0) {
            int size = Math.max(high - low + 1, SUB_COUNT);
            offset = Math.max(0, low - size / 4);
            counts = new long[size + size / 2];
            return;
        }
        int newLow = Math.min(offset, low);
        int newHigh = Math.max(offset + counts.length - 1, high);
        int span = newHigh - newLow + 1;
        int slack = Math.max(SUB_COUNT, span / 2); // geometric growth: few copies as the range widens
        int start = Math.max(0, newLow - (low < offset ? slack : 0));
        int end = newHigh + (high >= offset + counts.length ? slack : 0);
        long[] grown = new long[end - start + 1];
        System.arraycopy(counts, 0, grown, offset - start, counts.length);
        counts = grown;
        offset = start;
    }

    /** Adds every value of {@code other} to this histogram. */
    public void add(LogHistogram other) {
        if (other.total == 0) {
            return;
        }
        int otherHigh = other.offset + other.counts.length - 1;
        if (counts.length == 0 || other.offset < offset || otherHigh >= offset + counts.length) {
            cover(other.offset, otherHigh);
        }
        for (int i = 0; i < other.counts.length; i++) {
            counts[other.offset + i - offset] += other.counts[i];
        }
        total += other.total;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    /** Removes all values. */
    public void clear() {
        Arrays.fill(counts, 0);
        total = 0;
        min = Long.MAX_VALUE;
        max = Long.MIN_VALUE;
    }

    /** Number of values recorded. */
    public long count() {
        return total;
    }

    /** Smallest value recorded (exact); 0 when empty. */
    public long min() {
        return total == 0 ? 0 : min;
    }

    /** Largest value recorded (exact); 0 when empty. */
    public long max() {
        return total == 0 ? 0 : max;
    }

    /**
     * The value at quantile {@code q} (0 < q <= 1): the smallest recorded value v such that at
     * least q·count values are <= v, to within the bucket's resolution. 0 when empty.
     */
    public double quantile(double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1], was " + q);
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total - 1e-9 * total);
        rank = Math.max(1, Math.min(total, rank));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                int bucket = offset + i;
                double mid = lowerBound(bucket) + (width(bucket) - 1) / 2.0;
                return Math.max(min, Math.min(max, mid));
            }
        }
        return max;
    }

    /** Fraction of recorded values strictly above {@code value}, to within a bucket. */
    public double fractionAbove(long value) {
        if (total == 0) {
            return 0;
        }
        int bucket = bucketOf(value);
        long above = 0;
        for (int i = Math.max(0, bucket + 1 - offset); i < counts.length; i++) {
            above += counts[i];
        }
        return above / (double) total;
    }

    /**
     * Fraction of recorded values >= {@code value}: exact when {@code value} is below 128 or a
     * power of two (a bucket boundary), otherwise to within one bucket.
     */
    public double fractionAtLeast(long value) {
        if (total == 0) {
            return 0;
        }
        int bucket = bucketOf(value);
        if (lowerBound(bucket) < value) {
            bucket++;
        }
        long atLeast = 0;
        for (int i = Math.max(0, bucket - offset); i < counts.length; i++) {
            atLeast += counts[i];
        }
        return atLeast / (double) total;
    }

    /** A copy of this histogram. */
    public LogHistogram copy() {
        LogHistogram h = new LogHistogram();
        h.add(this);
        return h;
    }

    /** Calls {@code visitor} with each non-empty bucket's lower bound, width and count, in order. */
    public void forEachBucket(BucketVisitor visitor) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                int bucket = offset + i;
                visitor.visit(lowerBound(bucket), width(bucket), counts[i]);
            }
        }
    }

    /** Receives the buckets of a histogram. */
    @FunctionalInterface
    public interface BucketVisitor {
        /** One non-empty bucket: values in [lower, lower + width) seen {@code count} times. */
        void visit(long lower, long width, long count);
    }
}
