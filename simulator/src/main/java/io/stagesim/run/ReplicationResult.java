package io.stagesim.run;

import io.stagesim.stats.LatencySummary;
import java.util.List;
import java.util.Map;

/**
 * What one replication of a scenario measured after warm-up. Times in nanoseconds unless named
 * otherwise.
 */
public record ReplicationResult(double measuredSeconds, double warmupSeconds, List<ClassRow> classes,
        ClassRow all, List<HostRow> hosts, List<ResourceRow> resources, List<TaskRow> tasks, List<CounterRow> counters,
        long events) {

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
