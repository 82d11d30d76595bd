package io.stagesim.report;

import java.awt.BasicStroke;
import io.stagesim.run.Sweep;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/** The pictures of a sweep: capacity against the settings, and the tornado of a sensitivity analysis. */
public final class SweepCharts {

    private SweepCharts() {
    }

    /**
     * The files to write beside sweep.json: capacity against the first setting, a line per value of
     * the second (when there is one), as PNG with its data as CSV. Empty for a sweep of runs.
     */
    public static Map<String, byte[]> files(SweepReporter.SweepFile f) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (!"capacity".equals(f.measure())) {
            return out;
        }
        String x = f.dimensions().get(0).key();
        String line = f.dimensions().size() > 1 ? f.dimensions().get(1).key() : null;
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        List<List<String>> rows = new ArrayList<>();
        for (SweepReporter.PointFile p : f.points()) {
            String series = line == null ? "capacity" : line + " = " + p.settings().get(line);
            ds.addValue(p.capacity().value(), series, p.settings().get(x));
            List<String> row = new ArrayList<>();
            f.dimensions().forEach(d -> row.add(p.settings().get(d.key())));
            row.add(Charts.num(p.capacity().value()));
            row.add(Charts.num(p.capacity().low()));
            row.add(Charts.num(p.capacity().high()));
            rows.add(row);
        }
        JFreeChart chart = ChartFactory.createLineChart("Capacity of " + f.scenario() + " against " + x, x,
                "capacity at the objective (page views/s)", ds, PlotOrientation.VERTICAL, line != null, false, false);
        LineAndShapeRenderer r = new LineAndShapeRenderer(true, true);
        for (int i = 0; i < ds.getRowCount(); i++) {
            r.setSeriesPaint(i, Charts.colour(i));
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
        chart.getCategoryPlot().setRenderer(r);
        Charts.style(chart);
        List<String> header = new ArrayList<>();
        f.dimensions().forEach(d -> header.add(d.key()));
        header.addAll(List.of("capacity_per_s", "capacity_low", "capacity_high"));
        Charts.Chart c = new Charts.Chart("capacity", chart.getTitle().getText(), "", chart,
                new Charts.Table(header, rows));
        out.put("capacity.png", HtmlReport.png(c));
        out.put("capacity.csv", c.data().csv().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (f.dimensions().size() == 2 && f.points().size() == f.gridSize()) {
            out.putAll(heatMap(f));
        }
        return out;
    }

    /** Viridis at five stops (perceptually even, readable in grey and by the colour-blind), low to high. */
    private static final Color[] SCALE = {new Color(0x440154), new Color(0x3b528b), new Color(0x21918c),
        new Color(0x5ec962), new Color(0xfde725)};

    /** The colour of {@code t} in [0, 1] on {@link #SCALE}, interpolated between its stops. */
    static Color shade(double t) {
        double x = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (SCALE.length - 1);
        int i = Math.min(SCALE.length - 2, (int) Math.floor(x));
        double u = x - i;
        Color a = SCALE[i];
        Color b = SCALE[i + 1];
        return new Color((int) Math.round(a.getRed() + u * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + u * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + u * (b.getBlue() - a.getBlue())));
    }

    /** Cell size and margins of the heat map, in pixels. */
    static final int CELL_W = 150;
    static final int CELL_H = 70;
    static final int LEFT = 190;
    static final int TOP = 70;

    /**
     * The heat map of a sweep of two settings: a cell per pair of values (the first setting across,
     * the second down), coloured by the capacity from the lowest to the highest of the sweep and
     * labelled with it; its data as a matrix in CSV.
     */
    static Map<String, byte[]> heatMap(SweepReporter.SweepFile f) {
        Sweep.Dimension across = f.dimensions().get(0);
        Sweep.Dimension down = f.dimensions().get(1);
        double[][] cap = new double[down.values().size()][across.values().size()];
        for (double[] row : cap) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (SweepReporter.PointFile p : f.points()) {
            int i = down.values().indexOf(p.settings().get(down.key()));
            int j = across.values().indexOf(p.settings().get(across.key()));
            double v = p.capacity().value();
            cap[i][j] = v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int w = LEFT + CELL_W * across.values().size() + 30;
        int h = TOP + CELL_H * down.values().size() + 60;
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, h,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING,
                java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 16));
        g.drawString("Capacity of " + f.scenario() + " (page views/s)", 20, 28);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 13));
        g.drawString(across.key() + " →", LEFT, TOP - 24);
        g.drawString(down.key() + " ↓", 20, TOP - 24);
        java.awt.Font value = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 15);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < cap.length; i++) {
            g.setColor(Color.BLACK);
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 13));
            g.drawString(down.values().get(i), 20, TOP + i * CELL_H + CELL_H / 2 + 5);
            List<String> row = new ArrayList<>();
            row.add(down.values().get(i));
            for (int j = 0; j < cap[i].length; j++) {
                if (i == 0) {
                    g.setColor(Color.BLACK);
                    g.drawString(across.values().get(j), LEFT + j * CELL_W + 8, TOP - 6);
                }
                double t = max > min ? (cap[i][j] - min) / (max - min) : 1;
                Color c = shade(t);
                g.setColor(c);
                g.fillRect(LEFT + j * CELL_W, TOP + i * CELL_H, CELL_W - 2, CELL_H - 2);
                // dark text on the light end of the scale, white on the dark end
                g.setColor(t > 0.6 ? Color.BLACK : Color.WHITE);
                g.setFont(value);
                g.drawString(String.format(java.util.Locale.ROOT, "%.1f", cap[i][j]), LEFT + j * CELL_W + 12,
                        TOP + i * CELL_H + CELL_H / 2 + 6);
                row.add(Charts.num(cap[i][j]));
            }
            rows.add(row);
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
        g.drawString(String.format(java.util.Locale.ROOT, "colour: from %.1f (dark) to %.1f (light) page views/s",
                min, max), LEFT, TOP + CELL_H * cap.length + 30);
        g.dispose();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(img, "png", png);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> header = new ArrayList<>();
        header.add(down.key() + " by " + across.key());
        header.addAll(across.values());
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("heatmap.png", png.toByteArray());
        out.put("heatmap.csv", new Charts.Table(header, rows).csv().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return out;
    }

    /**
     * The tornado: for each setting (largest swing at the top) a bar from the capacity at its low
     * value to the capacity at its high value, across a line at the capacity as written.
     */
    public static Map<String, byte[]> files(SweepReporter.SensitivityFile f) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        List<List<String>> rows = new ArrayList<>();
        double base = f.base().value();
        String low = String.format(java.util.Locale.ROOT, "−%.0f%%", f.share() * 100);
        String high = String.format(java.util.Locale.ROOT, "+%.0f%%", f.share() * 100);
        for (SweepReporter.SwingFile s : f.swings()) {
            ds.addValue(s.capacityLow().value() - base, low, s.key());
            ds.addValue(s.capacityHigh().value() - base, high, s.key());
            rows.add(List.of(s.key(), s.base(), s.low(), Charts.num(s.capacityLow().value()), s.high(),
                    Charts.num(s.capacityHigh().value()), Charts.num(s.effect())));
        }
        JFreeChart chart = ChartFactory.createBarChart("What moves the capacity of " + f.scenario() + " most",
                "setting", String.format(java.util.Locale.ROOT, "change in capacity (page views/s) from %.1f", base),
                ds, PlotOrientation.HORIZONTAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setSeriesPaint(0, Charts.colour(0));
        r.setSeriesPaint(1, Charts.colour(1));
        r.setItemMargin(0);
        r.setShadowVisible(false);
        r.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        ValueMarker zero = new ValueMarker(0, Color.DARK_GRAY, new BasicStroke(1.5f));
        zero.setLabel("as written");
        zero.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        zero.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addRangeMarker(zero);
        Charts.style(chart);
        Charts.Chart c = new Charts.Chart("tornado", chart.getTitle().getText(), "", chart, new Charts.Table(
                List.of("setting", "as_written", "low", "capacity_at_low", "high", "capacity_at_high", "effect"), rows));
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("tornado.png", HtmlReport.png(c));
        out.put("tornado.csv", c.data().csv().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return out;
    }
}
