package io.stagesim.random;

/** Always the same duration. */
public record Constant(long value) implements Distribution {

    /** Validates the value. */
    public Constant {
        if (value < 0) {
            throw new IllegalArgumentException("constant duration must be >= 0 ns, was " + value);
        }
    }

    @Override
    public double mean() {
        return value;
    }

    @Override
    public double variance() {
        return 0;
    }

    @Override
    public Sampler sampler(RandomStream stream) {
        long v = value;
        return () -> v;
    }
}
