package io.stagesim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.axis.LogAxis;

/**
 * JFreeChart's {@link LogAxis} chooses ticks at even steps of the logarithm (63,095.73; 3.16),
 * which no reader can use; this one puts them at 1, 2 and 5 × 10^k (only 1 × 10^k when that
 * would be more than a dozen), or at the given values with their names.
 */
final class TickLogAxis extends LogAxis {
    private static final long serialVersionUID = 1L;

    /** The percentile ticks: 1/(1 − q) and the name of q. */
    static final Map<Double, String> PERCENTILES = percentiles();

    private static Map<Double, String> percentiles() {
        Map<Double, String> m = new java.util.LinkedHashMap<>();
        m.put(2.0, "p50");
        m.put(4.0, "p75");
        m.put(10.0, "p90");
        m.put(20.0, "p95");
        m.put(100.0, "p99");
        m.put(1000.0, "p99.9");
        m.put(10000.0, "p99.99");
        m.put(100000.0, "p99.999");
        return m;
    }

    private final Map<Double, String> named;

    TickLogAxis(String label, Map<Double, String> named) {
        super(label);
        this.named = named;
        setSmallestValue(1e-3);
        setNumberFormatOverride(new java.text.DecimalFormat("#,##0.###",
                java.text.DecimalFormatSymbols.getInstance(Locale.ROOT)));
    }

    /** Whether the ticks are named values (percentiles) rather than 1, 2 and 5 × 10^k. */
    boolean named() {
        return named != null;
    }

    /** The tick values in [lo, hi] and their labels, in increasing order. */
    Map<Double, String> ticks(double lo, double hi) {
        Map<Double, String> out = new java.util.LinkedHashMap<>();
        if (named != null) {
            named.forEach((v, name) -> {
                if (v >= lo && v <= hi) {
                    out.put(v, name);
                }
            });
            return out;
        }
        if (!(lo > 0) || !(hi >= lo) || Double.isInfinite(hi)) {
            return out;
        }
        int from = (int) Math.floor(Math.log10(lo));
        int to = (int) Math.ceil(Math.log10(hi));
        for (int[] steps : new int[][] {{1, 2, 5}, {1}}) {
            out.clear();
            for (int k = from; k <= to; k++) {
                for (int m : steps) {
                    double v = Double.parseDouble(m + "e" + k); // exact decimal, no 0.30000000000000004
                    if (v >= lo && v <= hi) {
                        out.put(v, getNumberFormatOverride().format(v));
                    }
                }
            }
            if (out.size() <= 12) {
                break;
            }
        }
        return out;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public List refreshTicks(java.awt.Graphics2D g2, org.jfree.chart.axis.AxisState state,
            java.awt.geom.Rectangle2D dataArea, org.jfree.chart.ui.RectangleEdge edge) {
        org.jfree.chart.ui.TextAnchor anchor;
        if (org.jfree.chart.ui.RectangleEdge.isTopOrBottom(edge)) {
            anchor = edge == org.jfree.chart.ui.RectangleEdge.BOTTOM ? org.jfree.chart.ui.TextAnchor.TOP_CENTER
                    : org.jfree.chart.ui.TextAnchor.BOTTOM_CENTER;
        } else {
            anchor = edge == org.jfree.chart.ui.RectangleEdge.LEFT ? org.jfree.chart.ui.TextAnchor.CENTER_RIGHT
                    : org.jfree.chart.ui.TextAnchor.CENTER_LEFT;
        }
        List<org.jfree.chart.axis.Tick> ticks = new ArrayList<>();
        ticks(getLowerBound(), getUpperBound()).forEach((v, text) -> ticks.add(new org.jfree.chart.axis.NumberTick(
                org.jfree.chart.axis.TickType.MAJOR, v, text, anchor, anchor, 0.0)));
        return ticks;
    }
}
