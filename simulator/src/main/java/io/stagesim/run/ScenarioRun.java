package io.stagesim.run;

import io.stagesim.assembly.ModelBuilder;
import io.stagesim.assembly.WebModel;
import io.stagesim.engine.Engine;
import io.stagesim.model.CpuCredits;
import io.stagesim.model.PoolResult;
import io.stagesim.model.PsHost;
import io.stagesim.model.StationResult;
import io.stagesim.nodes.ClassStats;
import io.stagesim.nodes.ErrorKind;
import io.stagesim.operations.Operations;
import io.stagesim.scenario.FaultSpec;
import io.stagesim.scenario.HostSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.SloSpec;
import io.stagesim.scenario.WorkloadSpec;
import io.stagesim.stats.LatencyRecorder;
import io.stagesim.stats.LatencySummary;
import io.stagesim.stats.LogHistogram;
import io.stagesim.stats.Mser;
import io.stagesim.stats.Windows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a scenario: each replication built, run and measured; the whole set summarised. */
public final class ScenarioRun {

    private ScenarioRun() {
    }

    /**
     * A check handed every replication's model once it has run (before it is measured; it must not
     * change the model) and then its results. The tests set one for the whole suite, so that every
     * scenario they run has its books checked, through the command line, a capacity search or a
     * comparison as well; a real run has none.
     */
    public interface Audit {
        /** The model of a replication that has just run. */
        void model(WebModel m);

        /** That replication's results. */
        void results(ReplicationResult r);
    }

    private static volatile Audit audit;

    /** Sets the check every replication from now on is handed (null: none, the default). */
    public static void setAudit(Audit a) {
        audit = a;
    }

    /** Runs every replication of {@code scenario} on up to {@code threads} threads. */
    public static ScenarioResult run(Scenario scenario, int threads, ReplicationRunner.Progress progress) {
        return run(scenario, threads, progress, (r, i) -> { });
    }

    /**
     * As {@link #run(Scenario, int, ReplicationRunner.Progress)}, handing each replication to
     * {@code finished} as it ends. Memory does not grow with the replications' histograms: each
     * replication's latency histogram is merged as it ends, and only its figures are kept (its
     * window-by-window series for replication 0 alone). With {@code run.max_wall_time} the whole
     * run has that long: replications still running then stop where they are, and those not begun
     * are not run (the result says how many finished).
     */
    public static ScenarioResult run(Scenario scenario, int threads, ReplicationRunner.Progress progress,
            java.util.function.ObjIntConsumer<ReplicationResult> finished) {
        checkMemory(scenario, Math.min(threads, scenario.run().replications()), Runtime.getRuntime().maxMemory());
        long deadline = deadline(scenario);
        LogHistogram all = new LogHistogram();
        List<ReplicationResult> reps = replications(scenario, 0, scenario.run().replications(), threads, progress,
                finished, all, deadline);
        return result(scenario, reps, all);
    }

    /**
     * Replications {@code from} .. {@code to} − 1 of {@code scenario} on up to {@code threads}
     * threads, in index order, each one's latency histogram added to {@code all} as it ends; those
     * not begun before {@code deadline} ({@link System#nanoTime()}) are left out. A replication's
     * results depend on its index alone, so runs of several ranges give what one run of them all
     * gives.
     */
    static List<ReplicationResult> replications(Scenario scenario, int from, int to, int threads,
            ReplicationRunner.Progress progress, java.util.function.ObjIntConsumer<ReplicationResult> finished,
            LogHistogram all, long deadline) {
        List<ReplicationResult> reps = new ArrayList<>(ReplicationRunner.run(to - from, threads,
                k -> {
                    int i = from + k;
                    if (System.nanoTime() - deadline >= 0) {
                        return null; // past the run's wall-clock limit: not begun
                    }
                    ReplicationResult r = replication(scenario, i, deadline);
                    synchronized (all) { // adding counts: the same sum in any order
                        all.add(r.all().latency().histogram());
                    }
                    ReplicationResult slim = r.slim(i == 0);
                    finished.accept(slim, i);
                    return slim;
                }, progress));
        reps.removeIf(java.util.Objects::isNull);
        return reps;
    }

