package io.stagesim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Giving a pending event another subject (a request split in two by a timeout keeps its timers):
 * the event fires at its time with the new subject; a handle that has fired or been cancelled
 * changes nothing, not even the event that reuses its slot.
 */
final class ResubjectTest {

    private final Engine engine = new Engine();
    private final List<String> fired = new ArrayList<>();
    private final Handler log = (s, t) -> fired.add(engine.now() + " " + s);

    @Test
    void aPendingEvent_firesWithItsNewSubject_aStaleHandleChangesNothing() {
        long a = engine.scheduleAt(10, log, "a", 0);
        long b = engine.scheduleAt(20, log, "b", 0);
        assertTrue(engine.resubject(a, "front"));
        assertTrue(engine.cancel(b));
        assertFalse(engine.resubject(b, "stale"), "cancelled");
        engine.run(15);
        assertFalse(engine.resubject(a, "stale"), "fired");
        long c = engine.scheduleAt(30, log, "c", 0); // reuses a freed slot
        assertFalse(engine.resubject(a, "stale"));
        assertFalse(engine.resubject(b, "stale"));
        engine.run(40);
        assertEquals(List.of("10 front", "30 c"), fired);
        assertFalse(engine.resubject(c, "late"));
    }
}
