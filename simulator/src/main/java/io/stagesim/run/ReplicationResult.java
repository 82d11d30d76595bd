package io.stagesim.run;

import io.stagesim.stats.LatencySummary;
import io.stagesim.stats.LogHistogram;
import java.util.List;
import java.util.Map;

/**
 * What one replication of a scenario measured after warm-up. Times in nanoseconds unless named
 * otherwise. {@code stoppedBecause} says why it ended before its duration (a limit), or is null.
 * {@code costPerHour} is the time-average cost of the hosts: those of autoscaling groups while they
 * run, every other host all the time, plus, with a price book, what the traffic used: the total
 * of {@code bill}.
 */
public record ReplicationResult(double measuredSeconds, double warmupSeconds, List<ClassRow> classes,
        ClassRow all, List<HostRow> hosts, List<ResourceRow> resources, List<TaskRow> tasks, List<CounterRow> counters,
        long events, Series series, String stoppedBecause, List<FaultRow> faults, List<LevelRow> levels,
        double costPerHour, List<Bill.Line> bill, List<EdgeRow> edges) {

    /**
     * The same figures without what is large: latency histograms (summaries keep their
     * percentiles) and, unless {@code keepSeries}, the window-by-window series. What a run keeps of
     * each replication once its histogram has been merged.
     */
    public ReplicationResult slim(boolean keepSeries) {
        return new ReplicationResult(measuredSeconds, warmupSeconds,
                classes.stream().map(ClassRow::slim).toList(), all.slim(), hosts,
                resources.stream().map(r -> new ResourceRow(r.service(), r.resource(), r.kind(), r.capacity(),
                        r.utilization(), r.meanInUse(), r.meanWaiting(), slim(r.waitTime()), r.requests(), r.rejected(),
                        r.timedOut())).toList(),
                tasks.stream().map(t -> new TaskRow(t.service(), t.enqueued(), t.completed(), t.failed(),
                        slim(t.latency()))).toList(),
                counters, events, keepSeries ? series : null, stoppedBecause, faults, levels, costPerHour, bill, edges);
    }

    /**
     * Calls from service {@code from} to service {@code to} sent in the measured period: each
     * request sent over the hop (a retry is another call; a database connection's opening exchange
     * is one), counted when sent, whether it was delivered, refused or timed out.
     */
    public record EdgeRow(String from, String to, long calls) {
    }

    static LatencySummary slim(LatencySummary s) {
        return new LatencySummary(s.count(), s.mean(), s.stdDev(), s.min(), s.p50(), s.p75(), s.p90(), s.p95(),
                s.p99(), s.p999(), s.max(), null);
    }

    /** A level over time at a service (instances of an autoscaling group): time-average and maximum. */
    public record LevelRow(String service, String what, double mean, double max) {
    }

    /**
     * The page views that met a fault: those open at some time in the windows overlapping it (arrived
     * by the last of them and not ended before the first: arrived while it lasted, whenever they
     * ended; ended while it lasted; or in flight throughout). {@code offered} is all of them:
     * {@code completed} + {@code failed} + {@code unfinished} (no outcome yet when the run ended), so
     * failed never exceeds offered. Also the p99 of the completed ones (ms, from the per-window
     * histograms, within 3.1 %), the database writes a host crash lost, and the CPU spent on requests
     * nobody waited for any more (counted in the windows where each ended); whether the fault
     * happened in this replication (one with a probability may not: its window is then reported as
     * it went without it; one starting after the run ended did not); the failed page views by cause;
     * how long it lasted (s: a deploy as long as it took, NaN when it was still going at the end of
     * the run, is permanent or never began). The windows it covers run to that end.
     */
    public record FaultRow(String fault, long offered, long completed, long failed, double good, double p99, long dataLost,
            double detectS, double recoverS, double wastedCpuS, boolean happened, Map<String, Long> errors,
            double lastedS, long unfinished) {
    }

    /**
     * What happened window by window in this replication, every class together: window start (s),
     * page views offered and completed, latency percentiles of the views completed in the window
     * (ms, from the per-window histograms, within 3.1 %; NaN when none completed), and failed views
     * by cause; the time-average per window of each level ("balancer in_service": app servers of
     * an autoscaling group in service); each request class's completions and percentiles; and the
     * utilisation of every host's CPU and every resource with a capacity.
     */
    public record Series(double windowSeconds, double[] start, long[] offered, long[] completed, double[] p50,
            double[] p95, double[] p99, Map<String, long[]> errors, Map<String, double[]> levels,
            List<ClassSeries> classes, List<UtilizationSeries> utilization) {
    }

    /**
     * One request class window by window: page views completed in each window, and the p50 and p99
     * of their latency (ms, within 3.1 %; NaN when none completed).
     */
    public record ClassSeries(String name, long[] completed, double[] p50, double[] p99) {
    }

    /**
     * The utilisation of one resource window by window: its time-average share of {@code capacity}
     * in use (NaN in a window of no length). A host's CPU has the host as its {@code service} and
     * "CPU of host NAME" as its {@code resource}; any other resource is named as in the results' rows.
     */
    public record UtilizationSeries(String service, String resource, int capacity, double[] values) {

        /** The resource named for a host's CPU. */
        public static String hostCpu(String host) {
            return "CPU of host " + host;
        }
    }

    /** Something counted at a service, such as worker kills. */
    public record CounterRow(String service, String what, long count) {
    }

    /**
     * One request class. {@code unfinished} page views had no outcome yet when the measured period
     * ended ({@code openAtStart} when it began: offered + openAtStart = completed + failed +
     * unfinished); {@code oldestUnfinishedS} is how long the oldest of them had waited (s, 0 when
     * none). The latency summary is of completed page views only; {@code withUnfinished} has its
     * p50, p95 and p99 (ns) counting the backlog's growth as slower than every completed view.
     */
    public record ClassRow(String name, long offered, long completed, Map<String, Long> errors,
            double wastedCpuSeconds, LatencySummary latency, long unfinished, long openAtStart,
            double oldestUnfinishedS, double[] withUnfinished) {

        /** The quantiles {@code withUnfinished} holds, in order. */
        public static final double[] QUANTILES = {0.50, 0.95, 0.99};

        ClassRow slim() {
            return new ClassRow(name, offered, completed, errors, wastedCpuSeconds, ReplicationResult.slim(latency),
                    unfinished, openAtStart, oldestUnfinishedS, withUnfinished);
        }

        /**
         * The quantiles of {@code completed} latencies with {@code growth} more page views counted
         * as slower than all of them (a pessimistic bound: they are unfinished, their latency
         * unknown): infinite once the quantile's rank falls among them, NaN with nothing at all.
         */
        public static double[] withUnfinished(LogHistogram completed, long growth) {
            double[] out = new double[QUANTILES.length];
            long c = completed.count();
            for (int i = 0; i < out.length; i++) {
                double q = QUANTILES[i] * (c + growth) / (double) Math.max(1, c);
                out[i] = c + growth == 0 ? Double.NaN : c == 0 || q > 1 ? Double.POSITIVE_INFINITY
                        : completed.quantile(q);
            }
            return out;
        }

        /** Page views that failed, every cause together. */
        public long failed() {
            long n = 0;
            for (long v : errors.values()) {
                n += v;
            }
            return n;
        }

        /**
         * Page views not served: failed, plus the growth of the backlog of unfinished ones over
         * the measured period. In a steady state the backlog does not grow on average, so this
         * is the failures; under overload the backlog grows as fast as the excess arrives.
         */
        public long notServed() {
            return failed() + Math.max(0, unfinished - openAtStart);
        }
    }

    /** One host's CPU; {@code credits} only for a burstable host, else null. */
    public record HostRow(String name, int cores, double cpuUtilization, double meanRunning, CreditRow credits) {
    }

    /**
     * A burstable host's CPU credits over the whole run (warm-up included): when the balance first
     * reached zero (s, NaN if never), time spent throttled to the baseline (s), surplus still owed at
     * the end (vCPU-hours, unlimited mode) and its price, and the balance at the end (credits).
     */
    public record CreditRow(double ranOutAtS, double throttledS, double surplusVcpuHours, double surplusCost,
            double endCredits) {
    }

    /**
     * One resource of a service: a pool (workers, connections, a lock, threads) or a station
     * (a dev server's GIL, a disk). For a station, waiting figures are for time lost to sharing.
     */
    public record ResourceRow(String service, String resource, String kind, int capacity, double utilization,
            double meanInUse, double meanWaiting, LatencySummary waitTime, long requests, long rejected,
            long timedOut) {
    }

    /** One task queue. */
    public record TaskRow(String service, long enqueued, long completed, long failed, LatencySummary latency) {
    }
}
