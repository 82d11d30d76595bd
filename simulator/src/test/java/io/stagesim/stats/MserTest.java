package io.stagesim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

final class MserTest {

    // A hand-made series: 10 high transient values, then 40 flat ones; MSER-5 deletes the
    // transient and nothing more.
    @Test
    void truncation_removesTheTransientBatches() {
        double[] y = new double[50];
        double[] w = new double[50];
        Arrays.fill(w, 1);
        for (int i = 0; i < 50; i++) {
            y[i] = i < 10 ? 100 - i : 10 + (i % 2); // alternating 10, 11 after the transient
        }
        assertEquals(10, Mser.truncation(y, w));
    }

    // A stationary series needs no truncation.
    @Test
    void stationarySeries_isNotTruncated() {
        double[] y = new double[40];
        double[] w = new double[40];
        Arrays.fill(w, 1);
        for (int i = 0; i < 40; i++) {
            y[i] = 5 + ((i * 7) % 3);
        }
        assertEquals(0, Mser.truncation(y, w));
    }

    // Computed by hand: batches 0,0 | 4,4 … the statistic is smallest after dropping batch 0.
    @Test
    void handComputedStatistic() {
        double[] y = {9, 9, 9, 9, 9, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1};
        double[] w = new double[y.length];
        Arrays.fill(w, 1);
        // batches Z = 9, 1, 2, 1. d=0: mean 3.25, SSE = 33.0+5.0625+1.5625+5.0625 = 44.75 -> /16 = 2.80
        // d=1: mean 4/3, SSE = 1/9+4/9+1/9 = 2/3 -> /9 = 0.074; d=2: (2,1) SSE 0.5 -> /4 = 0.125
        assertEquals(5, Mser.truncation(y, w));
    }

    /** Twenty windows of weight 1 whose batches of five have the given means. */
    private static int truncationOfBatchMeans(double... means) {
        double[] y = new double[means.length * Mser.BATCH];
        double[] w = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = means[i / Mser.BATCH];
            w[i] = 1;
        }
        return Mser.truncation(y, w);
    }

    // Batch means 2, 0, 2, 0 oscillate without a transient. MSER(0) = 4/16 = 0.25; MSER(1): mean
    // 2/3, SSE 24/9, /9 = 0.296; MSER(2): SSE 2, /4 = 0.5. Deleting only makes it worse.
    @Test
    void oscillatingBatches_areNotTruncated() {
        assertEquals(0, truncationOfBatchMeans(2, 0, 2, 0));
    }

    // Batch means 2, 0, 1, 1: MSER(0) = 2/16 = 0.125, MSER(1) = (6/9)/9 = 0.074, MSER(2) = 0 with
    // the two equal batches left. Half the series, the most MSER-5 may delete.
    @Test
    void truncation_mayLeaveJustTwoBatches() {
        assertEquals(10, truncationOfBatchMeans(2, 0, 1, 1));
    }

    // A flat series: every MSER(d) is 0, and the first minimum (no deletion) is the answer.
    @Test
    void flatSeries_isNotTruncated() {
        assertEquals(0, truncationOfBatchMeans(3, 3, 3, 3, 3, 3));
    }

    // A batch's mean weights its windows by their observations: four windows of one observation
    // at 1 and one of four at 3 average (4 + 12) / 8 = 2, like every later batch. Unweighted, the
    // first batch would read 1.4 and look like a transient.
    @Test
    void batchMeans_areWeightedByObservations() {
        double[] y = new double[20];
        double[] w = new double[20];
        Arrays.fill(y, 2);
        Arrays.fill(w, 1);
        System.arraycopy(new double[] {1, 1, 1, 1, 3}, 0, y, 0, 5);
        System.arraycopy(new double[] {1, 1, 1, 1, 4}, 0, w, 0, 5);
        assertEquals(0, Mser.truncation(y, w));
    }

    // Empty windows (weight 0) carry no data: a series whose first batch is empty and whose other
    // batches are equal is flat, not a transient from 0.
    @Test
    void emptyBatches_areSkipped() {
        double[] y = new double[20];
        double[] w = new double[20];
        Arrays.fill(y, 5, 20, 5);
        Arrays.fill(w, 5, 20, 1);
        assertEquals(0, Mser.truncation(y, w));
    }
}
