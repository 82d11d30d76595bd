package io.stagesim.engine;

/**
 * The discrete-event kernel: a clock in nanoseconds and a pending-event set. Handlers schedule
 * events; {@link #run(long)} pops them in (time, priority, sequence) order and advances the clock.
 *
 * <p>An engine owns all of its state: several engines run side by side on different threads
 * without sharing anything.
 */
public final class Engine {

    /** Default priority of events scheduled without one. */
    public static final int NORMAL = 0;

    private final EventQueue queue;
    private long now;
    private long eventCount;
    private long eventLimit = Long.MAX_VALUE;
    private Runnable watchdog;
    private long watchEvery = Long.MAX_VALUE;
    private long nextWatch = Long.MAX_VALUE;
    // for speed: the loop compares the event count with one number, the nearer of the event limit
    // and the next watchdog call
    private long checkpoint = Long.MAX_VALUE;
    private boolean stopRequested;
    private Tracer tracer;

    /** An engine at time zero with no pending events. */
    public Engine() {
        this.queue = new EventQueue();
    }

    /** Current simulated time in nanoseconds. */
    public long now() {
        return now;
    }

    /** Number of events dispatched so far. */
    public long eventCount() {
        return eventCount;
    }

    /** Number of events waiting to fire. */
    public int pendingEvents() {
        return queue.size();
    }

    /** Installs a tracer that sees every event; null removes it. */
    public void setTracer(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Stops {@link #run} after this many events in total have been dispatched. */
    public void setEventLimit(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("event limit must be >= 1, was " + limit);
        }
        this.eventLimit = limit;
        checkpoint = Math.min(eventLimit, nextWatch);
    }

    /**
     * Calls {@code check} every {@code every} events dispatched (after the event), the place for
     * limits that need more than the event count, such as the wall clock; {@code check} may call
     * {@link #stop()}. Null removes it.
     */
    public void setWatchdog(Runnable check, long every) {
        if (every < 1) {
            throw new IllegalArgumentException("watchdog period must be >= 1 event, was " + every);
        }
        this.watchdog = check;
        this.watchEvery = check == null ? Long.MAX_VALUE : every;
        this.nextWatch = check == null ? Long.MAX_VALUE : eventCount + every;
        checkpoint = Math.min(eventLimit, nextWatch);
    }

    /** Schedules an event {@code delay} ns from now with normal priority; returns its handle. */
    public long schedule(long delay, Handler handler, Object subject, int tag) {
        return scheduleAt(now + checkDelay(delay), NORMAL, handler, subject, tag);
    }

    /** Schedules an event at absolute time {@code time}; returns its handle. */
    public long scheduleAt(long time, Handler handler, Object subject, int tag) {
        return scheduleAt(time, NORMAL, handler, subject, tag);
    }

    /**
     * Schedules an event at absolute time {@code time} with a priority (lower first among events at
     * the same time); returns its handle.
     *
     * @throws IllegalArgumentException when {@code time} is before now
     */
    public long scheduleAt(long time, int priority, Handler handler, Object subject, int tag) {
        if (time < now) {
            throw new IllegalArgumentException(
                    "cannot schedule in the past: time " + time + " ns is before now " + now + " ns");
        }
        return queue.push(time, priority, handler, subject, tag);
    }

    /** Cancels a pending event; false when it has already fired or been cancelled. */
    public boolean cancel(long handle) {
        return queue.cancel(handle);
    }

    /** Gives a pending event another subject, keeping its place; false when it is not pending. */
    public boolean resubject(long handle, Object subject) {
        return queue.resubject(handle, subject);
    }

    /** True while the event with this handle is still pending. */
    public boolean isPending(long handle) {
        return queue.isPending(handle);
    }

    /** Asks {@link #run} to return after the event being handled. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Dispatches events in order until the next one would fall after {@code until}, the queue is
     * empty, {@link #stop()} is called or the event limit is reached; then sets the clock to
     * {@code until} if it got there. Returns why it returned.
     */
    public StopReason run(long until) {
        if (until < now) {
            throw new IllegalArgumentException("cannot run until " + until + " ns: now is " + now + " ns");
        }
        stopRequested = false;
        EventQueue q = queue;
        while (true) {
            if (q.isEmpty()) {
                now = until;
                return StopReason.NO_EVENTS;
            }
            if (q.peekTime() > until) {
                now = until;
                return StopReason.TIME_REACHED;
            }
            if (eventCount >= checkpoint) {
                if (eventCount >= eventLimit) {
                    return StopReason.EVENT_LIMIT;
                }
                nextWatch = eventCount + watchEvery;
                checkpoint = Math.min(eventLimit, nextWatch);
                watchdog.run();
                if (stopRequested) {
                    return StopReason.STOPPED;
                }
            }
            q.beginDispatch();
            now = q.poppedTime();
            eventCount++;
            Handler handler = q.poppedHandler();
            Object subject = q.poppedSubject();
            int tag = q.poppedTag();
            if (tracer != null) {
                tracer.onEvent(now, handler, subject, tag);
            }
            try {
                handler.handle(subject, tag);
            } finally {
                q.endDispatch();
            }
            if (stopRequested) {
                return StopReason.STOPPED;
            }
        }
    }

    /** Why {@link #run} returned. */
    public enum StopReason {
        /** The clock reached the requested end time. */
        TIME_REACHED,
        /** No event was left. */
        NO_EVENTS,
        /** A handler called {@link #stop()}. */
        STOPPED,
        /** The configured event limit was reached. */
        EVENT_LIMIT
    }

    private static long checkDelay(long delay) {
        if (delay < 0) {
            throw new IllegalArgumentException("delay must be >= 0 ns, was " + delay);
        }
        return delay;
    }
}
