package io.stagesim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The books of things begun and not yet resolved close: begun + open at start = resolved + open at end. */
final class OpenCounterTest {

    @Test
    void openAtTheStartOfMeasuring_closesTheBooks() {
        Windows w = new Windows(10, 8);
        OpenCounter open = new OpenCounter(w);
        assertEquals(0, open.openAtMeasuringStart());
        open.begin();
        open.begin();
        open.begin();
        open.resolve();
        w.startMeasuring(5); // 2 open
        open.begin();
        open.resolve();
        open.resolve();
        w.roll();
        w.finish(15);
        long begun = 1;
        long resolved = 2;
        assertEquals(2, open.openAtMeasuringStart());
        assertEquals(1, open.open());
        assertEquals(begun + open.openAtMeasuringStart(), resolved + open.open());
    }

    // A run stopped in its warm-up measured nothing: what is open was open when its empty measured
    // period began, and the books close (0 begun + 2 open at the start = 0 resolved + 2 open at the end).
    @Test
    void beforeMeasuring_everythingOpenWasOpenAtTheStart() {
        Windows w = new Windows(10, 8);
        OpenCounter open = new OpenCounter(w);
        open.begin();
        open.begin();
        open.begin();
        open.resolve();
        assertEquals(2, open.openAtMeasuringStart());
        assertEquals(open.openAtMeasuringStart(), open.open());
    }
}
