package io.stagesim.random;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * One independent stream of pseudo-random numbers: xoshiro256++ (Blackman and Vigna, "Scrambled
 * linear pseudorandom number generators", ACM TOMS 2021), period 2^256 − 1, seeded through
 * SplitMix64 as its authors recommend.
 *
 * <p>It implements Commons Math's {@link RandomGenerator} so that Commons Math distributions draw
 * from it directly, without an adapter object, and the JDK's {@link java.util.random.RandomGenerator}
 * for its normal and exponential variates (McFarland's modified ziggurat, 2016): exact, and about
 * five times faster than the polar method or inversion. No method allocates.
 */
public final class RandomStream implements RandomGenerator, java.util.random.RandomGenerator {

    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long s0;
    private long s1;
    private long s2;
    private long s3;

    /** A stream whose whole state is derived from one 64-bit seed. */
    public RandomStream(long seed) {
        reseed(seed);
    }

    private void reseed(long seed) {
        long x = seed;
        x += 0x9E3779B97F4A7C15L;
        s0 = SeedMixer.mix(x);
        x += 0x9E3779B97F4A7C15L;
        s1 = SeedMixer.mix(x);
        x += 0x9E3779B97F4A7C15L;
        s2 = SeedMixer.mix(x);
        x += 0x9E3779B97F4A7C15L;
        s3 = SeedMixer.mix(x);
    }

    @Override
    public long nextLong() {
        long result = Long.rotateLeft(s0 + s3, 23) + s0;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform on [0, 1) with 53 random bits. */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** Uniform on (0, 1]: safe to take the logarithm of. */
    public double nextDoubleNonZero() {
        return ((nextLong() >>> 11) + 1) * DOUBLE_UNIT;
    }

    /** Exponential with mean 1 (the JDK's ziggurat). */
    public double nextStandardExponential() {
        return java.util.random.RandomGenerator.super.nextExponential();
    }

    @Override
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    @Override
    public int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    /** Uniform on 0 .. bound − 1 without modulo bias (Lemire's method). */
    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, was " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    @Override
    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    @Override
    public void nextBytes(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            long r = nextLong();
            for (int k = 0; k < 8 && i < bytes.length; k++, r >>>= 8) {
                bytes[i++] = (byte) r;
            }
        }
    }

    /** Standard normal (the JDK's ziggurat). */
    @Override
    public double nextGaussian() {
        return java.util.random.RandomGenerator.super.nextGaussian();
    }

    @Override
    public void setSeed(int seed) {
        reseed(seed);
    }

    @Override
    public void setSeed(int[] seed) {
        long h = 0;
        for (int s : seed) {
            h = SeedMixer.mix(h ^ s);
        }
        reseed(h);
    }

    @Override
    public void setSeed(long seed) {
        reseed(seed);
    }
}
