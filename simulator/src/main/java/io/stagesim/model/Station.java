package io.stagesim.model;

import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.stats.CountRecorder;
import io.stagesim.stats.LatencyRecorder;
import io.stagesim.stats.LevelRecorder;
import io.stagesim.stats.Windows;

/**
 * What every queueing station records: arrivals, completions, rejections, the number inside and
 * the number of busy servers over time, response and waiting times. It also keeps the exact count
 * of jobs inside, so that conservation (arrivals = completions + rejections + inside) can be
 * checked at any moment.
 */
public abstract class Station implements Handler {

    /** The station's name, as in results. */
    protected final String name;
    /** The engine events are scheduled on. */
    protected final Engine engine;
    /** The statistics window grid. */
    private final Windows windows;
    /** Arrivals, rejected ones included. */
    protected final CountRecorder arrivals;
    /** Jobs that finished service. */
    protected final CountRecorder completions;
    /** Jobs turned away. */
    protected final CountRecorder rejections;
    /** Number of jobs inside (waiting or in service). */
    protected final LevelRecorder inSystem;
    /** Number of busy servers (for processor sharing: busy cores). */
    protected final LevelRecorder busy;
    /** Time from arrival to completion. */
    protected final LatencyRecorder response;
    /** Time spent waiting rather than being served. */
    protected final LatencyRecorder waiting;
    /** Jobs inside now. */
    protected int inside;

    /** A station named {@code name} in simulation {@code sim}. */
    protected Station(Simulation sim, String name) {
        this.name = name;
        this.engine = sim.engine();
        this.windows = sim.windows();
        this.arrivals = new CountRecorder(sim.windows());
        this.completions = new CountRecorder(sim.windows());
        this.rejections = new CountRecorder(sim.windows());
        this.inSystem = new LevelRecorder(sim.windows());
        this.busy = new LevelRecorder(sim.windows());
        this.response = new LatencyRecorder(sim.windows(), false);
        this.waiting = new LatencyRecorder(sim.windows(), false);
    }

    /** The station's name. */
    public String name() {
        return name;
    }

    /** Number of servers (cores, for a processor-sharing host); 0 for an infinite server. */
    public abstract int servers();

    /** Jobs inside now. */
    public int inside() {
        return inside;
    }

    /** Arrivals since time zero, rejected ones included. */
    public long totalArrivals() {
        return arrivals.total();
    }

    /** Completions since time zero. */
    public long totalCompletions() {
        return completions.total();
    }

    /** Rejections since time zero. */
    public long totalRejections() {
        return rejections.total();
    }

    /** Response-time recorder, per window. */
    public LatencyRecorder responseTimes() {
        return response;
    }

    /** Waiting-time recorder, per window. */
    public LatencyRecorder waitingTimes() {
        return waiting;
    }

    /** Number-inside recorder, per window. */
    public LevelRecorder numberInside() {
        return inSystem;
    }

    /** Busy-server recorder, per window. */
    public LevelRecorder busyServers() {
        return busy;
    }

    /** Statistics of the measured period (after warm-up; the run must have finished). */
    public StationResult result() {
        long completed = completions.measured();
        double seconds = windows.measuredLength() / 1e9;
        double busyAverage = busy.average();
        int c = servers();
        return new StationResult(name, c, arrivals.measured(), completed, rejections.measured(), inside,
                seconds > 0 ? completed / seconds : 0, c > 0 ? busyAverage / c : busyAverage,
                inSystem.average(), inSystem.max(), response.summarize(), waiting.summarize());
    }

    /** Counts an arrival and one more job inside. */
    protected final void enter(long now) {
        arrivals.increment();
        inside++;
        inSystem.set(now, inside);
    }

    /** Counts a completion after {@code responseTime} and one job fewer inside. */
    protected final void leave(long now, long responseTime) {
        completions.increment();
        response.record(responseTime);
        inside--;
        inSystem.set(now, inside);
    }

    /** Counts a job that left without being served (its server failed): it is done here, unmeasured. */
    protected final void drop(long now) {
        completions.increment();
        inside--;
        inSystem.set(now, inside);
    }

    /** Counts an arrival that was turned away. */
    protected final void reject() {
        arrivals.increment();
        rejections.increment();
    }
}
