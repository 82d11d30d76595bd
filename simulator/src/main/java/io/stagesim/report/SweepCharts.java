package io.stagesim.report;

import java.awt.BasicStroke;
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
