package io.stagesim.scenario;

import io.stagesim.random.Constant;
import io.stagesim.random.Distribution;

/**
 * A task queue: a broker and {@code concurrency} worker processes on a host (Celery). A caller
 * pays {@code enqueueCpu}, the broker {@code brokerCpu}; a worker runs {@code taskOverhead} besides
 * the task's own work.
 */
public record TaskQueueSpec(String name, String host, int concurrency, Distribution enqueueCpu, Distribution brokerCpu,
        Distribution taskOverhead, long memoryPerWorker) implements ServiceSpec {

    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final long MIB = 1L << 20;

    /** Checks the bounds. */
    public TaskQueueSpec {
        Require.atLeast("concurrency", concurrency, 1);
        Require.present("enqueue_cpu", enqueueCpu);
        Require.present("broker_cpu", brokerCpu);
        Require.present("task_overhead", taskOverhead);
        Require.atLeast("memory_per_worker", memoryPerWorker, 0);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.TASK_QUEUE;
    }

    @Override
    public long memory() {
        return concurrency * memoryPerWorker;
    }

    static TaskQueueSpec bind(String name, String host, int cores, Fields f) {
        return new TaskQueueSpec(name, host, f.integer("concurrency", cores, 1, 100_000),
                f.distribution("enqueue_cpu", new Constant(600 * US)), // A.11: 1/1,666 s per enqueue
                f.distribution("broker_cpu", new Constant(20 * US)), // A.8: Redis op ~10–20 µs
                f.distribution("task_overhead", new Constant(1 * MS)), // A.11: ~1 ms per task
                f.size("memory_per_worker", 60 * MIB));
    }
}
