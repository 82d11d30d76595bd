package io.stagesim.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class RandomStreamTest {

    private static long[] draw(RandomStream s, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = s.nextLong();
        }
        return out;
    }

    // A stream depends only on (seed, replication, name): not on creation order or other streams.
    @Test
    void streams_dependOnlyOnSeedReplicationAndName() {
        StreamFactory f = new StreamFactory(42, 3);
        long[] first = draw(f.stream("app/service"), 16);
        f.stream("some/other/node").nextLong();
        assertArrayEquals(first, draw(new StreamFactory(42, 3).stream("app/service"), 16));
        assertNotEquals(first[0], new StreamFactory(42, 4).stream("app/service").nextLong());
        assertNotEquals(first[0], new StreamFactory(43, 3).stream("app/service").nextLong());
        assertNotEquals(first[0], f.stream("app/service2").nextLong());
    }

    // Pins the generator: a change to xoshiro256++ or its seeding would change every result.
    @Test
    void xoshiro_knownOutputForSeedZero() {
        RandomStream s = new RandomStream(0);
        long[] got = draw(s, 3);
        RandomStream again = new RandomStream(0);
        assertArrayEquals(got, draw(again, 3));
        // reference values of xoshiro256++ with state from SplitMix64(0): computed independently
        // from the published algorithm in the test below
        assertEquals(referenceXoshiro(0, 3)[2], got[2]);
    }

    private static long[] referenceXoshiro(long seed, int n) {
        long x = seed;
        long[] st = new long[4];
        for (int i = 0; i < 4; i++) {
            x += 0x9E3779B97F4A7C15L;
            long z = x;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            st[i] = z ^ (z >>> 31);
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = Long.rotateLeft(st[0] + st[3], 23) + st[0];
            long t = st[1] << 17;
            st[2] ^= st[0];
            st[3] ^= st[1];
            st[1] ^= st[2];
            st[0] ^= st[3];
            st[2] ^= t;
            st[3] = Long.rotateLeft(st[3], 45);
        }
        return out;
    }

    // Uniform doubles: mean 1/2, variance 1/12, and bounded integers unbiased per bucket.
    @Test
    void uniforms_haveTheRightMoments() {
        RandomStream s = new RandomStream(99);
        int n = 1_000_000;
        double sum = 0;
        double sq = 0;
        int[] buckets = new int[7];
        for (int i = 0; i < n; i++) {
            double u = s.nextDouble();
            assertTrue(u >= 0 && u < 1);
            sum += u;
            sq += u * u;
            buckets[s.nextInt(7)]++;
        }
        double mean = sum / n;
        // standard error of the mean is sqrt(1/12/n) = 2.9e-4: allow 4 standard errors
        assertEquals(0.5, mean, 4 * Math.sqrt(1.0 / 12 / n));
        assertEquals(1.0 / 12, sq / n - mean * mean, 4 * Math.sqrt(1.0 / 180 / n));
        for (int b : buckets) {
            double p = 1.0 / 7;
            assertEquals(p * n, b, 4 * Math.sqrt(n * p * (1 - p)));
        }
    }
}
