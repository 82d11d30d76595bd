package io.stagesim.model;

import io.stagesim.stats.LatencySummary;

/**
 * A pool's statistics over the measured part of one replication. By Little's law the mean holding
 * time is {@code meanInUse / (grants per second)}.
 *
 * @param requests acquire requests
 * @param grants units granted
 * @param rejections requests rejected at once
 * @param timeouts waits that gave up
 * @param utilization mean fraction of units in use
 * @param meanInUse time-average units in use
 * @param meanWaiting time-average number of waiters
 * @param waitTime time from request to grant or time-out, in nanoseconds
 */
public record PoolResult(String name, int units, long requests, long grants, long rejections,
        long timeouts, double utilization, double meanInUse, double meanWaiting, LatencySummary waitTime) {
}
