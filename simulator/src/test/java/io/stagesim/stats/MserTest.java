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
}
