package io.stagesim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The window grid's arithmetic at its edges: sizes, indices, and a run ending on a boundary. */
final class WindowGridTest {

    @Test
    void sizes_smallestAccepted() {
        Windows w = new Windows(1, 2);
        assertEquals(1, w.width());
        assertThrows(IllegalArgumentException.class, () -> new Windows(0, 2));
        assertThrows(IllegalArgumentException.class, () -> new Windows(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Windows(1, 3));
    }

    // Windows of 10 ns: after three rolls, window 3 [30, 40) is being filled.
    @Test
    void indices_ofTimesAndOfFirstWholeWindows() {
        Windows w = new Windows(10, 8);
        assertEquals(1, w.count());
        w.roll();
        w.roll();
        w.roll();
        assertEquals(4, w.count());
        assertEquals(3, w.current());
        assertEquals(0, w.indexOf(0));
        assertEquals(2, w.indexOf(29));
        assertEquals(3, w.indexOf(1000), "a later time maps to the current window");
        assertThrows(IllegalArgumentException.class, () -> w.indexOf(-1));
        assertEquals(0, w.firstWindowFrom(0));
        assertEquals(1, w.firstWindowFrom(1));
        assertEquals(1, w.firstWindowFrom(10));
        assertEquals(2, w.firstWindowFrom(11));
        assertEquals(3, w.firstWindowFrom(1000));
    }

    // A run may end exactly where the current window starts or ends; a run of length 0 has a
    // window of length 0.
    @Test
    void finish_onEitherBoundaryOfTheCurrentWindow() {
        Windows atStart = new Windows(10, 8);
        atStart.roll();
        atStart.finish(10);
        assertEquals(0, atStart.length(1));
        assertEquals(10, atStart.length(0));

        Windows atEnd = new Windows(10, 8);
        atEnd.roll();
        atEnd.finish(20);
        assertEquals(10, atEnd.length(1));

        Windows empty = new Windows(10, 8);
        empty.finish(0);
        assertEquals(0, empty.length(0));
        assertEquals(0, empty.end());

        Windows outside = new Windows(10, 8);
        outside.roll();
        assertThrows(IllegalArgumentException.class, () -> outside.finish(9));
        assertThrows(IllegalArgumentException.class, () -> outside.finish(21));
    }

    // The measured period starts once, even at time zero.
    @Test
    void measuring_startsOnce() {
        Windows w = new Windows(10, 8);
        assertEquals(-1, w.measuredFrom());
        w.startMeasuring(0);
        assertThrows(IllegalStateException.class, () -> w.startMeasuring(0));
        Windows later = new Windows(10, 8);
        later.startMeasuring(7);
        assertEquals(7, later.measuredFrom());
        later.finish(9);
        assertEquals(2, later.measuredLength());
    }
}
