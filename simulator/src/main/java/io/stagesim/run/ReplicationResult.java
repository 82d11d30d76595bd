package io.stagesim.run;

import io.stagesim.stats.LatencySummary;
import java.util.List;
import java.util.Map;

/**
 * What one replication of a scenario measured after warm-up. Times in nanoseconds unless named
 * otherwise. {@code stoppedBecause} says why it ended before its duration (a limit), or is null.
 * {@code costPerHour} is the time-average cost of the hosts: those of autoscaling groups while they
 * run, every other host all the time.
 */
public record ReplicationResult(double measuredSeconds, double warmupSeconds, List<ClassRow> classes,
        ClassRow all, List<HostRow> hosts, List<ResourceRow> resources, List<TaskRow> tasks, List<CounterRow> counters,
        long events, Series series, String stoppedBecause, List<FaultRow> faults, List<LevelRow> levels,
        double costPerHour) {

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
     * by cause; and the time-average per window of each level ("balancer in_service": app servers of
     * an autoscaling group in service).
     */
    public record Series(double windowSeconds, double[] start, long[] offered, long[] completed, double[] p50,
            double[] p95, double[] p99, Map<String, long[]> errors, Map<String, double[]> levels) {
    }

    /** Something counted at a service, such as worker kills. */
    public record CounterRow(String service, String what, long count) {
    }

    /** One request class. */
    public record ClassRow(String name, long offered, long completed, Map<String, Long> errors,
            double wastedCpuSeconds, LatencySummary latency) {
    }

    /** One host's CPU. */
    public record HostRow(String name, int cores, double cpuUtilization, double meanRunning) {
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