    /**
     * When a run of {@code scenario} begun now must stop ({@link System#nanoTime()}): its
     * {@code run.max_wall_time} from now, or {@code Long.MAX_VALUE} when it has none.
     */
    static long deadline(Scenario scenario) {
        long wall = scenario.run().maxWallMillis();
        return wall > 0 ? System.nanoTime() + wall * 1_000_000 : Long.MAX_VALUE;
    }

    /** The result of {@code reps} (all of them or those the wall-clock limit let begin), {@code all} their latencies. */
    static ScenarioResult result(Scenario scenario, List<ReplicationResult> reps, LogHistogram all) {
        long wall = scenario.run().maxWallMillis();
        if (reps.isEmpty()) {
            throw new RunLimitException(String.format(java.util.Locale.ROOT, "the wall-clock limit of %d ms (run."
                    + "max_wall_time) ran out before a replication could begin", wall));
        }
        ScenarioResult result = ScenarioResult.of(scenario, reps, all);
        if (reps.size() < scenario.run().replications()) {
            result = result.withPartial(String.format(java.util.Locale.ROOT, "wall-clock limit of %d ms: %d of %d "
                    + "replications run", wall, reps.size(), scenario.run().replications()));
        }
        return result;
    }

    /**
     * Bytes a closed workload's user takes before anything runs: its think timer in the event
     * queue (44 bytes) twice over while the queue's arrays grow, and their slack. Measured
     * against the heap, not a guess: see the small-heap tests.
     */
    static final long BYTES_PER_USER = 128;
    /** Bytes a user's connections to one origin take (nodes/ClientConnections: one {@code long}). */
    static final long BYTES_PER_USER_ORIGIN = 8;

    /**
     * Refuses a closed workload whose users' timers alone would not fit in half of the heap
     * ({@code maxHeap} bytes) with {@code concurrent} replications at once: every user's first
     * think time is scheduled when a replication starts, before any limit can act.
     */
    static void checkMemory(Scenario scenario, int concurrent, long maxHeap) {
        if (scenario.browser().workload() instanceof WorkloadSpec.Closed c) {
            java.util.Set<String> origins = new java.util.HashSet<>();
            origins.add(scenario.browser().target());
            if (scenario.browser().staticFrom() != null) {
                origins.add(scenario.browser().staticFrom());
            }
            for (io.stagesim.scenario.RequestSpec r : scenario.requests().values()) {
                if (r.directUpload() != null) {
                    origins.add(r.directUpload().storage());
                }
            }
            long need = (BYTES_PER_USER + BYTES_PER_USER_ORIGIN * origins.size()) * c.users() * concurrent;
            if (need > maxHeap / 2) {
                throw new RunLimitException(String.format(java.util.Locale.ROOT, "%d users would need about %d MB "
                        + "for their think timers and connections alone (%d replication(s) at once), more than half of the %d MB the "
                        + "Java heap may use: use fewer users or --threads 1, or give Java more memory with "
                        + "STAGESIM_JAVA_OPTS=-Xmx%dm", c.users(), need >> 20, concurrent, maxHeap >> 20,
                        Math.max(512, (4 * need) >> 20)));
            }
        }
    }

    /** Builds, runs and measures replication {@code index}, its wall-clock limit (if any) counted from now. */
    public static ReplicationResult replication(Scenario scenario, int index) {
        return replication(scenario, index, deadline(scenario));
    }

    /** Replication {@code index} of {@code scenario}: built, its operations attached, its workload started. */
    static WebModel model(Scenario scenario, int index) {
        WebModel m = ModelBuilder.build(scenario, scenario.run().seed(), index);
        Operations.attach(m);
        m.start();
        return m;
    }

    /** Events between two looks at the wall clock: about a millisecond of work. */
    static final long WATCH_EVERY = 4096;

