package io.stagesim.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class SweepChartsTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    // The tornado's data is the swings as given, the largest first, with its PNG beside it.
    @Test
    void tornadoDrawsTheSwingsItIsGiven() {
        SweepReporter.SensitivityFile f = new SweepReporter.SensitivityFile("s", 0.2,
                new SweepReporter.Capacity(50, 48, 52), List.of(
                        new SweepReporter.SwingFile("a", "10ms", "8ms", "12ms", new SweepReporter.Capacity(70, 68, 72),
                                new SweepReporter.Capacity(35, 33, 37), 35),
                        new SweepReporter.SwingFile("b", "5", "4", "6", new SweepReporter.Capacity(45, 43, 47),
                                new SweepReporter.Capacity(52, 50, 54), 7)));
        Map<String, byte[]> files = SweepCharts.files(f);
        assertArrayEquals(PNG, java.util.Arrays.copyOf(files.get("tornado.png"), 4));
        assertEquals("setting,as_written,low,capacity_at_low,high,capacity_at_high,effect\n"
                + "a,10ms,8ms,70.0000,12ms,35.0000,35.0000\n"
                + "b,5,4,45.0000,6,52.0000,7.00000\n", new String(files.get("tornado.csv"), StandardCharsets.UTF_8));
    }

    // A sweep of runs has no capacity to draw.
    @Test
    void runsHaveNoCapacityChart() {
        assertEquals(Map.of(), SweepCharts.files(new SweepReporter.SweepFile("s", "run", List.of(), null, 0, List.of())));
    }
}
