package io.stagesim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class EventQueueTest {

    private static final Handler NOOP = (s, t) -> { };

    // Ties must leave in (priority, insertion) order, or runs are not reproducible.
    @Test
    void sameTime_leavesByPriorityThenInsertionOrder() {
        EventQueue q = new EventQueue(4);
        q.push(10, 0, NOOP, "c", 0);
        q.push(10, -1, NOOP, "a", 0);
        q.push(5, 5, NOOP, "first", 0);
        q.push(10, 0, NOOP, "d", 0);
        q.push(10, -1, NOOP, "b", 0);
        List<Object> order = new ArrayList<>();
        while (!q.isEmpty()) {
            q.pop();
            order.add(q.poppedSubject());
        }
        assertEquals(List.of("first", "a", "b", "c", "d"), order);
    }

    // The heap against java.util.PriorityQueue on random pushes, pops and cancels.
    @Test
    void randomOperations_matchReferenceQueue() {
        record Ev(long time, long seq, long handle) { }
        SplittableRandom rnd = new SplittableRandom(42);
        EventQueue q = new EventQueue(2);
        PriorityQueue<Ev> ref = new PriorityQueue<>((x, y) -> x.time != y.time
                ? Long.compare(x.time, y.time) : Long.compare(x.seq, y.seq));
        List<Ev> live = new ArrayList<>();
        long seq = 0;
        long now = 0;
        for (int step = 0; step < 200_000; step++) {
            int op = rnd.nextInt(10);
            if (op < 5 || ref.isEmpty()) {
                long t = now + rnd.nextInt(1000);
                Ev e = new Ev(t, seq, 0);
                long h = q.push(t, 0, NOOP, e, 0);
                Ev withHandle = new Ev(t, seq++, h);
                ref.add(withHandle);
                live.add(withHandle);
                q.cancel(-1); // a bogus handle cancels nothing
            } else if (op < 8) {
                Ev expected = ref.poll();
                live.remove(expected);
                q.pop();
                assertEquals(expected.time, q.poppedTime());
                assertEquals(expected.seq, ((Ev) q.poppedSubject()).seq());
                assertFalse(q.cancel(expected.handle), "a fired event cannot be cancelled");
                now = expected.time;
            } else {
                Ev victim = live.remove(rnd.nextInt(live.size()));
                ref.remove(victim);
                assertTrue(q.isPending(victim.handle));
                assertTrue(q.cancel(victim.handle));
                assertFalse(q.cancel(victim.handle), "cancelling twice must fail");
            }
            assertEquals(ref.size(), q.size());
        }
    }

    @Test
    void priorityOutOfRange_isRefused() {
        EventQueue q = new EventQueue();
        assertThrows(IllegalArgumentException.class, () -> q.push(0, 128, NOOP, null, 0));
        assertThrows(IllegalStateException.class, q::pop);
    }
}