    /**
     * Stops {@code m} once {@link System#nanoTime()} passes {@code deadline}, or once its thread is
     * interrupted (the what-if page cancelling a run it no longer needs), looking every few thousand events.
     */
    private static void watchClock(WebModel m, long deadline, long wallMillis) {
        if (deadline == Long.MAX_VALUE) {
            return;
        }
        m.simulation().engine().setWatchdog(() -> {
            if (System.nanoTime() - deadline >= 0) {
                m.stop(String.format(java.util.Locale.ROOT, "wall-clock limit of %d ms reached at %.3g s of "
                        + "simulated time", wallMillis, m.simulation().now() / 1e9));
            } else if (Thread.currentThread().isInterrupted()) {
                m.stop("cancelled");
            }
        }, WATCH_EVERY);
    }

    /**
     * Builds, runs and measures replication {@code index}, stopping at {@code deadline}
     * ({@link System#nanoTime()}; {@code Long.MAX_VALUE} for none). With an automatic warm-up (a
     * negative {@code run.warmup}) the replication runs twice with the same streams, so the same
     * sample path: once to choose the warm-up by MSER-5 on the windowed mean latency of all page
     * views, once to measure after it.
     */
    public static ReplicationResult replication(Scenario scenario, int index, long deadline) {
        return replication(scenario, index, deadline, m -> { });
    }

