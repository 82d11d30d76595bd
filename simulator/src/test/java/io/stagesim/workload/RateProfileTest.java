package io.stagesim.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stagesim.engine.Engine;
import io.stagesim.random.RandomStream;
import org.junit.jupiter.api.Test;

final class RateProfileTest {

    private static final long S = 1_000_000_000L;

    // The cumulative rate is the area under the piecewise-linear curve, computed by hand.
    @Test
    void expectedArrivals_isTheAreaUnderTheProfile() {
        RateProfile p = RateProfile.of(new long[] {10 * S, 20 * S, 20 * S, 30 * S},
                new double[] {100, 300, 50, 50});
        // 0-10 s at 100/s = 1000; 10-20 s ramp 100->300 = 2000; then 50/s
        assertEquals(1000, p.expectedArrivals(0, 10 * S), 1e-6);
        assertEquals(2000, p.expectedArrivals(10 * S, 20 * S), 1e-6);
        assertEquals(3000 + 50 * 20, p.expectedArrivals(0, 40 * S), 1e-6);
        assertEquals(200, p.rateAt(15 * S), 1e-9);
        assertEquals(50, p.rateAt(20 * S), 1e-9);
        assertEquals(300, p.peakRate(), 1e-9);
    }

    // advance() inverts the cumulative rate: the area from t to advance(t, a) is a.
    @Test
    void advance_invertsTheCumulativeRate() {
        RateProfile p = RateProfile.of(new long[] {10 * S, 20 * S, 20 * S, 30 * S},
                new double[] {100, 300, 50, 0});
        for (double from : new double[] {0, 5e9, 10e9, 12.5e9, 19.99e9, 25e9}) {
            for (double a : new double[] {0.001, 1, 37.5, 800, 1500}) {
                double to = p.advance(from, a);
                if (Double.isInfinite(to)) {
                    assertEquals(true, p.expectedArrivals(from, 40 * S) < a);
                } else {
                    assertEquals(a, p.expectedArrivals(from, to), 1e-6 * a);
                }
            }
        }
    }

    // A step from 200/s to 1000/s at 50 s: counts in each half are Poisson with those means.
    @Test
    void openSource_countsMatchTheProfile() {
        Engine engine = new Engine();
        long[] counts = new long[2];
        RateProfile p = RateProfile.step(200, 50 * S, 1000);
        new OpenSource(engine, p, new RandomStream(5), t -> counts[t < 50 * S ? 0 : 1]++, 100 * S).start();
        engine.run(200 * S);
        // Poisson: sd = sqrt(mean); allow 4 sd
        assertEquals(10_000, counts[0], 4 * Math.sqrt(10_000));
        assertEquals(50_000, counts[1], 4 * Math.sqrt(50_000));
    }

    @Test
    void badProfiles_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> RateProfile.constant(-1));
        assertThrows(IllegalArgumentException.class,
                () -> RateProfile.of(new long[] {5, 2}, new double[] {1, 1}));
    }
}
