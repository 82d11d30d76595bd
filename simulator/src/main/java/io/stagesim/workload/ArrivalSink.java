package io.stagesim.workload;

/** Receives the arrivals of an open workload. */
@FunctionalInterface
public interface ArrivalSink {

    /** An arrival whose scheduled time is {@code time} ns (now). */
    void arrive(long time);
}
