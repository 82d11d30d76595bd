package io.stagesim.report;

import io.stagesim.run.Comparison;
import io.stagesim.run.ScenarioResult;
import io.stagesim.run.CapacitySearch;
import io.stagesim.scenario.SloSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code compare.json} as records, field for field and in its order: each stage's capacity and its
 * interval (no upper end: null), its latency, errors and cost at the common reference load, the
 * bottleneck at capacity; the survival table, a row per fault (null where the table shows "-");
 * and the sentences. {@link Partial} is {@code compare-partial.json}, the stages whose search
 * finished before an interruption.
 */
public record CompareFile(String objective, double referenceRatePerS, boolean referenceAsked,
        String cheapestMeetingObjective, List<Stage> stages, List<Survival> survival, List<String> sentences) {

    /**
     * One stage; {@code bottleneckAtCapacity} as the table shows it; {@code cost} its bill at the
     * reference load line by line; {@code headroom} capacity over the reference load;
     * {@code differenceFromFirst} each figure at the reference load minus the first stage's, with its
     * interval, paired when the two share a seed (empty for the first stage).
     */
    public record Stage(String scenario, String description, double capacityPerS, double capacityLowPerS,
            Double capacityHighPerS, double p50MsAtReference, double p99MsAtReference, double errorRateAtReference,
            boolean meetsObjectiveAtReference, double headroom, double costPerHour, Double costPerMillionViews,
            ScenarioResult.Cost cost, String bottleneckAtCapacity,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
            java.util.Map<String, DifferenceFile> differenceFromFirst) {

        /** A stage read without differences (the first, or a file written before them) has none. */
        public Stage {
            differenceFromFirst = differenceFromFirst == null ? java.util.Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(differenceFromFirst));
        }
    }

    /** One fault of a stage, from its run at its own load; {@code recovered} is false when not by the end. */
    public record Survival(String scenario, String fault, double offeredPerS, double availability,
            double availabilityCi95, double goodput, Double p99Ms, double failed, String mainCause, double wastedCpuS,
            double dataLostWrites, Double detectS, Double recoverS, boolean recovered) {
    }

    /** The stages whose search finished before an interruption: capacities only. */
    public record Partial(boolean partial, String objective, List<PartialStage> stages) {
    }

    /** One finished stage: its capacity, interval, and the resource that limits it (null when none). */
    public record PartialStage(String scenario, double capacityPerS, double capacityLowPerS, Double capacityHighPerS,
            String bottleneckAtCapacity) {
    }

    /** The file of comparison {@code c}. */
    public static CompareFile of(Comparison.Result c) {
        List<Stage> stages = new ArrayList<>();
        List<Survival> survival = new ArrayList<>();
        ScenarioResult first = c.rows().get(0).atReference();
        for (Comparison.Row r : c.rows()) {
            ScenarioResult.ClassResult ref = r.atReference().all();
            stages.add(new Stage(r.scenario(), r.description(), r.stress().capacity(), r.stress().capacityLow(),
                    high(r.stress()), ref.latencyMs().p50().mean(), ref.latencyMs().p99().mean(),
                    ref.errorRate().mean(), r.meets(), r.headroom(),
                    r.costPerHour(), Double.isNaN(r.costPerMillion()) ? null : r.costPerMillion(),
                    r.atReference().cost(), CompareReporter.bottleneck(r), r == c.rows().get(0) ? java.util.Map.of()
                            : DifferenceFile.figures(first.all().perReplication(), first.seed(),
                                    ref.perReplication(), r.atReference().seed())));
            if (r.asWritten() == null) {
                continue;
            }
            for (ScenarioResult.FaultResult f : r.asWritten().faults()) {
                double recover = f.recoverS().mean();
                survival.add(new Survival(r.scenario(), f.fault(), r.asWritten().all().offeredPerS().mean(),
                        f.availability().mean(), f.availability().ci95(), f.goodput().mean(),
                        Double.isNaN(f.p99Ms().mean()) ? null : f.p99Ms().mean(), f.failed().mean(), f.mainCause(),
                        f.wastedCpuS().mean(), f.dataLost().mean(),
                        Double.isNaN(f.detectS().mean()) ? null : f.detectS().mean(),
                        Double.isFinite(recover) ? recover : null, !Double.isInfinite(recover)));
            }
        }
        return new CompareFile(c.slo().describe(), c.referenceRate(), c.asked(), c.cheapest(), stages, survival,
                CompareReporter.sentences(c));
    }

    /** The file of the searches {@code done} under {@code slo}, before an interruption. */
    public static Partial partial(SloSpec slo, List<CapacitySearch.Result> done) {
        return new Partial(true, slo.describe(), done.stream().map(r -> new PartialStage(r.scenario(), r.capacity(),
                r.capacityLow(), high(r), r.atCapacity() == null ? null : r.atCapacity().result().bottleneck()
                        .resource())).toList());
    }

    private static Double high(CapacitySearch.Result r) {
        return Double.isInfinite(r.capacityHigh()) ? null : r.capacityHigh();
    }
}
