package io.stagesim.stats;

import java.util.Arrays;

/**
 * A histogram of non-negative long values with logarithmic buckets: with the default precision,
 * values below 128 are exact and larger ones fall in 64 buckets per power of two, so a reported
 * percentile (the bucket's midpoint, clamped to the exact minimum and maximum) is within 0.8 % of a
 * true sample value at that rank. The same layout as HdrHistogram, written here because counts are
 * stored only for the range of buckets actually used, and because time windows keep coarser ones
 * (16 buckets per power of two, within 3.1 %) that cost a few hundred bytes each.
 *
 * <p>Recording allocates only when a value falls outside the range seen so far. Histograms of the
 * same precision merge exactly ({@link #add}), across windows and replications.
 */
public final class LogHistogram {

    /** Sub-bucket bits of a full-precision histogram: 64 buckets per power of two. */
    public static final int FULL_PRECISION = 6;

    private final int subBits;
    private final int subCount;
    private final int exactLimit;

    /** A full-precision histogram (within 0.8 %). */
    public LogHistogram() {
        this(FULL_PRECISION);
    }

    /** A histogram with 2^{@code subBits} buckets per power of two (relative error 2^-subBits / 2). */
    public LogHistogram(int subBits) {
        if (subBits < 1 || subBits > 10) {
            throw new IllegalArgumentException("sub-bucket bits must be in 1..10, was " + subBits);
        }
        this.subBits = subBits;
        this.subCount = 1 << subBits;
        this.exactLimit = 2 * subCount;
    }

    private long[] counts = new long[0];
    private int offset; // bucket index of counts[0]
    private long total;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    /** The bucket a value falls in. */
    int bucketOf(long value) {
        if (value < exactLimit) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int sub = (int) (value >>> (exponent - subBits)) & (subCount - 1);
        return ((exponent - subBits + 1) << subBits) + sub;
    }

    /** Smallest value in a bucket. */
    long lowerBound(int bucket) {
        if (bucket < exactLimit) {
            return bucket;
        }
        int shift = (bucket >>> subBits) - 1;
        long sub = bucket & (subCount - 1);
        return (subCount + sub) << shift;
    }

    /** Number of values in a bucket's range. */
    long width(int bucket) {
        return bucket < exactLimit ? 1 : 1L << ((bucket >>> subBits) - 1);
    }

    /** Sub-bucket bits: 2^subBits buckets per power of two. */
    public int subBits() {
        return subBits;
    }

    /** An empty histogram with room for the range of buckets {@code other} holds. */
    static LogHistogram withRangeOf(LogHistogram other) {
        LogHistogram h = new LogHistogram(other.subBits);
        if (other.counts.length > 0) {
            h.counts = new long[other.counts.length];
            h.offset = other.offset;
        }
        return h;
    }

    /** Records one value. */
    public void record(long value) {
        // a negative value maps below the stored range and is refused by the slow path
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
            int size = Math.max(high - low + 1, subCount);
            offset = Math.max(0, low - size / 4);
            counts = new long[size + size / 2];
            return;
        }
        int newLow = Math.min(offset, low);
        int newHigh = Math.max(offset + counts.length - 1, high);
        int span = newHigh - newLow + 1;
        int slack = Math.max(subCount, span / 2); // geometric growth: few copies as the range widens
        int start = Math.max(0, newLow - (low < offset ? slack : 0));
        int end = newHigh + (high >= offset + counts.length ? slack : 0);
        long[] grown = new long[end - start + 1];
        System.arraycopy(counts, 0, grown, offset - start, counts.length);
        counts = grown;
        offset = start;
    }

    /** Adds every value of {@code other} to this histogram. */
    public void add(LogHistogram other) {
        if (other.subBits != subBits) {
            throw new IllegalArgumentException("cannot add a histogram of another precision");
        }
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

    /**
     * Removes from this histogram every value of {@code other}, which must have been added to it (a
     * subset, bucket by bucket): counts stay exact; the minimum and maximum become the bounds of the
     * lowest and highest buckets left, within the old ones (so percentiles stay within a bucket).
     */
    public void subtract(LogHistogram other) {
        if (other.subBits != subBits) {
            throw new IllegalArgumentException("cannot subtract a histogram of another precision");
        }
        if (other.total == 0) {
            return;
        }
        for (int i = 0; i < other.counts.length; i++) {
            if (other.counts[i] == 0) {
                continue;
            }
            int j = other.offset + i - offset;
            if (j < 0 || j >= counts.length || counts[j] < other.counts[i]) {
                throw new IllegalArgumentException("cannot subtract values that were never added (bucket from "
                        + lowerBound(other.offset + i) + ")");
            }
            counts[j] -= other.counts[i];
        }
        total -= other.total;
        int first = 0;
        while (first < counts.length && counts[first] == 0) {
            first++;
        }
        if (first == counts.length) {
            min = Long.MAX_VALUE;
            max = Long.MIN_VALUE;
            return;
        }
        int last = counts.length - 1;
        while (counts[last] == 0) {
            last--;
        }
        min = Math.max(min, lowerBound(offset + first));
        max = Math.min(max, lowerBound(offset + last) + width(offset + last) - 1);
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
        LogHistogram h = new LogHistogram(subBits);
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
