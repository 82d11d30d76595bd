package io.stagesim.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stagesim.run.ScenarioResult;
import io.stagesim.run.CapacitySearch;
import java.util.List;

/**
 * {@code stress.json} as records, field for field and in its order: a capacity search's points
 * (all page views together at each offered rate), the capacity with its interval (no upper end:
 * null) and the bottleneck at capacity (left out when no load met the objective). A point's figure
 * that is not a number (a latency where nothing completed) is written as "NaN".
 */
public record StressFile(String scenario, boolean partial, String objective, double capacityPerS,
        double capacityLowPerS, Double capacityHighPerS,
        @JsonInclude(JsonInclude.Include.NON_NULL) ScenarioResult.Bottleneck bottleneckAtCapacity,
        List<Point> points) {

    /** One offered rate: what completed, the latency means (p99 with its half-width), the verdict. */
    public record Point(double offeredPerS, double throughputPerS, double errorRate, double p50Ms, double p95Ms,
            double p99Ms, double p99MsCi95, boolean objectiveMet, boolean clearly, String bottleneck,
            double bottleneckUtilization) {

        static Point of(CapacitySearch.Point p) {
            ScenarioResult.ClassResult a = p.result().all();
            return new Point(p.rate(), a.throughputPerS().mean(), a.errorRate().mean(), a.latencyMs().p50().mean(),
                    a.latencyMs().p95().mean(), a.latencyMs().p99().mean(), a.latencyMs().p99().ci95(),
                    p.verdict().met(), p.verdict().met() ? p.verdict().clearlyMet() : p.verdict().clearlyMissed(),
                    p.result().bottleneck().resource(), p.result().bottleneck().utilization());
        }
    }

    /** The file of search {@code r}; {@code partial} when it was stopped before the end. */
    public static StressFile of(CapacitySearch.Result r, boolean partial) {
        return new StressFile(r.scenario(), partial, r.slo().describe(), r.capacity(), r.capacityLow(),
                Double.isInfinite(r.capacityHigh()) ? null : r.capacityHigh(),
                r.atCapacity() == null ? null : r.atCapacity().result().bottleneck(),
                r.points().stream().map(Point::of).toList());
    }
}
