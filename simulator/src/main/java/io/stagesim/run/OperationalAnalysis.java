package io.stagesim.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The operational laws applied to a run (Denning and Buzen, 1978): for each resource, its demand
 * per page view D = (mean busy units) / X, where X is the page views completed per second; the
 * throughput it allows, capacity / D (the utilisation law U = X·D / capacity reaching 1); and the
 * lowest of those, the bound no amount of queueing can beat. A pool's "busy units" are units held,
 * so its demand is the holding time per page view, waits for nested work included ({@code holding}
 * marks such rows: they overlap the CPUs they wait on, so a queueing model must leave them out).
 */
public final class OperationalAnalysis {

    /** One resource's demand and the throughput bound it implies. */
    public record Row(String resource, String service, int capacity, double utilization, double demandMs,
            double boundPerS, boolean holding) {
    }

    /** Every resource, by increasing bound (the bottleneck first), and the page views per second measured. */
    public record Result(double throughputPerS, List<Row> rows) {

        /** The resource with the lowest bound. */
        public Row bottleneck() {
            return rows.isEmpty() ? null : rows.get(0);
        }
    }

    private OperationalAnalysis() {
    }

    /** Demands and bounds from the means over replications of {@code r}. */
    public static Result of(ScenarioResult r) {
        double x = r.all().throughputPerS().mean();
        List<Row> rows = new ArrayList<>();
        if (x > 0) {
            for (ScenarioResult.HostResult h : r.hosts()) {
                double u = h.cpuUtilization().mean();
                add(rows, "CPU of host " + h.name(), h.name(), h.cores(), u, u * h.cores() / x, false);
            }
            for (ScenarioResult.ResourceResult res : r.resources()) {
                if (res.capacity() > 0 && !Double.isNaN(res.utilization().mean())) {
                    double u = res.utilization().mean();
                    add(rows, res.resource(), res.service(), res.capacity(), u, u * res.capacity() / x,
                            "pool".equals(res.kind()));
                }
            }
        }
        rows.sort(Comparator.comparingDouble(Row::boundPerS));
        return new Result(x, List.copyOf(rows));
    }

    private static void add(List<Row> rows, String resource, String service, int capacity, double u, double demandS,
            boolean holding) {
        if (demandS <= 0) {
            return;
        }
        rows.add(new Row(resource, service, capacity, u, demandS * 1000, capacity / demandS, holding));
    }
}