    /**
     * As {@link #replication(Scenario, int, long)}, handing the model to {@code atEnd} once it has
     * run and before it is measured (tests check its books there; it must not change the model).
     */
    public static ReplicationResult replication(Scenario scenario, int index, long deadline,
            java.util.function.Consumer<WebModel> atEnd) {
        long warmup = scenario.run().warmup();
        if (warmup < 0) {
            warmup = chooseWarmup(scenario, index, deadline);
        }
        WebModel m = model(scenario, index);
        watchClock(m, deadline, scenario.run().maxWallMillis());
        m.simulation().setWarmup(warmup);
        long end = scenario.run().duration();
        Engine.StopReason why = m.simulation().run(end);
        String stopped = m.stoppedBecause();
        if (stopped == null && why == Engine.StopReason.EVENT_LIMIT) {
            stopped = String.format(java.util.Locale.ROOT, "event limit of %d reached at %.0f s of simulated time",
                    scenario.run().maxEvents(), m.simulation().now() / 1e9);
        }
        atEnd.accept(m);
        Audit check = audit;
        if (check != null) {
            check.model(m);
        }
        double seconds = m.simulation().windows().measuredLength() / 1e9;
        List<ReplicationResult.ClassRow> classes = new ArrayList<>();
        int cls = 0;
        for (ClassStats c : m.classStats()) {
            Map<String, Long> errors = new LinkedHashMap<>();
            for (ErrorKind k : ErrorKind.values()) {
                errors.put(k.key(), c.errors[k.ordinal()].measured());
            }
            long oldest = m.browsers().oldestOpenStart(cls++);
            LatencySummary latency = c.latency.summarize();
            long growth = Math.max(0, c.open.open() - c.open.openAtMeasuringStart());
            classes.add(new ReplicationResult.ClassRow(c.name, c.offered.measured(), c.completed.measured(), errors,
                    c.wastedCpu.measured() / 1e9, latency, c.open.open(), c.open.openAtMeasuringStart(),
                    oldest < 0 ? 0 : (m.simulation().now() - oldest) / 1e9,
                    ReplicationResult.ClassRow.withUnfinished(latency.histogram(), growth)));
        }
        List<ReplicationResult.HostRow> hosts = new ArrayList<>();
        for (Map.Entry<String, PsHost> e : m.hostCpus().entrySet()) {
            StationResult r = e.getValue().result();
            hosts.add(new ReplicationResult.HostRow(e.getKey(), r.servers(), r.utilization(), r.meanInside(),
                    credits(e.getValue().credits(), scenario.hosts().get(e.getKey()), m.simulation().now())));
        }
        List<ReplicationResult.ResourceRow> resources = new ArrayList<>();
        for (WebModel.LabelledPool p : m.pools()) {
            PoolResult r = p.pool().result();
            resources.add(new ReplicationResult.ResourceRow(p.service(), p.resource(), "pool", r.units(),
                    r.utilization(), r.meanInUse(), r.meanWaiting(), r.waitTime(), r.requests(), r.rejections(),
                    r.timeouts()));
        }
        for (WebModel.LabelledStation st : m.stations()) {
            StationResult r = st.station().result();
            resources.add(new ReplicationResult.ResourceRow(st.owner(), st.resource(), "station", r.servers(),
                    r.servers() > 0 ? r.utilization() : Double.NaN, r.meanInside(), 0, r.waiting(), r.arrivals(),
                    r.rejections(), 0));
        }
        List<ReplicationResult.TaskRow> tasks = new ArrayList<>();
        for (WebModel.TaskStats t : m.tasks()) {
            tasks.add(new ReplicationResult.TaskRow(t.service(), t.enqueued().measured(), t.completed().measured(),
                    t.failed().measured(), t.latency().summarize()));
        }
        List<ReplicationResult.CounterRow> counters = new ArrayList<>();
        for (WebModel.LabelledCounter c : m.counters()) {
            counters.add(new ReplicationResult.CounterRow(c.service(), c.what(), c.counter().measured()));
        }
        List<ReplicationResult.LevelRow> levels = new ArrayList<>();
        for (WebModel.LabelledLevel l : m.levels()) {
            levels.add(new ReplicationResult.LevelRow(l.service(), l.what(), l.level().average(), l.level().max()));
        }
        ReplicationResult.ClassRow all = overall(classes);
        long[] completed = classes.stream().mapToLong(ReplicationResult.ClassRow::completed).toArray();
        Map<String, long[]> storage = new LinkedHashMap<>();
        for (WebModel.StorageMeter meter : m.storageMeters()) {
            storage.put(meter.service(), new long[] {meter.gets().measured(), meter.puts().measured(),
                meter.clientBytes().measured()});
        }
        Map<String, long[]> cdn = new LinkedHashMap<>();
        for (WebModel.CdnMeter meter : m.cdnMeters()) {
            cdn.put(meter.service(), new long[] {meter.requests().measured(), meter.bytesOut().measured()});
        }
        Map<String, double[]> surplus = new LinkedHashMap<>();
        double runHours = m.simulation().now() / 3.6e12; // the credit account runs from 0, warm-up included
        for (ReplicationResult.HostRow h : hosts) {
            HostSpec spec = scenario.hosts().get(h.name());
            if (h.credits() != null && spec.burstable().unlimited() && runHours > 0) { // a line in every replication
                surplus.put(h.name(), new double[] {h.credits().surplusVcpuHours() / runHours,
                    h.credits().surplusCost() / runHours});
            }
        }
        List<Bill.Line> bill = Bill.of(scenario, new Bill.Usage(seconds, all.offered(), completed,
                all.latency().count() == 0 ? 0 : all.latency().mean() / 1e9,
                m.elasticCostOrNull() == null ? 0 : m.elasticCostOrNull().average(), storage, surplus, cdn));
        ReplicationResult.Series series = Measurements.series(m);
        List<ReplicationResult.EdgeRow> edges = new ArrayList<>();
        List<WebModel.Edge> modelEdges = m.edges();
        for (int i = 0; i < modelEdges.size(); i++) {
            edges.add(new ReplicationResult.EdgeRow(modelEdges.get(i).from(), modelEdges.get(i).to(),
                    m.calls().measured(i)));
        }
        edges = inFlowOrder(edges, scenario.browser().name());
        ReplicationResult result = new ReplicationResult(seconds, warmup / 1e9, classes, all, hosts, resources, tasks,
                counters, m.simulation().engine().eventCount(), series, stopped, Measurements.faultRows(scenario, m, series), levels,
                Bill.total(bill), bill, List.copyOf(edges));
        if (check != null) {
            check.results(result);
        }
        return result;
    }

