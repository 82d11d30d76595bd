package io.stagesim.random;

/** Bit mixing used to derive seeds: the SplitMix64 finaliser (Steele, Lea and Flood, 2014). */
final class SeedMixer {

    private SeedMixer() {
    }

    /** A bijective scramble of 64 bits with good avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A 64-bit hash of a name: FNV-1a over its UTF-16 code units, then mixed. */
    static long hash(String name) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001B3L;
        }
        return mix(h);
    }
}
