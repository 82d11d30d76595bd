package io.stagesim.report;

import io.stagesim.run.Bill;
import io.stagesim.run.CapacitySearch;
import io.stagesim.run.Comparison;
import io.stagesim.run.ScenarioResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The cost charts of a comparison: each stage's bill at the reference load by group, and cost against load. */
final class CostCharts {

    private CostCharts() {
    }

    /** Both charts. */
    static List<Charts.Chart> of(Comparison.Result c) {
        return List.of(costByStage(c), costVsLoad(c));
    }

    /** A stacked bar per stage: its bill at the reference load, by group of lines. */
    static Charts.Chart costByStage(Comparison.Result c) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.Row r : c.rows()) {
            for (Map.Entry<String, Double> e : r.atReference().cost().byCategory().entrySet()) {
                ds.addValue(e.getValue(), e.getKey(), r.scenario());
                rows.add(List.of(r.scenario(), e.getKey(), Charts.num(e.getValue())));
            }
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(String.format(Locale.ROOT,
                "Cost per hour at %.1f page views/s", c.referenceRate()), "stage", "$ per hour", ds,
                PlotOrientation.HORIZONTAL, true, false, false);
        StackedBarRenderer renderer = (StackedBarRenderer) chart.getCategoryPlot().getRenderer();
        renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        renderer.setShadowVisible(false);
        for (int i = 0; i < Bill.CATEGORIES.size(); i++) {
            renderer.setSeriesPaint(i, Charts.colour(i));
        }
        Charts.style(chart);
        return new Charts.Chart("cost-by-stage", "Cost at the reference load",
                "Each stage's bill per hour at the reference load, stacked by group: machines (hosts, autoscaled ones"
                        + " while they ran), the managed load balancer (hour and LCU), data transfer out to browsers,"
                        + " object storage requests. Priced from each scenario's price book (docs/cost.md).",
                chart, new Charts.Table(List.of("stage", "group", "per_hour"), rows));
    }

    /** The bill per hour at each load the stress test tried, per stage. */
    static Charts.Chart costVsLoad(Comparison.Result c) {
        XYSeriesCollection ds = new XYSeriesCollection();
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.Row r : c.rows()) {
            XYSeries s = new XYSeries(r.scenario());
            for (CapacitySearch.Point p : r.stress().points()) {
                ScenarioResult res = p.result();
                double cost = res.costPerHour().mean();
                s.add(p.rate(), cost);
                rows.add(List.of(r.scenario(), Charts.num(p.rate()), Charts.num(cost),
                        Charts.num(res.cost().perMillionViews().mean()), String.valueOf(p.verdict().met())));
            }
            ds.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Cost against load", "offered load (page views/s)",
                "$ per hour", ds, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < c.rows().size(); i++) {
            Palette.apply(renderer, i, i, 2f);
        }
        plot.setRenderer(renderer);
        Charts.style(chart);
        return new Charts.Chart("cost-vs-load", "Cost against load",
                "Each stage's bill per hour at every load its stress test tried: the fixed lines are the floor, the "
                        + "usage lines (data transfer, balancer LCU, storage requests, autoscaled hosts) grow with "
                        + "the load.",
                chart, new Charts.Table(List.of("stage", "offered_per_s", "cost_per_hour", "per_million_views",
                        "meets_objective"), rows));
    }
}
