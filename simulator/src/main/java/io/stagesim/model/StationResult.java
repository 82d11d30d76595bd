package io.stagesim.model;

import io.stagesim.stats.LatencySummary;

/**
 * A station's statistics over the measured part of one replication. Times in nanoseconds.
 *
 * @param servers servers (cores for a processor-sharing host; 0 for an infinite server)
 * @param arrivals arrivals in the measured windows, rejected ones included
 * @param completions jobs that finished in the measured windows
 * @param rejections arrivals turned away in the measured windows
 * @param insideAtEnd jobs still inside when the run ended
 * @param throughput completions per second
 * @param utilization mean fraction of servers busy (mean busy servers for an infinite server)
 * @param meanInside time-average number of jobs inside
 * @param maxInside largest number of jobs inside
 * @param response time from arrival to completion
 * @param waiting time spent waiting rather than in service
 */
public record StationResult(String name, int servers, long arrivals, long completions, long rejections,
        int insideAtEnd, double throughput, double utilization, double meanInside, double maxInside,
        LatencySummary response, LatencySummary waiting) {
}
