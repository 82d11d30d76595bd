package io.stagesim.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stagesim.run.Estimate;
import io.stagesim.run.ScenarioResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code results.json} as records, field for field and in its order (the README documents each):
 * what {@code run} writes through {@link Json} and {@code compare --baseline} reads back. It holds
 * a {@link ScenarioResult}'s figures; request classes ({@code all} last), hosts, task queues,
 * counters and levels are keyed by name here where the result lists them.
 */
public record ResultsFile(String scenario, String description, long seed, int replications, double durationS,
        double warmupS, String warmupMode, double measuredS, long events, boolean partial,
        int replicationsStoppedEarly, List<String> stoppedEarly, Map<String, RequestClass> requests,
        List<ScenarioResult.ResourceResult> resources, Map<String, Host> hosts, Map<String, TaskQueue> taskQueues,
        List<Fault> faults, Map<String, Map<String, Estimate>> counters, Map<String, Map<String, Level>> levels,
        Estimate costPerHour, ScenarioResult.Cost cost, ScenarioResult.Bottleneck bottleneck,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> overrides,
        @JsonInclude(JsonInclude.Include.NON_NULL) Precision precision, List<ScenarioResult.EdgeResult> edges,
        @JsonInclude(JsonInclude.Include.NON_NULL) ScenarioResult.TimeSeries series) {

    /** A file without {@code overrides} (none given) reads back as none; one without {@code edges}, as none. */
    public ResultsFile {
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
        edges = edges == null ? List.of() : List.copyOf(edges);
    }

    /**
     * What {@code run --precision} asked and reached: the latency figure judged, the relative
     * half-width asked and reached, the replications run and the most allowed.
     */
    public record Precision(String metric, double target, double reached, int replications, int maxReplications,
            boolean met) {

        static Precision of(io.stagesim.run.Precision.Outcome o) {
            return new Precision(o.metric(), o.target(), o.reached(), o.replications(), o.maxReplications(), o.met());
        }
    }

    /** The same file, with what {@code run --precision} reached. */
    public ResultsFile withPrecision(io.stagesim.run.Precision.Outcome o) {
        return new ResultsFile(scenario, description, seed, replications, durationS, warmupS, warmupMode, measuredS,
                events, partial, replicationsStoppedEarly, stoppedEarly, requests, resources, hosts, taskQueues, faults,
                counters, levels, costPerHour, cost, bottleneck, overrides, Precision.of(o), edges, series);
    }

    /** The request class that stands for every class together. */
    public static final String ALL = "all";

    /** One request class's page views. */
    public record RequestClass(Estimate offered, Estimate completed, Estimate unfinished, Estimate openAtStart,
            double oldestUnfinishedS, Map<String, Estimate> errors, Estimate offeredPerS, Estimate throughputPerS,
            Estimate errorRate, Estimate notServedRate, ScenarioResult.Latency latencyMs, Estimate wastedCpuS,
            @JsonInclude(JsonInclude.Include.NON_NULL) io.stagesim.run.Replicates perReplication) {

        static RequestClass of(ScenarioResult.ClassResult c) {
            return new RequestClass(c.offered(), c.completed(), c.unfinished(), c.openAtStart(), c.oldestUnfinishedS(),
                    c.errors(), c.offeredPerS(), c.throughputPerS(), c.errorRate(), c.notServedRate(), c.latencyMs(),
                    c.wastedCpuS(), c.perReplication());
        }

        ScenarioResult.ClassResult result(String name) {
            return new ScenarioResult.ClassResult(name, offered, completed, errors, offeredPerS, throughputPerS,
                    errorRate, latencyMs, wastedCpuS, unfinished, openAtStart, oldestUnfinishedS, notServedRate,
                    perReplication);
        }
    }

    /** One host's CPU, and its CPU credits when it is burstable (left out otherwise). */
    public record Host(int cores, Estimate cpuUtilization,
            @JsonInclude(JsonInclude.Include.NON_NULL) ScenarioResult.Credits credits) {
    }

    /** One task queue. */
    public record TaskQueue(Estimate enqueued, Estimate completed, Estimate failed, ScenarioResult.Latency latencyMs) {
    }

    /** A level's time-average and maximum. */
    public record Level(Estimate mean, Estimate max) {
    }

    /** One fault and the page views that met it; {@code errors} names only the causes some failed of. */
    public record Fault(String fault, Estimate offered, Estimate availability, Estimate goodput, Estimate p99Ms,
            Estimate dataLostWrites, Estimate detectS, Estimate recoverS, Estimate failed, Estimate unfinished,
            Estimate wastedCpuS, Estimate happened, Estimate lastedS, Map<String, Estimate> errors) {

        static Fault of(ScenarioResult.FaultResult f) {
            return new Fault(f.fault(), f.offered(), f.availability(), f.goodput(), f.p99Ms(), f.dataLost(),
                    f.detectS(), f.recoverS(), f.failed(), f.unfinished(), f.wastedCpuS(), f.happened(), f.lastedS(),
                    f.errors());
        }

        ScenarioResult.FaultResult result() {
            return new ScenarioResult.FaultResult(fault, offered, availability, goodput, p99Ms, dataLostWrites, detectS,
                    recoverS, failed, wastedCpuS, happened, errors, lastedS, unfinished);
        }
    }

    /** The file of {@code r}'s figures. */
    public static ResultsFile of(ScenarioResult r) {
        Map<String, RequestClass> requests = new LinkedHashMap<>();
        r.requests().forEach(c -> requests.put(c.name(), RequestClass.of(c)));
        requests.put(ALL, RequestClass.of(r.all()));
        Map<String, Host> hosts = new LinkedHashMap<>();
        r.hosts().forEach(h -> hosts.put(h.name(), new Host(h.cores(), h.cpuUtilization(), h.credits())));
        Map<String, TaskQueue> tasks = new LinkedHashMap<>();
        r.tasks().forEach(t -> tasks.put(t.service(), new TaskQueue(t.enqueued(), t.completed(), t.failed(),
                t.latencyMs())));
        Map<String, Map<String, Estimate>> counters = new LinkedHashMap<>();
        r.counters().forEach(c -> counters.computeIfAbsent(c.service(), k -> new LinkedHashMap<>()).put(c.what(),
                c.count()));
        Map<String, Map<String, Level>> levels = new LinkedHashMap<>();
        r.levels().forEach(l -> levels.computeIfAbsent(l.service(), k -> new LinkedHashMap<>()).put(l.what(),
                new Level(l.mean(), l.max())));
        return new ResultsFile(r.scenario(), r.description(), r.seed(), r.replications(), r.durationS(), r.warmupS(),
                r.warmupMode(), r.measuredS(), r.events(), r.isPartial(), r.stoppedEarly(), r.partial(), requests,
                r.resources(), hosts, tasks, r.faults().stream().map(Fault::of).toList(), counters, levels,
                r.costPerHour(), r.cost(), r.bottleneck(), r.overrides(), null, r.edges(), r.series());
    }

    /** The figures as a result, without the detail a run keeps beside them (see {@link ScenarioResult#figures()}). */
    public ScenarioResult result() {
        List<ScenarioResult.ClassResult> classes = new ArrayList<>();
        requests.forEach((name, c) -> {
            if (!name.equals(ALL)) {
                classes.add(c.result(name));
            }
        });
        List<ScenarioResult.HostResult> hostList = new ArrayList<>();
        hosts.forEach((name, h) -> hostList.add(new ScenarioResult.HostResult(name, h.cores(), h.cpuUtilization(), h.credits())));
        List<ScenarioResult.TaskResult> tasks = new ArrayList<>();
        taskQueues.forEach((name, t) -> tasks.add(new ScenarioResult.TaskResult(name, t.enqueued(), t.completed(),
                t.failed(), t.latencyMs())));
        List<ScenarioResult.CounterResult> counterList = new ArrayList<>();
        counters.forEach((service, what) -> what.forEach((w, count) ->
                counterList.add(new ScenarioResult.CounterResult(service, w, count))));
        List<ScenarioResult.LevelResult> levelList = new ArrayList<>();
        levels.forEach((service, what) -> what.forEach((w, l) ->
                levelList.add(new ScenarioResult.LevelResult(service, w, l.mean(), l.max()))));
        return new ScenarioResult(scenario, description, seed, replications, durationS, warmupS, warmupMode, measuredS,
                List.copyOf(classes), requests.get(ALL).result(ALL), resources, List.copyOf(hostList),
                List.copyOf(tasks),
                List.copyOf(counterList), bottleneck, events, stoppedEarly,
                faults.stream().map(Fault::result).toList(), List.copyOf(levelList), costPerHour,
                replicationsStoppedEarly, null, cost, overrides, edges, series);
    }
}
