package io.stagesim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.MinMaxCategoryRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;

/**
 * A chart's content as data for the browser: read from the very JFreeChart objects the PNG is drawn
 * from (datasets, renderers' colours, dashes and markers, axes with their ranges and 1-2-5 or
 * percentile ticks, shaded bands and reference lines, small-multiple panels), so the interactive
 * chart and the picture cannot disagree. Written into report.html as JSON beside the PNG; the
 * page's script ({@code charts.js}) draws it with Apache ECharts. A chart of a kind not read here
 * has no model ({@link #of} gives null) and stays a picture.
 */
final class InteractiveChart {

    /** The chart: its title, panels in {@code columns} columns, and the legend's names in order. */
    record Model(String title, int columns, List<Panel> panels, List<String> legend) {
    }

    /**
     * One panel: its title (null for a chart of one panel), relative height among panels in one
     * column, axes, whether categories run down the side, series, bands and reference lines.
     */
    record Panel(String title, double weight, Axis x, Axis y, boolean horizontal, List<Series> series,
            List<Band> bands, List<Rule> rules) {
    }

    /**
     * An axis: {@code kind} is value, log, percentile (log of 1/(1 − q), ticks named p50 …) or
     * category; its range as drawn, and the ticks the picture shows for log and percentile axes.
     */
    record Axis(String label, String kind, Double min, Double max, List<Tick> ticks, List<String> categories) {
    }

    /** A tick: where, and its label. */
    record Tick(double at, String label) {
    }

    /**
     * A series: {@code kind} line, area (stacked in {@code stack}), bar, or interval (a whisker from
     * low to high); its colour, line width, dash, marker (circle, square, triangle, diamond,
     * triangle-down, cross, or null), and points: [x, y] (y null for a gap), a bar's value per
     * category, or an interval's [x, low, high].
     */
    record Series(String name, String kind, String colour, double width, float[] dash, String marker, String stack,
            List<Object> data) {
    }

    /**
     * A shaded band from {@code from} to {@code to} along axis x or y, its label drawn inside at
     * {@code place} (top-left, top, bottom-left …, where the picture puts it).
     */
    record Band(String name, String axis, double from, double to, String colour, String label, String place) {
    }

    /** A reference line at {@code at} across axis x or y. */
    record Rule(String name, String axis, double at, String colour, double width, float[] dash, String label) {
    }

    private InteractiveChart() {
    }

    /** The model of {@code chart}, or null when its plot is of a kind not read here. */
    static Model of(JFreeChart chart) {
        Plot plot = chart.getPlot();
        String title = chart.getTitle() == null ? "" : chart.getTitle().getText();
        List<Panel> panels = new ArrayList<>();
        int columns = 1;
        if (plot instanceof PanelGrid grid) {
            LegendItemCollection legend = grid.getLegendItems();
            for (int i = 0; i < grid.panels().size(); i++) {
                Panel p = panel(grid.panels().get(i), grid.titles().get(i), 1, legend);
                if (p == null) {
                    return null;
                }
                panels.add(p);
            }
            columns = grid.columns();
        } else if (plot instanceof CombinedDomainCategoryPlot combined) {
            for (Object sub : combined.getSubplots()) {
                CategoryPlot c = (CategoryPlot) sub;
                Panel p = category(c, null, c.getWeight(), combined.getDomainAxis(), combined.getOrientation());
                if (p == null) {
                    return null;
                }
                panels.add(p);
            }
        } else {
            Panel p = panel(plot, null, 1, null);
            if (p == null) {
                return null;
            }
            panels.add(p);
        }
        Set<String> names = new LinkedHashSet<>();
        for (Panel p : panels) {
            p.series().forEach(s -> names.add(s.name()));
            p.bands().forEach(b -> names.add(b.name()));
            p.rules().forEach(r -> names.add(r.name()));
        }
        names.remove("");
        return new Model(title, columns, panels, List.copyOf(names));
    }

    /** The model of {@code chart} as JSON, safe inside a script element (no {@code <} at all). */
    static String json(Model m) {
        return Json.compact(m).replace("<", "\\u003c");
    }

    private static Panel panel(Plot plot, String title, double weight, LegendItemCollection legend) {
        if (plot instanceof XYPlot xy) {
            return xy(xy, title, legend);
        }
        if (plot instanceof CategoryPlot c && !(plot instanceof CombinedDomainCategoryPlot)) {
            return category(c, title, weight, c.getDomainAxis(), c.getOrientation());
        }
        return null;
    }

