package io.stagesim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The intrusive FIFO under stations and pools: removal from the head, middle and tail. */
final class JobQueueTest {

    private final Trace trace = new Trace();

    @Test
    void removeFromAnywhere_keepsTheRestInOrder() {
        JobQueue q = new JobQueue();
        assertTrue(q.isEmpty());
        Job a = trace.job("a");
        Job b = trace.job("b");
        Job c = trace.job("c");
        Job d = trace.job("d");
        q.addLast(a);
        q.addLast(b);
        q.addLast(c);
        q.addLast(d);
        q.remove(b); // middle
        q.remove(d); // tail
        assertEquals(2, q.size());
        assertFalse(q.isEmpty());
        q.addLast(b);
        q.remove(a); // head
        assertSame(c, q.pollFirst());
        assertSame(b, q.pollFirst());
        assertNull(q.pollFirst());
        assertTrue(q.isEmpty());
        assertEquals(0, q.size());
    }
}
