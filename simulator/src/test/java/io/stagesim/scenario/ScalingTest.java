package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class ScalingTest {

    @Test
    void wholeNumbersStayWholeAndMove() {
        assertEquals("4", Scaling.scale("5", 0.8));
        assertEquals("6", Scaling.scale("5", 1.2));
        assertEquals("2", Scaling.scale("1", 1.2)); // 1.2 rounds back to 1: moved by one
        assertEquals("1", Scaling.scale("1", 0.8)); // never below 1
        assertEquals("120", Scaling.scale("100", 1.2));
    }

    @Test
    void unitsStayAndSharesStayAtMostAll() {
        assertEquals("9.6ms", Scaling.scale("8ms", 1.2));
        assertEquals("48/s", Scaling.scale("40/s", 1.2));
        assertEquals("24KB", Scaling.scale("20KB", 1.2));
        assertEquals("100%", Scaling.scale("90%", 1.2));
        assertEquals("72%", Scaling.scale("90%", 0.8));
        assertEquals("0.6", Scaling.scale("0.5", 1.2));
    }

    // Scaling every duration in a distribution scales the random variable: the mean moves, the
    // coefficient of variation and the shape stay.
    @Test
    void distributionsHaveTheirDurationsScaled() {
        assertEquals("lognormal(mean=9.6ms, cv=1)", Scaling.scale("lognormal(mean=8ms, cv=1)", 1.2));
        assertEquals("gamma(shape=0.5, mean=12ms)", Scaling.scale("gamma(shape=0.5, mean=10ms)", 1.2));
        assertEquals("pareto(alpha=1.5, min=2ms, max=2s)", Scaling.scale("pareto(alpha=1.5, min=1ms, max=1s)", 2));
        assertEquals("uniform(0.8ms, 2.4ms)", Scaling.scale("uniform(1ms, 3ms)", 0.8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scaling.scale("empirical(samples.txt)", 1.2));
        assertTrue(e.getMessage().contains("cannot be scaled"));
        assertThrows(IllegalArgumentException.class, () -> Scaling.scale("postgres", 1.2));
    }
}
