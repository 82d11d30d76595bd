package io.stagesim.scenario;

import java.util.List;

/**
 * The checks spec records make in their compact constructors, each naming the key, the bound and
 * the value ({@code workers must be >= 1, was 0}). Binding reports a wrong value with its place
 * in the file before a record is made; these keep records made in code just as honest.
 */
final class Require {

    private Require() {
    }

    /** {@code value} must be at least {@code min}. */
    static void atLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be >= " + min + ", was " + value);
        }
    }

    /** {@code value} must be at least {@code min}. */
    static void atLeast(String key, double value, double min) {
        if (!(value >= min)) {
            throw new IllegalArgumentException(key + " must be >= " + min + ", was " + value);
        }
    }

    /** {@code value} must be a fraction, from 0 to 1. */
    static void fraction(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(key + " must be between 0 and 1, was " + value);
        }
    }

    /** {@code value} must be one of {@code allowed}. */
    static void oneOf(String key, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(key + " must be one of " + String.join(", ", allowed)
                    + ", was " + value);
        }
    }

    /** {@code value} must be given. */
    static <T> T present(String key, T value) {
        if (value == null) {
            throw new IllegalArgumentException(key + " must be given");
        }
        return value;
    }
}
