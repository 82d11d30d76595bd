package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** NGINX's leaky bucket by hand, at its bounds. */
final class RateLimitTest {

    private static final long MS = 1_000_000L;

    // 10/s, no burst, no delay: the first request passes, the next within 100 ms is refused, one
    // 100 ms later passes (the bucket has drained exactly one request).
    @Test
    void noBurst_refusesWithinTheInterval() {
        RateLimit l = new RateLimit(10, 0, 0);
        assertEquals(0, l.admit(0));
        assertEquals(-1, l.admit(50 * MS));
        assertEquals(0, l.admit(100 * MS));
    }

    @Test
    void aRateOfZero_orNegativeBurstOrDelay_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(10, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(10, 0, -1));
    }
}
