package io.stagesim.workload;

import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.random.RandomStream;

/**
 * Open Poisson arrivals whose rate follows a {@link RateProfile}. Each arrival is handed to the
 * sink at its scheduled time; latency measured from that time cannot suffer from coordinated
 * omission, whatever happens to the arrival afterwards.
 */
public final class OpenSource implements Handler {

    private final Engine engine;
    private RateProfile profile;
    private final RandomStream stream;
    private final ArrivalSink sink;
    private final long until;
    private double position; // exact time of the last arrival, ns
    private long generated;
    private boolean started;

    /** Arrivals from time zero until {@code until} ns (exclusive). */
    public OpenSource(Engine engine, RateProfile profile, RandomStream stream, ArrivalSink sink, long until) {
        this.engine = engine;
        this.profile = profile;
        this.stream = stream;
        this.sink = sink;
        this.until = until;
    }

    /** Arrivals for as long as the simulation runs. */
    public OpenSource(Engine engine, RateProfile profile, RandomStream stream, ArrivalSink sink) {
        this(engine, profile, stream, sink, Long.MAX_VALUE);
    }

    /** The rate over time the arrivals follow. */
    public RateProfile profile() {
        return profile;
    }

    /**
     * Makes the arrivals follow {@code other} instead (a traffic spike reshapes the rate); only
     * before {@link #start()}, which draws the first arrival from the profile.
     */
    public void reshape(RateProfile other) {
        if (started) {
            throw new IllegalStateException("the arrivals have started: their rate can no longer be reshaped");
        }
        this.profile = other;
    }

    /** Schedules the first arrival after the current time. */
    public void start() {
        started = true;
        position = engine.now();
        scheduleNext();
    }

    /** Arrivals generated so far. */
    public long generated() {
        return generated;
    }

    private void scheduleNext() {
        // for speed: the exact arrival time is kept as a double and only the event time is
        // rounded, so rounding never accumulates into drift.
        position = profile.advance(position, stream.nextStandardExponential());
        if (position < until) {
            engine.scheduleAt((long) (position + 0.5), this, null, 0);
        }
    }

    @Override
    public void handle(Object subject, int tag) {
        generated++;
        scheduleNext();
        sink.arrive(engine.now());
    }
}
