package io.stagesim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Log axes a reader can use in ten seconds: ticks at 1, 2 and 5 × 10^k with plain labels (not
 * JFreeChart's 63,095.73 or 3.16), and percentile axes labelled p50 … p99.9.
 */
final class ChartTicksTest {

    private static List<String> labels(Map<Double, String> ticks) {
        return List.copyOf(ticks.values());
    }

    @Test
    void logAxis_ticksAtOneTwoFive() {
        TickLogAxis axis = (TickLogAxis) Charts.logAxis("ms");
        assertEquals(List.of("5", "10", "20", "50", "100", "200", "500"), labels(axis.ticks(3, 700)));
        assertEquals(List.of(5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0), List.copyOf(axis.ticks(3, 700).keySet()));
        assertEquals(List.of("0.1", "0.2", "0.5", "1", "2"), labels(axis.ticks(0.1, 2.5)));
        assertEquals(List.of("1,000", "2,000", "5,000", "10,000", "20,000", "50,000"), labels(axis.ticks(900, 63_095.73)));
    }

    // Over seven decades, 1-2-5 would give 21 ticks: only the powers of ten are kept.
    @Test
    void wideRange_keepsThePowersOfTen() {
        TickLogAxis axis = (TickLogAxis) Charts.logAxis("ms");
        assertEquals(List.of("0.01", "0.1", "1", "10", "100", "1,000", "10,000", "100,000"),
                labels(axis.ticks(0.01, 100_000)));
    }

    @Test
    void percentileAxis_namesThePercentiles() {
        TickLogAxis axis = (TickLogAxis) Charts.percentileAxis("percentile");
        assertEquals(List.of("p50", "p75", "p90", "p95", "p99", "p99.9"), labels(axis.ticks(1.5, 2000)));
        assertEquals(List.of(2.0, 4.0, 10.0, 20.0, 100.0, 1000.0), List.copyOf(axis.ticks(1.5, 2000).keySet()));
    }

    // The ticks JFreeChart draws are these: rendering the axis asks refreshTicks for them.
    @Test
    void refreshTicks_givesTheSameTicks() {
        TickLogAxis axis = (TickLogAxis) Charts.logAxis("ms");
        axis.setRange(3, 700);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(10, 10,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        List<?> ticks = axis.refreshTicks(img.createGraphics(), new org.jfree.chart.axis.AxisState(),
                new java.awt.geom.Rectangle2D.Double(0, 0, 600, 400), org.jfree.chart.ui.RectangleEdge.BOTTOM);
        assertEquals(List.of("5", "10", "20", "50", "100", "200", "500"),
                ticks.stream().map(t -> ((org.jfree.chart.axis.Tick) t).getText()).toList());
    }
}
