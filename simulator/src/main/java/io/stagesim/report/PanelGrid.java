package io.stagesim.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.PlotState;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;

/**
 * Small multiples: one plot per panel, drawn in a grid under a title each; XY panels on the same
 * scales (every panel's axes set to the range that holds every panel's data), so that panels are
 * compared by position alone (category panels set their own shared scale). JFreeChart's combined plots share one axis only; this shares both.
 */
final class PanelGrid extends Plot {
    private static final long serialVersionUID = 1L;

    private final List<Plot> panels;
    private final List<String> titles;
    private final int columns;
    private final LegendItemCollection legend;

    /**
     * The panels with their titles, in {@code columns} columns; {@code legend} the legend the chart
     * shows (one for every panel). Axes are made to share the union of the panels' ranges.
     */
    PanelGrid(List<? extends Plot> panels, List<String> titles, int columns, LegendItemCollection legend) {
        if (panels.size() != titles.size() || panels.isEmpty()) {
            throw new IllegalArgumentException("a title for each panel, and at least one panel");
        }
        this.panels = List.copyOf(panels);
        this.titles = List.copyOf(titles);
        this.columns = Math.max(1, Math.min(columns, panels.size()));
        this.legend = legend;
        share(true);
        share(false);
    }

    /**
     * Sets every panel's domain (or range) axis to the union of the panels' data, with a margin:
     * 5 % of the span on a linear axis (from 0 when the data start at or above 0 and the axis includes
     * zero), a factor 1.2 on a logarithmic one.
     */
    private void share(boolean domain) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        List<XYPlot> xy = panels.stream().filter(p -> p instanceof XYPlot).map(p -> (XYPlot) p).toList();
        for (XYPlot p : xy) {
            Range r = p.getDataRange(domain ? p.getDomainAxis() : p.getRangeAxis());
            if (r != null && !Double.isNaN(r.getLowerBound())) {
                lo = Math.min(lo, r.getLowerBound());
                hi = Math.max(hi, r.getUpperBound());
            }
        }
        if (lo > hi) {
            return;
        }
        for (XYPlot p : xy) {
            ValueAxis a = domain ? p.getDomainAxis() : p.getRangeAxis();
            if (a instanceof org.jfree.chart.axis.LogAxis) {
                a.setRange(Math.max(lo, 1e-3) / 1.2, Math.max(hi, 1e-3) * 1.2);
            } else {
                double span = hi > lo ? hi - lo : Math.max(1, Math.abs(hi));
                boolean zero = a instanceof org.jfree.chart.axis.NumberAxis n && n.getAutoRangeIncludesZero() && lo >= 0;
                a.setRange(zero ? 0 : lo - 0.05 * span, hi + 0.05 * span);
            }
        }
    }

    /** The panels, in order. */
    List<Plot> panels() {
        return panels;
    }

    /** The panels' titles, in order. */
    List<String> titles() {
        return titles;
    }

    int columns() {
        return columns;
    }

    @Override
    public String getPlotType() {
        return "Panel grid";
    }

    @Override
    public LegendItemCollection getLegendItems() {
        return legend;
    }

    /**
     * A title's lines and font to fit {@code width}: 12-point bold, else smaller down to 9 points,
     * else split in two at its last space that fits (never cut).
     */
    static List<String> fit(Graphics2D g2, String title, double width, Font[] chosen) {
        for (int size = 12; size >= 9; size--) {
            Font f = new Font(Font.SANS_SERIF, Font.BOLD, size);
            if (g2.getFontMetrics(f).stringWidth(title) <= width) {
                chosen[0] = f;
                return List.of(title);
            }
        }
        Font f = new Font(Font.SANS_SERIF, Font.BOLD, 9);
        chosen[0] = f;
        FontMetrics fm = g2.getFontMetrics(f);
        int cut = -1;
        for (int i = title.indexOf(' '); i > 0; i = title.indexOf(' ', i + 1)) {
            if (fm.stringWidth(title.substring(0, i)) <= width) {
                cut = i;
            }
        }
        return cut < 0 ? List.of(title) : List.of(title.substring(0, cut), title.substring(cut + 1));
    }

    @Override
    public void draw(Graphics2D g2, Rectangle2D area, Point2D anchor, PlotState parentState, PlotRenderingInfo info) {
        int rows = (panels.size() + columns - 1) / columns;
        double w = area.getWidth() / columns;
        double h = area.getHeight() / rows;
        List<List<String>> lines = new java.util.ArrayList<>();
        List<Font> fonts = new java.util.ArrayList<>();
        int most = 1;
        for (String t : titles) {
            Font[] f = new Font[1];
            lines.add(fit(g2, t, w - 12, f));
            fonts.add(f[0]);
            most = Math.max(most, lines.get(lines.size() - 1).size());
        }
        double line = g2.getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD, 12)).getHeight();
        double head = most * line + 2;
        for (int i = 0; i < panels.size(); i++) {
            double x = area.getX() + (i % columns) * w;
            double y = area.getY() + (i / columns) * h;
            g2.setFont(fonts.get(i));
            g2.setPaint(Color.DARK_GRAY);
            FontMetrics fm = g2.getFontMetrics();
            for (int k = 0; k < lines.get(i).size(); k++) {
                g2.drawString(lines.get(i).get(k), (float) (x + 8), (float) (y + fm.getAscent() + k * fm.getHeight()));
            }
            panels.get(i).draw(g2, new Rectangle2D.Double(x, y + head, w, h - head), null, parentState, null);
        }
    }
}
