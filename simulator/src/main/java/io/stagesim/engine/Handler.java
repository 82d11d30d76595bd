package io.stagesim.engine;

/**
 * Receives the events it scheduled. One handler usually serves many events, told apart by the
 * subject (often the entity the event concerns) and a small integer tag, so that scheduling an
 * event never needs a new object.
 */
@FunctionalInterface
public interface Handler {

    /** Called when the event falls due; {@link Engine#now()} is the event's time. */
    void handle(Object subject, int tag);
}
