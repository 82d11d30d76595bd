package io.stagesim.engine;

/** Observes every event as it is dispatched; for tests and debugging, never on by default. */
@FunctionalInterface
public interface Tracer {

    /** Called just before {@code handler} handles the event at {@code time}. */
    void onEvent(long time, Handler handler, Object subject, int tag);
}
