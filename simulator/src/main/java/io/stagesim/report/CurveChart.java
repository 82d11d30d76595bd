package io.stagesim.report;

import java.awt.BasicStroke;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Measured and predicted curves against a logarithmic x axis (load levels 1, 2, 4 … 64), drawn
 * in the charts' style as a PNG: a measured curve solid, the predictions of the same colour
 * dashed (the validation page's chart, docs/validation.md).
 */
public final class CurveChart {

    /** One curve: its name, the points, whether it was measured, and its colour's index. */
    public record Curve(String name, double[] x, double[] y, boolean measured, int colour) {
    }

    private CurveChart() {
    }

    /** The chart as PNG bytes. */
    public static byte[] png(String title, String xLabel, String yLabel, List<Curve> curves) {
        XYSeriesCollection ds = new XYSeriesCollection();
        for (Curve c : curves) {
            XYSeries s = new XYSeries(c.name());
            for (int i = 0; i < c.x().length; i++) {
                s.add(c.x()[i], c.y()[i]);
            }
            ds.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, ds, PlotOrientation.VERTICAL, true,
                false, false);
        chart.getXYPlot().setDomainAxis(Charts.logAxis(xLabel));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < curves.size(); i++) {
            r.setSeriesPaint(i, Charts.colour(curves.get(i).colour()));
            r.setSeriesStroke(i, curves.get(i).measured() ? new BasicStroke(2.5f)
                    : new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f},
                    0f));
        }
        chart.getXYPlot().setRenderer(r);
        Charts.style(chart);
        return HtmlReport.png(new Charts.Chart("curves", title, "", chart, new Charts.Table(List.of(), List.of())));
    }
}