    private static Panel xy(XYPlot plot, String title, LegendItemCollection legend) {
        List<Series> series = new ArrayList<>();
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            XYDataset ds = plot.getDataset(d);
            XYItemRenderer r = ds == null ? null : plot.getRendererForDataset(ds);
            if (r == null) {
                continue;
            }
            String kind;
            if (r instanceof StackedXYAreaRenderer2) {
                kind = "area";
            } else if (r instanceof XYErrorRenderer && ds instanceof IntervalXYDataset) {
                kind = "error";
            } else if (r.getClass() == XYLineAndShapeRenderer.class) {
                kind = "line";
            } else {
                return null;
            }
            for (int s = 0; s < ds.getSeriesCount(); s++) {
                List<Object> data = new ArrayList<>();
                List<Object> bars = new ArrayList<>();
                for (int i = 0; i < ds.getItemCount(s); i++) {
                    data.add(point(ds.getXValue(s, i), ds.getYValue(s, i)));
                    if (kind.equals("error")) {
                        IntervalXYDataset in = (IntervalXYDataset) ds;
                        bars.add(interval(ds.getXValue(s, i), in.getStartYValue(s, i), in.getEndYValue(s, i)));
                    }
                }
                Paint paint = r.getItemPaint(s, 0);
                String name = name(String.valueOf(ds.getSeriesKey(s)), paint, legend);
                boolean lines = !(r instanceof XYLineAndShapeRenderer l) || l.getItemLineVisible(s, 0);
                boolean shapes = r instanceof XYLineAndShapeRenderer l && l.getItemShapeVisible(s, 0);
                Stroke stroke = r.getItemStroke(s, 0);
                String drawn = kind.equals("error") ? "line" : kind; // its whiskers are the interval series below
                series.add(new Series(name, drawn, css(paint), lines ? width(stroke) : 0, dash(stroke),
                        shapes ? marker(r.getItemShape(s, 0)) : null, kind.equals("area") ? "stack" + d : null,
                        data));
                if (kind.equals("error")) {
                    series.add(new Series(name, "interval", css(paint), 1.5, null, null, null, bars));
                }
            }
        }
        List<Band> bands = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        markers(plot.getDomainMarkers(Layer.BACKGROUND), "x", legend, bands, rules);
        markers(plot.getDomainMarkers(Layer.FOREGROUND), "x", legend, bands, rules);
        markers(plot.getRangeMarkers(Layer.BACKGROUND), "y", legend, bands, rules);
        markers(plot.getRangeMarkers(Layer.FOREGROUND), "y", legend, bands, rules);
        boolean horizontal = plot.getOrientation() == PlotOrientation.HORIZONTAL;
        return new Panel(title, 1, axis(plot.getDomainAxis()), axis(plot.getRangeAxis()), horizontal, series, bands,
                rules);
    }

    private static Panel category(CategoryPlot plot, String title, double weight, CategoryAxis domain,
            PlotOrientation orientation) {
        List<String> categories = new ArrayList<>();
        List<Series> series = new ArrayList<>();
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            CategoryDataset ds = plot.getDataset(d);
            CategoryItemRenderer r = ds == null ? null : plot.getRendererForDataset(ds);
            if (r == null) {
                continue;
            }
            for (int c = 0; c < ds.getColumnCount(); c++) {
                String key = String.valueOf(ds.getColumnKey(c));
                if (!categories.contains(key)) {
                    categories.add(key);
                }
            }
            if (r instanceof MinMaxCategoryRenderer) {
                List<Object> data = new ArrayList<>();
                for (int c = 0; c < ds.getColumnCount(); c++) {
                    double lo = Double.POSITIVE_INFINITY;
                    double hi = Double.NEGATIVE_INFINITY;
                    for (int row = 0; row < ds.getRowCount(); row++) {
                        Number v = ds.getValue(row, c);
                        if (v != null) {
                            lo = Math.min(lo, v.doubleValue());
                            hi = Math.max(hi, v.doubleValue());
                        }
                    }
                    if (lo <= hi) {
                        data.add(interval(categories.indexOf(String.valueOf(ds.getColumnKey(c))), lo, hi));
                    }
                }
                series.add(new Series("interval", "interval", css(((MinMaxCategoryRenderer) r).getGroupPaint()),
                        width(((MinMaxCategoryRenderer) r).getGroupStroke()), null, null, null, data));
                continue;
            }
            if (r instanceof LineAndShapeRenderer) {
                return null;
            }
            for (int row = 0; row < ds.getRowCount(); row++) {
                List<Object> data = new ArrayList<>();
                for (String cat : categories) {
                    int c = ds.getColumnIndex(cat);
                    Number v = c < 0 ? null : ds.getValue(row, c);
                    data.add(v == null || Double.isNaN(v.doubleValue()) ? null : v.doubleValue());
                }
                series.add(new Series(String.valueOf(ds.getRowKey(row)), "bar", css(r.getItemPaint(row, 0)), 0,
                        null, null, r instanceof StackedBarRenderer ? "stack" + d : null, data));
            }
        }
        List<Band> bands = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        markers(plot.getRangeMarkers(Layer.BACKGROUND), "y", null, bands, rules);
        markers(plot.getRangeMarkers(Layer.FOREGROUND), "y", null, bands, rules);
        Axis x = new Axis(domain == null || domain.getLabel() == null ? "" : domain.getLabel(), "category", null, null,
                List.of(), categories);
        return new Panel(title, weight, x, axis(plot.getRangeAxis()), orientation == PlotOrientation.HORIZONTAL,
                series, bands, rules);
    }

    /** A point [x, y], y null where the picture leaves a gap. */
    private static List<Object> point(double x, double y) {
        List<Object> p = new ArrayList<>(2);
        p.add(x);
        p.add(Double.isNaN(y) ? null : y);
        return p;
    }

    /** An interval [x, low, high], null where either end is not a number. */
    private static List<Object> interval(double x, double lo, double hi) {
        return Double.isFinite(lo) && Double.isFinite(hi) ? List.of(x, lo, hi) : null;
    }

    private static Axis axis(ValueAxis a) {
        String label = a.getLabel() == null ? "" : a.getLabel();
        double lo = a.getLowerBound();
        double hi = a.getUpperBound();
        if (a instanceof SymbolAxis s) {
            return new Axis(label, "category", lo, hi, List.of(), List.of(s.getSymbols()));
        }
        if (a instanceof LogAxis log) {
            List<Tick> ticks = new ArrayList<>();
            boolean named = false;
            if (log instanceof TickLogAxis t) {
                t.ticks(lo, hi).forEach((v, text) -> ticks.add(new Tick(v, text)));
                named = t.named();
            }
            return new Axis(label, named ? "percentile" : "log", lo, hi, ticks, List.of());
        }
        return new Axis(label, "value", lo, hi, List.of(), List.of());
    }

    private static void markers(Collection<?> markers, String axis, LegendItemCollection legend, List<Band> bands,
            List<Rule> rules) {
        if (markers == null) {
            return;
        }
        for (Object o : markers) {
            Marker m = (Marker) o;
            String label = m.getLabel() == null ? "" : m.getLabel();
            String name = name(label, m.getPaint(), legend);
            if (m instanceof IntervalMarker band) {
                bands.add(new Band(name, axis, band.getStartValue(), band.getEndValue(), css(m.getPaint()), label,
                        m.getLabelAnchor().name().toLowerCase(Locale.ROOT)
                                .replace('_', '-')));
            } else if (m instanceof ValueMarker line) {
                rules.add(new Rule(name, axis, line.getValue(), css(m.getPaint()), width(m.getStroke()),
                        dash(m.getStroke()), label));
            }
        }
    }

    /**
     * What the legend calls a series or a band: the legend item of that label, else the only legend
     * item of that colour (a panel's line in its stage's colour is not named after the grey key),
     * else its own key.
     */
    private static String name(String key, Paint paint, LegendItemCollection legend) {
        if (legend == null) {
            return key;
        }
        LegendItem same = null;
        int count = 0;
        for (int i = 0; i < legend.getItemCount(); i++) {
            LegendItem item = legend.get(i);
            if (item.getLabel().equals(key)) {
                return key;
            }
            Paint p = item.isLineVisible() ? item.getLinePaint() : item.getFillPaint();
            if (p != null && p.equals(paint)) {
                same = item;
                count++;
            }
        }
        return count == 1 ? same.getLabel() : key;
    }

    /** A colour as CSS: #rrggbb, or rgba(…) when it is see-through. */
    static String css(Paint p) {
        if (!(p instanceof Color c)) {
            return "#888888";
        }
        if (c.getAlpha() == 255) {
            return String.format(Locale.ROOT, "#%06x", c.getRGB() & 0xFFFFFF);
        }
        return String.format(Locale.ROOT, "rgba(%d,%d,%d,%.3f)", c.getRed(), c.getGreen(), c.getBlue(),
                c.getAlpha() / 255.0);
    }

    private static double width(Stroke s) {
        return s instanceof BasicStroke b ? b.getLineWidth() : 1;
    }

    private static float[] dash(Stroke s) {
        return s instanceof BasicStroke b ? b.getDashArray() : null;
    }

    /**
     * A marker's name from its outline: an ellipse is a circle, a rectangle a square; a polygon of
     * three corners a triangle (pointing up or down by where its lone corner is), of four a diamond,
     * of more a cross ({@link Palette#shape}).
     */
    static String marker(Shape s) {
        if (s == null) {
            return null;
        }
        if (s instanceof Ellipse2D) {
            return "circle";
        }
        if (s instanceof Rectangle2D) {
            return "square";
        }
        List<double[]> corners = new ArrayList<>();
        double[] c = new double[6];
        for (PathIterator it = s.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            if (type == PathIterator.SEG_MOVETO || type == PathIterator.SEG_LINETO) {
                corners.add(new double[] {c[0], c[1]});
            }
        }
        if (corners.size() == 3) {
            double mean = (corners.get(0)[1] + corners.get(1)[1] + corners.get(2)[1]) / 3;
            long above = corners.stream().filter(p -> p[1] < mean).count();
            return above == 1 ? "triangle" : "triangle-down";
        }
        if (corners.size() == 4) {
            Rectangle2D b = s.getBounds2D();
            boolean axisAligned = corners.stream().allMatch(p -> (p[0] == b.getMinX() || p[0] == b.getMaxX())
                    && (p[1] == b.getMinY() || p[1] == b.getMaxY()));
            return axisAligned ? "square" : "diamond";
        }
        return "cross";
    }
}
