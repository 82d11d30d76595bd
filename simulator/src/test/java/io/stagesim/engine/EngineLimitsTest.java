package io.stagesim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's edges, counted by hand: an event at the end time, the event limit, the watchdog's
 * period, handles returned by every way of scheduling, and what a handler sees while it runs.
 */
final class EngineLimitsTest {

    private final Engine engine = new Engine();
    private final List<Long> fired = new ArrayList<>();
    private final Handler log = (s, t) -> fired.add(engine.now());

    private void oneEventAtEachOf(long... times) {
        for (long t : times) {
            engine.scheduleAt(t, log, null, 0);
        }
    }

    // run(until) includes an event at exactly until, and running to now is no error.
    @Test
    void eventAtTheEndTime_fires() {
        assertEquals(Engine.StopReason.NO_EVENTS, engine.run(0));
        oneEventAtEachOf(40, 41);
        assertEquals(Engine.StopReason.TIME_REACHED, engine.run(40));
        assertEquals(List.of(40L), fired);
        assertEquals(40, engine.now());
        assertEquals(Engine.StopReason.TIME_REACHED, engine.run(40));
        assertThrows(IllegalArgumentException.class, () -> engine.run(39));
    }

    // A limit of one event is the smallest: the run stops before the second, clock at the first.
    @Test
    void eventLimitOfOne_stopsAfterOneEvent() {
        oneEventAtEachOf(1, 2);
        engine.setEventLimit(1);
        assertEquals(Engine.StopReason.EVENT_LIMIT, engine.run(10));
        assertEquals(List.of(1L), fired);
        assertEquals(1, engine.now());
        assertThrows(IllegalArgumentException.class, () -> engine.setEventLimit(0));
    }

    // Installed after 2 events with a period of 3, the watchdog is called after events 5 and 8
    // (before the next is dispatched); once removed it is not called again.
    @Test
    void watchdog_calledEveryPeriodFromWhereItWasInstalled() {
        oneEventAtEachOf(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        engine.run(2);
        List<Long> calls = new ArrayList<>();
        engine.setWatchdog(() -> calls.add(engine.eventCount()), 3);
        engine.run(9);
        assertEquals(List.of(5L, 8L), calls);
        engine.setWatchdog(null, 1);
        assertEquals(Engine.StopReason.NO_EVENTS, engine.run(100));
        assertEquals(List.of(5L, 8L), calls);
        assertEquals(12, engine.eventCount());
        assertThrows(IllegalArgumentException.class, () -> engine.setWatchdog(() -> { }, 0));
    }

    // A watchdog that stops the engine (a wall-clock limit) ends the run before the next event.
    @Test
    void watchdogThatStops_endsTheRunBeforeTheNextEvent() {
        oneEventAtEachOf(1, 2, 3, 4, 5, 6, 7);
        engine.setWatchdog(engine::stop, 3);
        assertEquals(Engine.StopReason.STOPPED, engine.run(100));
        assertEquals(3, engine.eventCount());
        assertEquals(3, engine.now());
        assertEquals(Engine.StopReason.STOPPED, engine.run(100));
        assertEquals(6, engine.eventCount());
    }

    // Each way of scheduling returns the handle of the event it scheduled, and only that one.
    @Test
    void handles_nameTheEventTheyScheduled() {
        long a = engine.scheduleAt(5, log, null, 0);
        long b = engine.scheduleAt(6, log, null, 0);
        long c = engine.scheduleAt(7, Engine.NORMAL, log, null, 0);
        long d = engine.schedule(8, log, null, 0);
        assertTrue(engine.isPending(b));
        assertTrue(engine.cancel(b));
        assertFalse(engine.cancel(b), "cancelled twice");
        assertTrue(engine.cancel(d));
        assertTrue(engine.isPending(a) && engine.isPending(c));
        engine.run(100);
        assertEquals(List.of(5L, 7L), fired);
        assertFalse(engine.isPending(a));
    }

    // While a handler runs its own event no longer counts as pending.
    @Test
    void pendingEvents_duringAHandler_excludesTheEventBeingHandled() {
        List<Integer> seen = new ArrayList<>();
        Handler h = (s, t) -> seen.add(engine.pendingEvents());
        engine.schedule(1, h, null, 0);
        engine.schedule(2, h, null, 0);
        engine.schedule(3, h, null, 0);
        engine.run(10);
        assertEquals(List.of(2, 1, 0), seen);
    }
}
