package io.stagesim.engine;

/** Conversions between the engine's nanosecond clock and human units. */
public final class Time {

    /** Nanoseconds in a microsecond. */
    public static final long MICROSECOND = 1_000L;
    /** Nanoseconds in a millisecond. */
    public static final long MILLISECOND = 1_000_000L;
    /** Nanoseconds in a second. */
    public static final long SECOND = 1_000_000_000L;
    /** Nanoseconds in a minute. */
    public static final long MINUTE = 60 * SECOND;
    /** Nanoseconds in an hour. */
    public static final long HOUR = 60 * MINUTE;

    private Time() {
    }

    /** Seconds to nanoseconds, rounded to the nearest nanosecond. */
    public static long ofSeconds(double seconds) {
        return Math.round(seconds * SECOND);
    }

    /** Milliseconds to nanoseconds, rounded to the nearest nanosecond. */
    public static long ofMillis(double millis) {
        return Math.round(millis * MILLISECOND);
    }

    /** Nanoseconds to seconds. */
    public static double toSeconds(long nanos) {
        return nanos / (double) SECOND;
    }

    /** Nanoseconds to milliseconds. */
    public static double toMillis(long nanos) {
        return nanos / (double) MILLISECOND;
    }
}
