package io.stagesim.random;

/** Draws durations from a distribution bound to one random stream. Sampling never allocates. */
@FunctionalInterface
public interface Sampler {

    /** The next duration in nanoseconds, never negative. */
    long sample();
}
