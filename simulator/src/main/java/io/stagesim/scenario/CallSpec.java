package io.stagesim.scenario;

import io.stagesim.random.Distribution;
import java.util.List;

/**
 * One call a view makes to another service, {@code times} times in a row ({@code times} to
 * {@code timesMax} times, uniformly, when they differ: {@code times: 1..5}). What the fields mean
 * depends on the kind of service called:
 * <ul>
 * <li>database: {@code cpu} per query on the database host, {@code io} per query (disk wait),
 * {@code write} (SQLite: takes the write lock);</li>
 * <li>cache: {@code cpu} per GET on the cache host; {@code hitRatio}; {@code onMiss} are the calls
 * the cache saves on a hit (made on a miss, followed by a SET);</li>
 * <li>object_storage: {@code download} or {@code upload} bytes;</li>
 * <li>task_queue: {@code task} is the work a worker does later (the caller only enqueues);</li>
 * <li>any other service: {@code cpu} spent there.</li>
 * </ul>
 */
public record CallSpec(String service, int times, int timesMax, Distribution cpu, Distribution io, boolean write,
        double hitRatio, List<CallSpec> onMiss, long download, long upload, ViewSpec task) {

    /** Copies the list. */
    public CallSpec {
        onMiss = List.copyOf(onMiss);
    }
}
