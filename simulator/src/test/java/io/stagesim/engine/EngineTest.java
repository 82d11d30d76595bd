package io.stagesim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class EngineTest {

    // The clock jumps from event to event and stops exactly at the requested time.
    @Test
    void run_advancesClockToEachEventThenToTheEnd() {
        Engine engine = new Engine();
        List<Long> seen = new ArrayList<>();
        Handler h = (s, t) -> seen.add(engine.now());
        engine.schedule(30, h, null, 0);
        engine.schedule(10, h, null, 0);
        engine.schedule(20, h, null, 0);
        engine.schedule(50, h, null, 0);
        assertEquals(Engine.StopReason.TIME_REACHED, engine.run(40));
        assertEquals(List.of(10L, 20L, 30L), seen);
        assertEquals(40, engine.now());
        assertEquals(1, engine.pendingEvents());
        assertEquals(Engine.StopReason.NO_EVENTS, engine.run(100));
        assertEquals(100, engine.now());
    }

    // Scheduling in the past would silently reorder causality; it must fail at once.
    @Test
    void schedulingInThePast_throws() {
        Engine engine = new Engine();
        engine.schedule(10, (s, t) -> { }, null, 0);
        engine.run(10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.scheduleAt(5, (s, t) -> { }, null, 0));
        assertTrue(e.getMessage().contains("past"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> engine.schedule(-1, (s, t) -> { }, null, 0));
    }

    @Test
    void cancel_preventsTheEvent_andStopAndEventLimitEndTheRun() {
        Engine engine = new Engine();
        List<Integer> fired = new ArrayList<>();
        Handler h = (s, t) -> {
            fired.add(t);
            if (t == 3) {
                engine.stop();
            }
        };
        long a = engine.schedule(1, h, null, 1);
        engine.schedule(2, h, null, 2);
        engine.schedule(3, h, null, 3);
        engine.schedule(4, h, null, 4);
        assertTrue(engine.cancel(a));
        assertFalse(engine.isPending(a));
        assertEquals(Engine.StopReason.STOPPED, engine.run(100));
        assertEquals(List.of(2, 3), fired);
        engine.setEventLimit(3);
        engine.schedule(1, h, null, 5);
        assertEquals(Engine.StopReason.EVENT_LIMIT, engine.run(100));
        assertEquals(3, engine.eventCount());
    }

    @Test
    void tracer_seesEveryEventInOrder() {
        Engine engine = new Engine();
        List<String> trace = new ArrayList<>();
        engine.setTracer((time, handler, subject, tag) -> trace.add(time + ":" + subject));
        Handler h = (s, t) -> { };
        engine.schedule(7, h, "b", 0);
        engine.schedule(3, h, "a", 0);
        engine.run(10);
        assertEquals(List.of("3:a", "7:b"), trace);
    }
}
