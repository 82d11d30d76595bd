package io.stagesim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The clock's unit conversions, exact on values a reader can check in their head. */
final class TimeTest {

    @Test
    void toNanoseconds_roundsToTheNearestNanosecond() {
        assertEquals(1_500_000_000L, Time.ofSeconds(1.5));
        assertEquals(250_000L, Time.ofMillis(0.25));
        assertEquals(1L, Time.ofSeconds(0.6e-9)); // 0.6 ns rounds up
        assertEquals(0L, Time.ofMillis(0.4e-6)); // 0.4 ns rounds down
        assertEquals(Time.HOUR, Time.ofSeconds(3600));
    }

    @Test
    void fromNanoseconds_isExactDivision() {
        assertEquals(2.5, Time.toSeconds(2_500_000_000L));
        assertEquals(1.5, Time.toMillis(1_500_000L));
        assertEquals(60.0, Time.toSeconds(Time.MINUTE));
        assertEquals(0.001, Time.toMillis(Time.MICROSECOND));
    }
}
