package io.stagesim.run;

import io.stagesim.scenario.Scenario;
import io.stagesim.stats.LatencySummary;
import io.stagesim.stats.LogHistogram;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A scenario's results over all replications: every figure as an {@link Estimate} (mean and 95 %
 * confidence half-width), per request class, resource, host and task queue, and the bottleneck.
 * Rates are per second and times in milliseconds. {@code stoppedEarly} replications ended before
 * their duration (unstable, or a limit): such a result cannot meet an objective. Counters and
 * levels come grouped by service, in the order the services first appear. Everything but
 * {@code detail} is what results.json holds; {@code detail} is what a run keeps beside it.
 */
public record ScenarioResult(String scenario, String description, long seed, int replications, double durationS,
        double warmupS, String warmupMode, double measuredS, List<ClassResult> requests, ClassResult all, List<ResourceResult> resources,
        List<HostResult> hosts, List<TaskResult> tasks, List<CounterResult> counters, Bottleneck bottleneck,
        long events, List<String> partial, List<FaultResult> faults, List<LevelResult> levels, Estimate costPerHour,
        int stoppedEarly, Detail detail, Cost cost, List<String> overrides, List<EdgeResult> edges,
        TimeSeries series) {

    /** Calls per second from service {@code from} to service {@code to} (see {@link ReplicationResult.EdgeRow}). */
    public record EdgeResult(String from, String to, Estimate callsPerS) {
    }

    /** How many resources {@link TimeSeries} follows: the busiest, by their utilisation over the run. */
    public static final int TOP_RESOURCES = 5;

    /**
     * Replication 0 window by window, as results.json keeps it (the windows of
     * {@link ReplicationResult.Series} that began before the end of the run, warm-up included, each
     * {@code windowS} long but the last, which ends with the run): the p50 and p99 of each request class ({@code all} last) in ms, and
     * the utilisation of the {@link #TOP_RESOURCES} busiest resources (hosts' CPUs among them, by
     * their utilisation over the run, busiest first, idle ones left out; rounded to 10⁻⁶); null where a window has no
     * value (no page view of the class completed in it).
     */
    public record TimeSeries(double windowS, List<Double> windowStartS, Map<String, ClassLatency> latencyMs,
            List<Utilization> utilization) {
    }

    /** A request class's p50 and p99 per window (ms), null where none completed. */
    public record ClassLatency(List<Double> p50, List<Double> p99) {
    }

    /**
     * A resource's utilisation per window, named as in {@code resources} (a host's CPU: the host as
     * {@code service}, "CPU of host NAME" as {@code resource}, its cores as {@code capacity}).
     */
    public record Utilization(String service, String resource, int capacity, List<Double> values) {
    }

    /**
     * What the run cost, with the price book it was priced from ({@code prices}, null without one:
     * only the hosts, at their own prices): per million page views at this load (the total per hour
     * over the page views completed in an hour, NaN with none) and the bill line by line.
     */
    public record Cost(String prices, Estimate perMillionViews, List<CostLine> lines) {

        /** The per-hour total of each group of lines ({@link Bill#CATEGORIES}), in that order. */
        public Map<String, Double> byCategory() {
            Map<String, Double> out = new LinkedHashMap<>();
            for (String c : Bill.CATEGORIES) {
                out.put(c, lines.stream().filter(l -> c.equals(l.category())).mapToDouble(l -> l.perHour().mean())
                        .sum());
            }
            return out;
        }
    }

    /**
     * A line of the bill (see {@link Bill.Line}): how much per hour in {@code unit}, its price per
     * hour, and the figures behind the quantity (a managed balancer's LCU per dimension).
     */
    public record CostLine(String item, String category, boolean usage, String unit, Estimate quantity, Estimate perHour,
            Map<String, Estimate> detail) {
    }

    /**
     * What a run keeps in memory beside its figures, and results.json leaves out (so null in results
     * read from a file): every page view's latency in every replication in one histogram (ns),
     * replication 0's series window by window (for charts), and the p50, p95 and p99 of all page
     * views counting the backlog's growth as slower than every completed view (ms; see
     * {@link ReplicationResult.ClassRow#withUnfinished}), which objectives are judged on.
     */
    public record Detail(LogHistogram allLatency, ReplicationResult.Series series, List<Estimate> withUnfinishedMs) {
    }

    /** A level over time at a service (instances of an autoscaling group): time-average and maximum. */
    public record LevelResult(String service, String what, Estimate mean, Estimate max) {
    }

    /**
     * A fault and the page views that met it (see {@link ReplicationResult.FaultRow}): availability
     * (completed / (completed + failed + unfinished)) and p99 of the completed ones (ms).
     */
    public record FaultResult(String fault, Estimate offered, Estimate availability, Estimate goodput, Estimate p99Ms,
            Estimate dataLost, Estimate detectS, Estimate recoverS, Estimate failed, Estimate wastedCpuS,
            Estimate happened, Map<String, Estimate> errors, Estimate lastedS, Estimate unfinished) {

        /** The cause of most failed page views during the fault, or null when none failed. */
        public String mainCause() {
            String best = null;
            double most = 0;
            for (Map.Entry<String, Estimate> e : errors.entrySet()) {
                if (e.getValue().mean() > most) {
                    most = e.getValue().mean();
                    best = e.getKey();
                }
            }
            return best;
        }
    }

    /** Something counted at a service over the measured period, such as worker kills. */
    public record CounterResult(String service, String what, Estimate count) {
    }

    /** Latency percentiles in milliseconds. */
    public record Latency(Estimate mean, Estimate p50, Estimate p75, Estimate p90, Estimate p95, Estimate p99,
            Estimate p999, Estimate max) {

        static Latency of(List<LatencySummary> s) {
            return new Latency(ms(s, LatencySummary::mean), ms(s, LatencySummary::p50), ms(s, LatencySummary::p75),
                    ms(s, LatencySummary::p90), ms(s, LatencySummary::p95), ms(s, LatencySummary::p99),
                    ms(s, LatencySummary::p999), ms(s, LatencySummary::max));
        }

        private static Estimate ms(List<LatencySummary> s, ToDoubleFunction<LatencySummary> f) {
            return Estimate.of(s, x -> x.count() == 0 ? Double.NaN : f.applyAsDouble(x) / 1e6);
        }
    }

    /**
     * One request class (page views). The error rate is the share of offered page views that
     * failed; the not-served rate adds those left unfinished beyond the backlog there was when
     * measuring began (see {@link ReplicationResult.ClassRow#notServed()}): objectives are judged
     * on it. Latency is of completed page views only; {@code unfinished} had no outcome yet at the
     * end, the oldest after {@code oldestUnfinishedS} (the most over replications).
     * {@code perReplication} holds the figures a comparison pairs, replication by replication (null
     * in results read from a file written before they were recorded).
     */
    public record ClassResult(String name, Estimate offered, Estimate completed, Map<String, Estimate> errors,
            Estimate offeredPerS, Estimate throughputPerS, Estimate errorRate, Latency latencyMs,
            Estimate wastedCpuS, Estimate unfinished, Estimate openAtStart, double oldestUnfinishedS,
            Estimate notServedRate, Replicates perReplication) {

        /** Page views unfinished at the end beyond those open at the start (mean over replications, ≥ 0). */
        public double backlogGrowth() {
            return Math.max(0, unfinished.mean() - openAtStart.mean());
        }

        /**
         * Whether the backlog grew by enough to mention: at least one page view and 0.1 % of those
         * offered (a stable run's backlog wanders by a few views either way). For what is said,
         * not for verdicts, which always count the growth.
         */
        public boolean backlogGrew() {
            return backlogGrowth() >= Math.max(1, 0.001 * offered.mean());
        }
    }

    /** One resource of a service. */
    public record ResourceResult(String service, String resource, String kind, int capacity, Estimate utilization,
            Estimate meanInUse, Estimate meanQueueLength, Estimate meanWaitMs, Estimate p99WaitMs, Estimate requests,
            Estimate rejected, Estimate timedOut) {
    }

    /** One host; {@code credits} only for a burstable host, else null. */
    public record HostResult(String name, int cores, Estimate cpuUtilization, Credits credits) {
    }

    /**
     * A burstable host's CPU credits over the whole run (see {@link ReplicationResult.CreditRow}):
     * the share of replications in which the balance reached zero and when (s), time throttled (s),
     * surplus owed at the end (vCPU-hours) and its price, the balance at the end (credits).
     */
    public record Credits(Estimate ranOut, Estimate ranOutAtS, Estimate throttledS, Estimate surplusVcpuHours,
            Estimate surplusCost, Estimate endCredits) {

        static Credits of(List<ReplicationResult.CreditRow> rows) {
            return new Credits(Estimate.of(rows, r -> Double.isNaN(r.ranOutAtS()) ? 0 : 1),
                    Estimate.of(rows, ReplicationResult.CreditRow::ranOutAtS),
                    Estimate.of(rows, ReplicationResult.CreditRow::throttledS),
                    Estimate.of(rows, ReplicationResult.CreditRow::surplusVcpuHours),
                    Estimate.of(rows, ReplicationResult.CreditRow::surplusCost),
                    Estimate.of(rows, ReplicationResult.CreditRow::endCredits));
        }
    }

    /** One task queue. */
    public record TaskResult(String service, Estimate enqueued, Estimate completed, Estimate failed,
            Latency latencyMs) {
    }

    /** The most utilised resource, and the sentence that explains it. */
    public record Bottleneck(String service, String resource, double utilization, String explanation) {
    }

    /** Summarises replications of {@code s}, whose latency histograms it merges. */
    public static ScenarioResult of(Scenario s, List<ReplicationResult> reps) {
        return of(s, reps, merged(reps));
    }

    /**
     * Summarises replications of {@code s} whose page-view latency histograms, every class
     * together, are already merged in {@code allLatency} (the replications may be slim).
     */
    public static ScenarioResult of(Scenario s, List<ReplicationResult> reps, LogHistogram allLatency) {
        double measured = reps.stream().mapToDouble(ReplicationResult::measuredSeconds).average().orElse(0);
        List<ClassResult> classes = new ArrayList<>();
        for (int i = 0; i < reps.get(0).classes().size(); i++) {
            int c = i;
            classes.add(classResult(reps.stream().map(r -> r.classes().get(c)).toList(), measured));
        }
        ClassResult all = classResult(reps.stream().map(ReplicationResult::all).toList(), measured);
        List<ResourceResult> resources = new ArrayList<>();
        for (int i = 0; i < reps.get(0).resources().size(); i++) {
            int c = i;
            List<ReplicationResult.ResourceRow> rows = reps.stream().map(r -> r.resources().get(c)).toList();
            ReplicationResult.ResourceRow f = rows.get(0);
            resources.add(new ResourceResult(f.service(), f.resource(), f.kind(), f.capacity(),
                    Estimate.of(rows, ReplicationResult.ResourceRow::utilization),
                    Estimate.of(rows, ReplicationResult.ResourceRow::meanInUse),
                    Estimate.of(rows, ReplicationResult.ResourceRow::meanWaiting),
                    Estimate.of(rows, r -> r.waitTime().count() == 0 ? 0 : r.waitTime().mean() / 1e6),
                    Estimate.of(rows, r -> r.waitTime().count() == 0 ? 0 : r.waitTime().p99() / 1e6),
                    Estimate.of(rows, ReplicationResult.ResourceRow::requests),
                    Estimate.of(rows, ReplicationResult.ResourceRow::rejected),
                    Estimate.of(rows, ReplicationResult.ResourceRow::timedOut)));
        }
        List<HostResult> hosts = new ArrayList<>();
        for (int i = 0; i < reps.get(0).hosts().size(); i++) {
            int c = i;
            List<ReplicationResult.HostRow> rows = reps.stream().map(r -> r.hosts().get(c)).toList();
            hosts.add(new HostResult(rows.get(0).name(), rows.get(0).cores(),
                    Estimate.of(rows, ReplicationResult.HostRow::cpuUtilization),
                    rows.get(0).credits() == null ? null
                            : Credits.of(rows.stream().map(ReplicationResult.HostRow::credits).toList())));
        }
        List<TaskResult> tasks = new ArrayList<>();
        for (int i = 0; i < reps.get(0).tasks().size(); i++) {
            int c = i;
            List<ReplicationResult.TaskRow> rows = reps.stream().map(r -> r.tasks().get(c)).toList();
            tasks.add(new TaskResult(rows.get(0).service(), Estimate.of(rows, r -> r.enqueued()),
                    Estimate.of(rows, r -> r.completed()), Estimate.of(rows, r -> r.failed()),
                    Latency.of(rows.stream().map(ReplicationResult.TaskRow::latency).toList())));
        }
        List<CounterResult> counters = new ArrayList<>();
        for (int i = 0; i < reps.get(0).counters().size(); i++) {
            int c = i;
            List<ReplicationResult.CounterRow> rows = reps.stream().map(r -> r.counters().get(c)).toList();
            counters.add(new CounterResult(rows.get(0).service(), rows.get(0).what(),
                    Estimate.of(rows, ReplicationResult.CounterRow::count)));
        }
        List<LevelResult> levels = new ArrayList<>();
        for (int i = 0; i < reps.get(0).levels().size(); i++) {
            int c = i;
            List<ReplicationResult.LevelRow> rows = reps.stream().map(r -> r.levels().get(c)).toList();
            levels.add(new LevelResult(rows.get(0).service(), rows.get(0).what(),
                    Estimate.of(rows, ReplicationResult.LevelRow::mean), Estimate.of(rows, ReplicationResult.LevelRow::max)));
        }
        long events = reps.stream().mapToLong(ReplicationResult::events).sum();
        double warmup = reps.stream().mapToDouble(ReplicationResult::warmupSeconds).average().orElse(0);
        Detail detail = new Detail(allLatency, reps.get(0).series(),
                withUnfinished(reps.stream().map(ReplicationResult::all).toList()));
        return new ScenarioResult(s.name(), s.description(), s.run().seed(), reps.size(), s.run().duration() / 1e9,
                warmup, s.run().warmup() < 0 ? "mser-5" : "fixed", measured, classes, all, resources, hosts, tasks,
                byService(counters, CounterResult::service), Bottlenecks.find(hosts, resources, classes), events,
                partial(reps), faults(reps), byService(levels, LevelResult::service),
                Estimate.of(reps, ReplicationResult::costPerHour),
                (int) reps.stream().filter(r -> r.stoppedBecause() != null).count(), detail, cost(s, reps),
                s.overrides(), edges(reps, measured), timeSeries(reps.get(0).series(), s.run().duration() / 1e9, hosts,
                        resources));
    }

    /** Calls per second on each edge, over replications (every replication has the same edges, in order). */
    private static List<EdgeResult> edges(List<ReplicationResult> reps, double measured) {
        List<EdgeResult> out = new ArrayList<>();
        for (int i = 0; i < reps.get(0).edges().size(); i++) {
            int c = i;
            ReplicationResult.EdgeRow first = reps.get(0).edges().get(c);
            out.add(new EdgeResult(first.from(), first.to(), Estimate.of(reps, r -> r.edges().get(c).calls()
                    / r.measuredSeconds())));
        }
        return List.copyOf(out);
    }

    /**
     * What results.json keeps of {@code s} (replication 0's series; null without one): each class's
     * p50 and p99 and the utilisation of the busiest resources, by their utilisation over every
     * replication.
     */
    static TimeSeries timeSeries(ReplicationResult.Series s, double durationS, List<HostResult> hosts,
            List<ResourceResult> resources) {
        if (s == null) {
            return null;
        }
        int n = 0; // the windows that began before the end: not the empty one a run ending on a boundary opens
        while (n < s.start().length && (n == 0 || s.start()[n] < durationS - 1e-9)) {
            n++;
        }
        Map<String, Double> overRun = new LinkedHashMap<>();
        for (HostResult h : hosts) {
            overRun.put(h.name() + "\n" + ReplicationResult.UtilizationSeries.hostCpu(h.name()),
                    h.cpuUtilization().mean());
        }
        for (ResourceResult x : resources) {
            overRun.putIfAbsent(x.service() + "\n" + x.resource(), x.utilization().mean());
        }
        List<ReplicationResult.UtilizationSeries> ranked = new ArrayList<>();
        for (ReplicationResult.UtilizationSeries u : s.utilization()) {
            Double mean = overRun.get(u.service() + "\n" + u.resource());
            if (mean != null && mean > 0) { // NaN and idle resources left out
                ranked.add(u);
            }
        }
        ranked.sort(java.util.Comparator.comparingDouble(
                (ReplicationResult.UtilizationSeries u) -> -overRun.get(u.service() + "\n" + u.resource())));
        List<Utilization> top = new ArrayList<>();
        for (ReplicationResult.UtilizationSeries u : ranked.subList(0, Math.min(TOP_RESOURCES, ranked.size()))) {
            top.add(new Utilization(u.service(), u.resource(), u.capacity(), values(u.values(), n, 1e6)));
        }
        Map<String, ClassLatency> latency = new LinkedHashMap<>();
        for (ReplicationResult.ClassSeries c : s.classes()) {
            latency.put(c.name(), new ClassLatency(values(c.p50(), n, 0), values(c.p99(), n, 0)));
        }
        latency.put(ScenarioRun.ALL, new ClassLatency(values(s.p50(), n, 0), values(s.p99(), n, 0)));
        return new TimeSeries(s.windowSeconds(), values(s.start(), n, 0), latency, List.copyOf(top));
    }

    /** The first {@code n} of {@code v} as a list, rounded to 1 / {@code scale} (0: as they are), null for what is not finite. */
    private static List<Double> values(double[] v, int n, double scale) {
        List<Double> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double x = v[i];
            out.add(!Double.isFinite(x) ? null : scale > 0 ? Math.round(x * scale) / scale : x);
        }
        return java.util.Collections.unmodifiableList(out);
    }

    /**
     * {@code rows} with each service's together, services in the order they first appear: a model
     * adds a service's counters where it builds each feature (a deploy's after the workers'), and
     * results.json nests them by service.
     */
    private static <T> List<T> byService(List<T> rows, java.util.function.Function<T, String> service) {
        Map<String, List<T>> grouped = new LinkedHashMap<>();
        for (T r : rows) {
            grouped.computeIfAbsent(service.apply(r), k -> new ArrayList<>()).add(r);
        }
        return grouped.values().stream().flatMap(List::stream).toList();
    }

    /** Why each replication that ended early did ("replication 2: ..."), empty when none did. */
    private static List<String> partial(List<ReplicationResult> reps) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < reps.size(); i++) {
            if (reps.get(i).stoppedBecause() != null) {
                out.add("replication " + i + ": " + reps.get(i).stoppedBecause());
            }
        }
        return List.copyOf(out);
    }

    private static List<FaultResult> faults(List<ReplicationResult> reps) {
        List<FaultResult> out = new ArrayList<>();
        for (int i = 0; i < reps.get(0).faults().size(); i++) {
            int k = i;
            List<ReplicationResult.FaultRow> rows = reps.stream().map(r -> r.faults().get(k)).toList();
            out.add(new FaultResult(rows.get(0).fault(), Estimate.of(rows, ReplicationResult.FaultRow::offered),
                    Estimate.of(rows, r -> met(r) == 0 ? 1 : r.completed() / (double) met(r)),
                    Estimate.of(rows, r -> met(r) == 0 ? 1 : r.good() / met(r)),
                    Estimate.of(rows, ReplicationResult.FaultRow::p99),
                    Estimate.of(rows, ReplicationResult.FaultRow::dataLost),
                    Estimate.of(rows, ReplicationResult.FaultRow::detectS),
                    Estimate.of(rows, ReplicationResult.FaultRow::recoverS),
                    Estimate.of(rows, ReplicationResult.FaultRow::failed),
                    Estimate.of(rows, ReplicationResult.FaultRow::wastedCpuS),
                    Estimate.of(rows, r -> r.happened() ? 1 : 0), faultErrors(rows),
                    Estimate.of(rows, ReplicationResult.FaultRow::lastedS),
                    Estimate.of(rows, ReplicationResult.FaultRow::unfinished)));
        }
        return List.copyOf(out);
    }

    /** Page views that met a fault: completed, failed, or still without an outcome when the run ended. */
    private static long met(ReplicationResult.FaultRow r) {
        return r.completed() + r.failed() + r.unfinished();
    }

    private static Map<String, Estimate> faultErrors(List<ReplicationResult.FaultRow> rows) {
        Map<String, Estimate> out = new LinkedHashMap<>();
        for (String k : rows.get(0).errors().keySet()) {
            Estimate e = Estimate.of(rows, r -> r.errors().get(k));
            if (e.mean() > 0) { // a fault's row names the causes it met, as results.json lists them
                out.put(k, e);
            }
        }
        return out;
    }

    /** The same results, with {@code why} added to the reasons they are partial. */
    public ScenarioResult withPartial(String why) {
        List<String> more = new ArrayList<>(partial);
        more.add(why);
        return new ScenarioResult(scenario, description, seed, replications, durationS, warmupS, warmupMode, measuredS,
                requests, all, resources, hosts, tasks, counters, bottleneck, events, List.copyOf(more), faults, levels,
                costPerHour, stoppedEarly, detail, cost, overrides, edges, series);
    }

    /** The same results without their detail: what results.json holds, and what reading it back gives. */
    public ScenarioResult figures() {
        return new ScenarioResult(scenario, description, seed, replications, durationS, warmupS, warmupMode, measuredS,
                requests, all, resources, hosts, tasks, counters, bottleneck, events, partial, faults, levels,
                costPerHour, stoppedEarly, null, cost, overrides, edges, series);
    }

    /** The bill over replications, line by line (every replication has the same lines, in order). */
    static Cost cost(Scenario s, List<ReplicationResult> reps) {
        List<CostLine> lines = new ArrayList<>();
        for (int i = 0; i < reps.get(0).bill().size(); i++) {
            int c = i;
            List<Bill.Line> rows = reps.stream().map(r -> r.bill().get(c)).toList();
            Map<String, Estimate> detail = new LinkedHashMap<>();
            for (String k : rows.get(0).detail().keySet()) {
                detail.put(k, Estimate.of(rows, l -> l.detail().get(k)));
            }
            lines.add(new CostLine(rows.get(0).item(), rows.get(0).category(), rows.get(0).usage(), rows.get(0).unit(),
                    Estimate.of(rows, Bill.Line::quantity), Estimate.of(rows, Bill.Line::perHour), detail));
        }
        return new Cost(s.prices() == null ? null : s.prices().name(), Estimate.of(reps,
                r -> Bill.perMillion(r.costPerHour(), r.all().completed(), r.measuredSeconds())), List.copyOf(lines));
    }

    /** True when any replication ended before its duration. */
    public boolean isPartial() {
        return !partial.isEmpty();
    }

    /**
     * Every page view's latency in every replication, in one histogram (ns); slim replications
     * (histograms already merged elsewhere) add nothing.
     */
    private static LogHistogram merged(List<ReplicationResult> reps) {
        LogHistogram h = new LogHistogram();
        for (ReplicationResult r : reps) {
            if (r.all().latency().histogram() != null) {
                h.add(r.all().latency().histogram());
            }
        }
        return h;
    }

    private static ClassResult classResult(List<ReplicationResult.ClassRow> rows, double measured) {
        Map<String, Estimate> errors = new LinkedHashMap<>();
        for (String k : rows.get(0).errors().keySet()) {
            errors.put(k, Estimate.of(rows, r -> r.errors().get(k)));
        }
        return new ClassResult(rows.get(0).name(), Estimate.of(rows, r -> r.offered()),
                Estimate.of(rows, r -> r.completed()), errors, Estimate.of(rows, r -> r.offered() / measured),
                Estimate.of(rows, r -> r.completed() / measured),
                Estimate.of(rows, r -> r.offered() == 0 ? 0 : r.failed() / (double) r.offered()),
                Latency.of(rows.stream().map(ReplicationResult.ClassRow::latency).toList()),
                Estimate.of(rows, ReplicationResult.ClassRow::wastedCpuSeconds),
                Estimate.of(rows, ReplicationResult.ClassRow::unfinished),
                Estimate.of(rows, ReplicationResult.ClassRow::openAtStart),
                rows.stream().mapToDouble(ReplicationResult.ClassRow::oldestUnfinishedS).max().orElse(0),
                Estimate.of(rows, ScenarioResult::notServedRate), Replicates.of(rows, measured));
    }

    /**
     * Not served over completed + not served: by conservation (offered + open at the start =
     * completed + failed + unfinished) that is over offered whenever the backlog did not shrink,
     * and it stays a share when the run stopped before measuring began.
     */
    static double notServedRate(ReplicationResult.ClassRow r) {
        long d = r.completed() + r.notServed();
        return d == 0 ? 0 : r.notServed() / (double) d;
    }

    private static List<Estimate> withUnfinished(List<ReplicationResult.ClassRow> rows) {
        List<Estimate> out = new ArrayList<>();
        for (int i = 0; i < ReplicationResult.ClassRow.QUANTILES.length; i++) {
            int k = i;
            out.add(Estimate.of(rows, r -> r.withUnfinished()[k] / 1e6));
        }
        return List.copyOf(out);
    }
}
