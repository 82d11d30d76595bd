package io.stagesim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exact pop orders for the heap's corner cases, worked out on the 4-ary layout (children of i are
 * 4i+1 .. 4i+4): many ties, priorities at their bounds, a cancel whose replacement must sink, and
 * handles that were never issued. A random test against {@code PriorityQueue} rarely builds these.
 */
final class EventQueueOrderTest {

    private static final Handler NOOP = (s, t) -> { };

    private static List<Object> drain(EventQueue q) {
        List<Object> order = new ArrayList<>();
        while (!q.isEmpty()) {
            q.pop();
            order.add(q.poppedSubject());
        }
        return order;
    }

    // Ten events at one instant fill the root and all four of its children with equal times: each
    // pop must pick the child scheduled first, not the last one looked at.
    @Test
    void tenEventsAtOneInstant_leaveInSchedulingOrder() {
        EventQueue q = new EventQueue();
        for (int i = 0; i < 10; i++) {
            q.push(10, 0, NOOP, i, 0);
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), drain(q));
    }

    // Priorities -128 and 127 are the ends of the accepted range and order events at one instant,
    // whichever was scheduled first; one beyond either end is refused.
    @Test
    void priorityBounds_orderEventsAtOneInstant() {
        EventQueue q = new EventQueue();
        q.push(10, 127, NOOP, "last", 0);
        q.push(10, -128, NOOP, "first", 0);
        q.push(10, 0, NOOP, "middle", 0);
        q.push(10, 1, NOOP, "after middle", 0);
        assertEquals(List.of("first", "middle", "after middle", "last"), drain(q));
        assertThrows(IllegalArgumentException.class, () -> q.push(0, -129, NOOP, null, 0));
        assertThrows(IllegalArgumentException.class, () -> q.push(0, 128, NOOP, null, 0));
    }

    // An event of lower priority scheduled later at the same instant rises above the earlier one.
    @Test
    void laterEventOfLowerPriority_risesAboveAnEarlierOneAtTheSameInstant() {
        EventQueue q = new EventQueue();
        q.push(10, 0, NOOP, "c", 0);
        q.push(10, -1, NOOP, "a", 0);
        assertEquals(List.of("a", "c"), drain(q));
    }

    // Scheduled in this order, a b c d e f g h at times 10 10 20 20 20 10 20 10 lie in the array as
    // scheduled: a at the root, b c d e its children, f g h the children of b. Cancelling b moves h
    // (the last) into b's place; h ties with the root's time but comes after it, and after f
    // below it, so it must sink under f: times first, then scheduling order.
    @Test
    void cancelInTheMiddle_replacementTiedWithTheRootSinksBelowEarlierEvents() {
        EventQueue q = new EventQueue();
        String names = "abcdefgh";
        long[] times = {10, 10, 20, 20, 20, 10, 20, 10};
        long[] handles = new long[times.length];
        for (int i = 0; i < times.length; i++) {
            handles[i] = q.push(times[i], 0, NOOP, names.substring(i, i + 1), 0);
        }
        assertTrue(q.cancel(handles[1]));
        assertEquals(List.of("a", "f", "h", "c", "d", "e", "g"), drain(q));
    }

    // After a pop the remaining event moves to the root; its handle must follow it there, so that
    // cancelling it later removes it and not the event scheduled into the slot it left.
    @Test
    void cancelAfterAPop_removesTheEventThatMovedToTheRoot() {
        EventQueue q = new EventQueue();
        q.push(10, 0, NOOP, "A", 0);
        long b = q.push(20, 0, NOOP, "B", 0);
        q.pop();
        assertEquals("A", q.poppedSubject());
        q.push(30, 0, NOOP, "C", 0);
        assertTrue(q.cancel(b));
        assertEquals(List.of("C"), drain(q));
    }

    // A handle names a slot and a generation: one for a slot never used, or for a generation never
    // issued (the slot was freed by a pop or a dispatch), names no event.
    @Test
    void handlesNeverIssued_nameNoEvent() {
        EventQueue q = new EventQueue();
        long a = q.push(10, 0, NOOP, "A", 0);
        assertEquals(0, a, "slot 0, generation 0");
        long unusedSlot = 1;
        assertFalse(q.isPending(unusedSlot));
        assertFalse(q.cancel(unusedSlot));
        q.pop();
        long freedSlotNextGeneration = 1L << 32;
        assertFalse(q.isPending(freedSlotNextGeneration));
        assertFalse(q.cancel(freedSlotNextGeneration));
        assertTrue(q.isEmpty());

        q.push(20, 0, NOOP, "B", 0); // slot 0 again, generation 1
        q.beginDispatch();
        q.endDispatch();
        long afterDispatch = 2L << 32;
        assertFalse(q.cancel(afterDispatch));
        assertEquals(0, q.size());
        long c = q.push(30, 0, NOOP, "C", 0);
        assertEquals(afterDispatch, c, "the slot is reused once, with the next generation");
        assertEquals(List.of("C"), drain(q));
    }

    // clear() empties the queue and makes every handle stale; the queue is usable afterwards.
    @Test
    void clear_removesEveryEventAndStalesTheirHandles() {
        EventQueue q = new EventQueue();
        long a = q.push(10, 0, NOOP, "A", 0);
        long b = q.push(5, 0, NOOP, "B", 0);
        q.clear();
        assertTrue(q.isEmpty());
        assertEquals(Long.MAX_VALUE, q.peekTime());
        assertFalse(q.isPending(a));
        assertFalse(q.cancel(b));
        q.push(7, 0, NOOP, "C", 0);
        q.push(3, 0, NOOP, "D", 0);
        assertEquals(List.of("D", "C"), drain(q));
    }
}
