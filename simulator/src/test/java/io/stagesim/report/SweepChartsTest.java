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
        assertEquals(Map.of(), SweepCharts.files(new SweepReporter.SweepFile("s", "run", List.of(), null, 0, List.of(),
                List.of())));
    }
    // Two settings: a heat map, a cell per pair coloured from the lowest capacity (the scale's dark
    // end, viridis #440154) to the highest (its light end, #fde725), its data as a matrix.
    @Test
    void twoSettings_drawAHeatMap_coloredFromLowestToHighest() throws Exception {
        List<io.stagesim.run.Sweep.Dimension> dims = List.of(
                new io.stagesim.run.Sweep.Dimension("services.app.workers", List.of("2", "4", "8")),
                new io.stagesim.run.Sweep.Dimension("services.app.conn_max_age", List.of("0s", "60s")));
        List<SweepReporter.PointFile> points = new java.util.ArrayList<>();
        double[][] cap = {{40, 70, 90}, {60, 110, 150}};
        int k = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                points.add(new SweepReporter.PointFile(k++, Map.of("services.app.workers", dims.get(0).values().get(j),
                        "services.app.conn_max_age", dims.get(1).values().get(i)),
                        new SweepReporter.Capacity(cap[i][j], cap[i][j] - 1, cap[i][j] + 1), null, null, null, null,
                        null, null, null, null));
            }
        }
        Map<String, byte[]> files = SweepCharts.files(new SweepReporter.SweepFile("s", "capacity", dims, null, 6,
                points, List.of()));
        assertEquals("services.app.conn_max_age by services.app.workers,2,4,8\n"
                + "0s,40.0000,70.0000,90.0000\n"
                + "60s,60.0000,110.000,150.000\n", new String(files.get("heatmap.csv"), StandardCharsets.UTF_8));
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                files.get("heatmap.png")));
        // a pixel near each cell's top-left corner, clear of its label; the grid starts right of the second
        // setting's name ("services.app.conn_max_age ↓", wider than the least margin), cells keep their least width
        SweepCharts.HeatMap drawn = SweepCharts.drawHeatMap(new SweepReporter.SweepFile("s", "capacity", dims, null, 6,
                points, List.of()));
        int left = drawn.left();
        org.junit.jupiter.api.Assertions.assertTrue(left >= SweepCharts.LEFT);
        assertEquals(SweepCharts.CELL_W, drawn.cellWidth());
        int lowest = img.getRGB(left + 3, SweepCharts.TOP + 3) & 0xffffff;
        int highest = img.getRGB(left + 2 * SweepCharts.CELL_W + 3, SweepCharts.TOP + SweepCharts.CELL_H + 3)
                & 0xffffff;
        int middle = img.getRGB(left + SweepCharts.CELL_W + 3, SweepCharts.TOP + SweepCharts.CELL_H + 3)
                & 0xffffff; // 110: 70/110 of the way, between the third and fourth stops
        assertEquals(0x440154, lowest);
        assertEquals(0xfde725, highest);
        assertEquals(SweepCharts.shade(70.0 / 110).getRGB() & 0xffffff, middle);
        assertEquals(0x21918c, SweepCharts.shade(0.5).getRGB() & 0xffffff);
        // a shard's part of the grid has no heat map
        assertEquals(null, SweepCharts.files(new SweepReporter.SweepFile("s", "capacity", dims, "1/2", 6,
                points.subList(0, 3), List.of())).get("heatmap.png"));
    }

    // Long setting names and values (a nested key, a duration in words) used to run into each other: the
    // second setting's name into the first's, and values past their cells. Every text drawn is now clear
    // of every other and inside the picture, and the grid starts right of the widest label of its column.
    @Test
    void longKeysAndValues_neverOverlap() {
        String acrossKey = "services.application_server_pool.gunicorn.workers_per_process";
        String downKey = "services.primary_database.connection_max_age_in_seconds";
        List<String> acrossValues = List.of("2", "a very long value of the first setting", "8");
        List<String> downValues = List.of("0s", "a value of the second setting longer than the margin");
        List<io.stagesim.run.Sweep.Dimension> dims = List.of(new io.stagesim.run.Sweep.Dimension(acrossKey, acrossValues),
                new io.stagesim.run.Sweep.Dimension(downKey, downValues));
        List<SweepReporter.PointFile> points = new java.util.ArrayList<>();
        int k = 0;
        for (String d : downValues) {
            for (String a : acrossValues) {
                double c = 10 + k;
                points.add(new SweepReporter.PointFile(k++, Map.of(acrossKey, a, downKey, d),
                        new SweepReporter.Capacity(c, c - 1, c + 1), null, null, null, null, null, null, null, null));
            }
        }
        SweepCharts.HeatMap h = SweepCharts.drawHeatMap(new SweepReporter.SweepFile(
                "a scenario with a rather long name for a title", "capacity", dims, null, 6, points, List.of()));
        java.awt.Rectangle picture = new java.awt.Rectangle(0, 0, h.image().getWidth(), h.image().getHeight());
        // 1 title + 2 setting names + 3 across + 2 down + 6 values + 1 note
        assertEquals(15, h.texts().size());
        for (int i = 0; i < h.texts().size(); i++) {
            java.awt.Rectangle a = h.texts().get(i);
            org.junit.jupiter.api.Assertions.assertTrue(picture.contains(a), "text " + i + " " + a + " outside " + picture);
            for (int j = i + 1; j < h.texts().size(); j++) {
                org.junit.jupiter.api.Assertions.assertFalse(a.intersects(h.texts().get(j)),
                        "texts " + i + " and " + j + " overlap: " + a + " " + h.texts().get(j));
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(h.left() > SweepCharts.LEFT);
        org.junit.jupiter.api.Assertions.assertTrue(h.cellWidth() > SweepCharts.CELL_W);
    }
}