    /**
     * {@code edges} in the order requests flow: by how many calls from the browser their caller is
     * (the browser's first), in the order they were built among equals; a caller the browser never
     * reaches comes last.
     */
    static List<ReplicationResult.EdgeRow> inFlowOrder(List<ReplicationResult.EdgeRow> edges, String browser) {
        Map<String, Integer> depth = new LinkedHashMap<>();
        depth.put(browser, 0);
        for (boolean grew = true; grew; ) {
            grew = false;
            for (ReplicationResult.EdgeRow e : edges) {
                Integer d = depth.get(e.from());
                if (d != null && !depth.containsKey(e.to())) {
                    depth.put(e.to(), d + 1);
                    grew = true;
                }
            }
        }
        List<ReplicationResult.EdgeRow> out = new ArrayList<>(edges);
        out.sort(java.util.Comparator.comparingInt(e -> depth.getOrDefault(e.from(), Integer.MAX_VALUE)));
        return List.copyOf(out);
    }

    /** What a burstable host's credit account says at the end of the run, or null for another host. */
    private static ReplicationResult.CreditRow credits(CpuCredits c, HostSpec h, long now) {
        if (c == null) {
            return null;
        }
        double surplus = c.surplusVcpuHours(now);
        return new ReplicationResult.CreditRow(c.ranOutAt() < 0 ? Double.NaN : c.ranOutAt() / 1e9,
                c.throttledNs(now) / 1e9, surplus, surplus * h.burstable().surplusPerVcpuHour(), c.balance(now));
    }

    /** Name of the row that sums up every request class. */
    public static final String ALL = "all";

    /** Every class together: counts added, latency histograms merged. */
    static ReplicationResult.ClassRow overall(List<ReplicationResult.ClassRow> classes) {
        long offered = 0;
        long completed = 0;
        long unfinished = 0;
        long openAtStart = 0;
        double oldest = 0;
        double wasted = 0;
        long n = 0;
        double sum = 0;
        double sumSquares = 0;
        LogHistogram merged = new LogHistogram();
        Map<String, Long> errors = new LinkedHashMap<>();
        for (ReplicationResult.ClassRow c : classes) {
            offered += c.offered();
            completed += c.completed();
            unfinished += c.unfinished();
            openAtStart += c.openAtStart();
            oldest = Math.max(oldest, c.oldestUnfinishedS());
            wasted += c.wastedCpuSeconds();
            for (Map.Entry<String, Long> e : c.errors().entrySet()) {
                errors.merge(e.getKey(), e.getValue(), Long::sum);
            }
            LatencySummary l = c.latency();
            n += l.count();
            sum += l.mean() * l.count();
            sumSquares += l.count() > 1 ? (l.count() - 1) * l.stdDev() * l.stdDev() + l.count() * l.mean() * l.mean()
                    : l.count() * l.mean() * l.mean();
            merged.add(l.histogram());
        }
        return new ReplicationResult.ClassRow(ALL, offered, completed, errors, wasted,
                LatencySummary.of(n, sum, sumSquares, merged), unfinished, openAtStart, oldest,
                ReplicationResult.ClassRow.withUnfinished(merged, Math.max(0, unfinished - openAtStart)));
    }

    /** MSER-5 on a first run's windowed mean page-view latency: the warm-up, in ns. */
    static long chooseWarmup(Scenario scenario, int index, long deadline) {
        WebModel m = model(scenario, index);
        watchClock(m, deadline, scenario.run().maxWallMillis());
        m.simulation().run(scenario.run().duration());
        Windows w = m.simulation().windows();
        int n = w.count() - 1; // whole windows only: the last may be cut short
        double[] mean = new double[Math.max(0, n)];
        double[] weight = new double[mean.length];
        for (int i = 0; i < mean.length; i++) {
            double sum = 0;
            long count = 0;
            for (ClassStats c : m.classStats()) {
                sum += c.latency.sum(i);
                count += c.latency.count(i);
            }
            mean[i] = count == 0 ? 0 : sum / count;
            weight[i] = count;
        }
        return w.start(Mser.truncation(mean, weight));
    }
}
