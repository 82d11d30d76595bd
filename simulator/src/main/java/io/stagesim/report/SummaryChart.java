package io.stagesim.report;

import io.stagesim.run.Comparison;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.MinMaxCategoryRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The chart a comparison opens with: per stage, its capacity as a bar with the capacity's 95 %
 * interval drawn across it, and beside it the cost per million page views at the reference load.
 * Stages run down the side, so their names are never cut.
 */
final class SummaryChart {

    private SummaryChart() {
    }

    /** The summary chart of {@code c}; a stage with no upper end to its interval gets its lower end only. */
    static Charts.Chart of(Comparison.Result c) {
        DefaultCategoryDataset capacity = new DefaultCategoryDataset();
        DefaultCategoryDataset interval = new DefaultCategoryDataset();
        DefaultCategoryDataset cost = new DefaultCategoryDataset();
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.Row r : c.rows()) {
            double low = r.stress().capacityLow();
            double high = r.stress().capacityHigh();
            capacity.addValue(r.stress().capacity(), "capacity", r.scenario());
            interval.addValue(low, "interval low", r.scenario());
            interval.addValue(Double.isInfinite(high) ? low : high, "interval high", r.scenario());
            cost.addValue(Double.isNaN(r.costPerMillion()) ? null : r.costPerMillion(), "cost per million page views",
                    r.scenario());
            rows.add(List.of(r.scenario(), Charts.num(r.stress().capacity()), Charts.num(low), Charts.num(high),
                    Charts.num(r.costPerMillion())));
        }
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, Charts.colour(0));
        CategoryPlot top = new CategoryPlot(capacity, null, new NumberAxis("capacity (page views/s), 95 % interval"),
                bars);
        MinMaxCategoryRenderer whiskers = new MinMaxCategoryRenderer();
        whiskers.setDrawLines(false);
        whiskers.setGroupPaint(Color.BLACK);
        whiskers.setGroupStroke(new BasicStroke(2f));
        top.setDataset(1, interval);
        top.setRenderer(1, whiskers);
        BarRenderer costBars = new BarRenderer();
        costBars.setBarPainter(new StandardBarPainter());
        costBars.setShadowVisible(false);
        costBars.setSeriesPaint(0, Charts.colour(1));
        CategoryPlot bottom = new CategoryPlot(cost, null, new NumberAxis(String.format(java.util.Locale.ROOT,
                "$ per million page views at %.1f/s", c.referenceRate())), costBars);
        CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(new CategoryAxis("stage"));
        plot.add(top, 2);
        plot.add(bottom, 1);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        JFreeChart chart = new JFreeChart("Capacity and cost per stage", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        Charts.style(chart);
        top.setBackgroundPaint(Color.WHITE);
        bottom.setBackgroundPaint(Color.WHITE);
        top.setRangeGridlinePaint(new Color(0xdddddd));
        bottom.setRangeGridlinePaint(new Color(0xdddddd));
        return new Charts.Chart("summary", "Capacity and cost per stage",
                "Each stage's capacity (the bar) with its 95 % interval (the black marks at its ends; a stage whose "
                        + "search found no upper end shows its lower end only), and what a million page views cost "
                        + "on it at the reference load.",
                chart, new Charts.Table(List.of("stage", "capacity_per_s", "capacity_low_per_s", "capacity_high_per_s",
                        "cost_per_million_views"), rows));
    }
}
