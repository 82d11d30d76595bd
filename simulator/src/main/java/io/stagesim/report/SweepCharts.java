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

    /** Least cell size and margins of the heat map, in pixels (cells and the left margin grow with their labels). */
    static final int CELL_W = 150;
    static final int CELL_H = 70;
    static final int LEFT = 190;
    static final int TOP = 70;
    /** Room kept between two labels, and between a label and the picture's edge, in pixels. */
    static final int GAP = 20;

    private static final java.awt.Font TITLE = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 16);
    private static final java.awt.Font LABEL = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 13);
    private static final java.awt.Font VALUE = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 15);
    private static final java.awt.Font NOTE = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12);

    /**
     * A drawn heat map: the picture, where its grid starts and how wide a cell is (both measured from the
     * labels, so a long setting name or value never runs into its neighbour), and the box of every text
     * drawn on it.
     */
    record HeatMap(java.awt.image.BufferedImage image, int left, int cellWidth, List<java.awt.Rectangle> texts) {
    }

    /**
     * The heat map of a sweep of two settings: a cell per pair of values (the first setting across,
     * the second down), coloured by the capacity from the lowest to the highest of the sweep and
     * labelled with it; its data as a matrix in CSV.
     */
    static Map<String, byte[]> heatMap(SweepReporter.SweepFile f) {
        Sweep.Dimension across = f.dimensions().get(0);
        Sweep.Dimension down = f.dimensions().get(1);
        HeatMap drawn = drawHeatMap(f);
        double[][] cap = capacities(f);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < down.values().size(); i++) {
            List<String> row = new ArrayList<>();
            row.add(down.values().get(i));
            for (int j = 0; j < across.values().size(); j++) {
                row.add(Charts.num(cap[i][j]));
            }
            rows.add(row);
        }
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(drawn.image(), "png", png);
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

    /** The sweep's capacities as a matrix: a row per value of the second setting, a column per value of the first. */
    private static double[][] capacities(SweepReporter.SweepFile f) {
        Sweep.Dimension across = f.dimensions().get(0);
        Sweep.Dimension down = f.dimensions().get(1);
        double[][] cap = new double[down.values().size()][across.values().size()];
        for (double[] row : cap) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        for (SweepReporter.PointFile p : f.points()) {
            cap[down.values().indexOf(p.settings().get(down.key()))][across.values().indexOf(
                    p.settings().get(across.key()))] = p.capacity().value();
        }
        return cap;
    }

    /** Draws the heat map, its margins and cells sized from the widths of the labels they hold. */
    static HeatMap drawHeatMap(SweepReporter.SweepFile f) {
        Sweep.Dimension across = f.dimensions().get(0);
        Sweep.Dimension down = f.dimensions().get(1);
        double[][] cap = capacities(f);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : cap) {
            for (double v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        String title = "Capacity of " + f.scenario() + " (page views/s)";
        String acrossKey = across.key() + " →";
        String downKey = down.key() + " ↓";
        String note = String.format(java.util.Locale.ROOT, "colour: from %.1f (dark) to %.1f (light) page views/s",
                min, max);
        java.awt.image.BufferedImage scratch = new java.awt.image.BufferedImage(1, 1,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D m = scratch.createGraphics();
        java.awt.FontMetrics label = m.getFontMetrics(LABEL);
        java.awt.FontMetrics value = m.getFontMetrics(VALUE);
        // the left column holds the second setting's name and values; the grid starts clear of the widest
        int downWidth = label.stringWidth(downKey);
        for (String v : down.values()) {
            downWidth = Math.max(downWidth, label.stringWidth(v));
        }
        int left = Math.max(LEFT, GAP + downWidth + GAP);
        int cellW = CELL_W;
        for (String v : across.values()) {
            cellW = Math.max(cellW, 8 + label.stringWidth(v) + GAP);
        }
        for (double[] row : cap) {
            for (double v : row) {
                cellW = Math.max(cellW, 12 + value.stringWidth(String.format(java.util.Locale.ROOT, "%.1f", v)) + GAP);
            }
        }
        int w = Math.max(left + cellW * across.values().size() + 30,
                Math.max(GAP + m.getFontMetrics(TITLE).stringWidth(title), left + label.stringWidth(acrossKey))
                        + GAP);
        w = Math.max(w, left + m.getFontMetrics(NOTE).stringWidth(note) + GAP);
        m.dispose();
        int h = TOP + CELL_H * cap.length + 60;
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, h,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING,
                java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        List<java.awt.Rectangle> texts = new ArrayList<>();
        text(g, TITLE, Color.BLACK, title, GAP, 28, texts);
        text(g, LABEL, Color.BLACK, acrossKey, left, TOP - 24, texts);
        text(g, LABEL, Color.BLACK, downKey, GAP, TOP - 24, texts);
        for (int j = 0; j < across.values().size(); j++) {
            text(g, LABEL, Color.BLACK, across.values().get(j), left + j * cellW + 8, TOP - 6, texts);
        }
        for (int i = 0; i < cap.length; i++) {
            text(g, LABEL, Color.BLACK, down.values().get(i), GAP, TOP + i * CELL_H + CELL_H / 2 + 5, texts);
            for (int j = 0; j < cap[i].length; j++) {
                double t = max > min ? (cap[i][j] - min) / (max - min) : 1;
                g.setColor(shade(t));
                g.fillRect(left + j * cellW, TOP + i * CELL_H, cellW - 2, CELL_H - 2);
                // dark text on the light end of the scale, white on the dark end
                text(g, VALUE, t > 0.6 ? Color.BLACK : Color.WHITE,
                        String.format(java.util.Locale.ROOT, "%.1f", cap[i][j]), left + j * cellW + 12,
                        TOP + i * CELL_H + CELL_H / 2 + 6, texts);
            }
        }
        text(g, NOTE, Color.DARK_GRAY, note, left, TOP + CELL_H * cap.length + 30, texts);
        g.dispose();
        return new HeatMap(img, left, cellW, texts);
    }

    /** Draws {@code s} with its baseline at ({@code x}, {@code y}) and records the box it takes. */
    private static void text(java.awt.Graphics2D g, java.awt.Font font, Color colour, String s, int x, int y,
            List<java.awt.Rectangle> boxes) {
        g.setFont(font);
        g.setColor(colour);
        g.drawString(s, x, y);
        java.awt.FontMetrics fm = g.getFontMetrics();
        boxes.add(new java.awt.Rectangle(x, y - fm.getAscent(), fm.stringWidth(s), fm.getAscent() + fm.getDescent()));
    }
}
