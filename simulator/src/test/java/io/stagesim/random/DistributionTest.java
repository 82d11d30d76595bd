package io.stagesim.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

final class DistributionTest {

    private static final double MS = 1e6;

    // Every distribution's sample mean and variance agree with its exact formulas: the sample mean
    // within 4 standard errors (sigma / sqrt(n)); variance within 5 %.
    @Test
    void sampleMoments_matchExactMoments() {
        List<Distribution> all = List.of(
                new Constant(3_000_000),
                new Exponential(2 * MS),
                new Uniform(1 * MS, 3 * MS),
                Gamma.erlang(4, 2 * MS),
                new Gamma(0.5, 2 * MS),
                new TruncatedNormal(1 * MS, 1 * MS),
                Lognormal.ofMeanCv(10 * MS, 1.0),
                Lognormal.ofMeanP99(20 * MS, 100 * MS),
                new BoundedPareto(1.5, 1 * MS, 1000 * MS),
                new Empirical(new long[] {1_000_000, 2_000_000, 2_000_000, 7_000_000}));
        int n = 400_000;
        for (Distribution d : all) {
            Sampler s = d.sampler(new RandomStream(11));
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                long x = s.sample();
                assertTrue(x >= 0, d + " sampled " + x);
                sum += x;
                sq += (double) x * x;
            }
            double mean = sum / n;
            double var = sq / n - mean * mean;
            double se = Math.sqrt(d.variance() / n);
            assertEquals(d.mean(), mean, 4 * se + 1, d + ": mean");
            if (!(d instanceof BoundedPareto)) { // heavy tail: sample variance converges too slowly
                assertEquals(d.variance(), var, 0.05 * d.variance() + 1, d + ": variance");
            }
        }
    }

    // The p99 parameterisation lands on the requested percentile and mean.
    @Test
    void lognormalFromMeanAndP99_hitsBoth() {
        Lognormal l = Lognormal.ofMeanP99(20 * MS, 100 * MS);
        assertEquals(20 * MS, l.mean(), 1e-6 * MS);
        assertEquals(100 * MS, l.p99(), 1e-6 * MS);
        Lognormal c = Lognormal.ofMeanCv(10 * MS, 2);
        assertEquals(4.0, c.scv(), 1e-9);
    }

    @Test
    void badParameters_areRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Exponential(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Lognormal.ofMeanP99(1, 1000));
        assertThrows(IllegalArgumentException.class, () -> new Uniform(5, 5));
        assertThrows(IllegalArgumentException.class, () -> new BoundedPareto(1, 5, 2));
        assertThrows(IllegalArgumentException.class, () -> new Empirical(new long[0]));
        assertThrows(IllegalArgumentException.class, () -> Gamma.erlang(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TruncatedNormal(-10, 1));
    }
}
