package io.stagesim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

/**
 * How the charts tell series apart: the eight colours of Okabe and Ito ("Color Universal Design",
 * 2008), which readers with any common colour-vision deficiency still tell apart, each with its own
 * marker, and past eight series a dash pattern, so that the ninth series is not the first again.
 * Series {@code i} has colour {@code i mod 8}, marker {@code i mod 6} and dash {@code (i / 8) mod 3}:
 * the first 24 differ in at least one of colour and dash, and no two of the first 24 share all three.
 */
final class Palette {

    /** Okabe–Ito, in the order the charts use them (their yellow, weakest on white, last). */
    static final Color[] COLOURS = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
        new Color(0xD55E00), new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442)};

    /** Solid, then dashed, then dotted: for series 0–7, 8–15, 16–23. */
    static final float[][] DASHES = {null, {9f, 4f}, {2f, 3f}};

    /** Circle, square, triangle up, diamond, triangle down, cross. */
    static final int SHAPES = 6;

    private Palette() {
    }

    static Color colour(int i) {
        return COLOURS[Math.floorMod(i, COLOURS.length)];
    }

    static float[] dash(int i) {
        return DASHES[Math.floorMod(i / COLOURS.length, DASHES.length)];
    }

    static int shapeIndex(int i) {
        return Math.floorMod(i, SHAPES);
    }

    /** A line of {@code width} in series {@code i}'s dash pattern. */
    static BasicStroke stroke(int i, float width) {
        float[] d = dash(i);
        return d == null ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, d, 0f);
    }

    /** Series {@code i}'s marker, about 8 pixels across. */
    static Shape shape(int i) {
        double r = 4;
        return switch (shapeIndex(i)) {
            case 0 -> new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
            case 1 -> new Rectangle2D.Double(-r + 0.5, -r + 0.5, 2 * r - 1, 2 * r - 1);
            case 2 -> polygon(0, -r - 1, r + 0.5, r - 0.5, -r - 0.5, r - 0.5);
            case 3 -> polygon(0, -r - 1, r + 1, 0, 0, r + 1, -r - 1, 0);
            case 4 -> polygon(0, r + 1, r + 0.5, -r + 0.5, -r - 0.5, -r + 0.5);
            default -> polygon(-r, -r + 1.5, -r + 1.5, -r, 0, -1.5, r - 1.5, -r, r, -r + 1.5, 1.5, 0, r, r - 1.5,
                    r - 1.5, r, 0, 1.5, -r + 1.5, r, -r, r - 1.5, -1.5, 0);
        };
    }

    private static Shape polygon(double... xy) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int k = 2; k < xy.length; k += 2) {
            p.lineTo(xy[k], xy[k + 1]);
        }
        p.closePath();
        return p;
    }

    /** Draws series {@code series} of {@code r} in the style of series {@code i} of the palette. */
    static void apply(XYLineAndShapeRenderer r, int series, int i, float width) {
        r.setSeriesPaint(series, colour(i));
        r.setSeriesStroke(series, stroke(i, width));
        r.setSeriesShape(series, shape(i));
        r.setSeriesFillPaint(series, colour(i));
    }
}
