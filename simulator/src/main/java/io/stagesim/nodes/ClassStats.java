package io.stagesim.nodes;

import io.stagesim.stats.CountRecorder;
import io.stagesim.stats.LatencyRecorder;
import io.stagesim.stats.OpenCounter;
import io.stagesim.stats.StartCountRecorder;
import io.stagesim.stats.StartLatencyRecorder;
import io.stagesim.stats.Windows;

/** What is counted for one request class: page views offered, completed, failed by cause, latency. */
public final class ClassStats {

    /** The class's name. */
    public final String name;
    /** Page views that arrived. */
    public final CountRecorder offered;
    /** Page views that completed without error. */
    public final CountRecorder completed;
    /** Page views that failed, by {@link ErrorKind} ordinal. */
    public final CountRecorder[] errors;
    /** Latency of completed page views, from their scheduled arrival. */
    public final LatencyRecorder latency;
    /** CPU nanoseconds spent on requests whose client had already given up, counted when they end. */
    public final CountRecorder wastedCpu;
    /** Page views begun and with no outcome yet (neither completed, failed nor given up on). */
    public final OpenCounter open;
    /**
     * Page views completed, kept in the window they arrived in (recorded when they complete, with their
     * latency): with {@link #completed}, what the page views that met a fault became.
     */
    public final StartLatencyRecorder completedByArrival;
    /** Page views that failed, by {@link ErrorKind} ordinal, counted in the window they arrived in. */
    public final StartCountRecorder[] errorsByArrival;

    /** Counters for the class {@code name} on the window grid. */
    public ClassStats(String name, Windows windows) {
        this.name = name;
        this.offered = new CountRecorder(windows);
        this.completed = new CountRecorder(windows);
        this.errors = new CountRecorder[ErrorKind.values().length];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = new CountRecorder(windows);
        }
        this.latency = new LatencyRecorder(windows);
        this.wastedCpu = new CountRecorder(windows);
        this.open = new OpenCounter(windows);
        this.completedByArrival = new StartLatencyRecorder(windows);
        this.errorsByArrival = new StartCountRecorder[errors.length];
        for (int i = 0; i < errors.length; i++) {
            errorsByArrival[i] = new StartCountRecorder(windows);
        }
    }
}
