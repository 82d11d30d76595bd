package io.stagesim.engine;

import java.util.Arrays;

/**
 * A pending-event set: an indexed 4-ary min-heap over primitive arrays, ordered by
 * (time, priority, insertion sequence), so that events at the same time and priority leave in the
 * order they were scheduled.
 *
 * <p>Each event lives in a slot (handler, subject, tag) that is recycled through a free list; the
 * heap holds the slot number beside the event's sort key. A handle packs the slot with a
 * generation count, so a stale handle (to an event already fired or cancelled) cancels nothing.
 *
 * <p>Removal of an arbitrary event (cancel) is O(log n): timeouts are usually cancelled, and
 * leaving them in the heap as tombstones would let it grow with rate × timeout.
 */
public final class EventQueue {

    private static final int ARITY_SHIFT = 2; // 4-ary: children of i are 4i+1 .. 4i+4
    private static final int PRIORITY_SHIFT = 56;
    private static final long SEQUENCE_MASK = (1L << PRIORITY_SHIFT) - 1;

    // for speed: the sort key sits in the heap arrays themselves, so sifting reads two long
    // arrays sequentially instead of chasing slot numbers.
    private long[] heapTime;
    private long[] heapOrder; // priority << 56 | sequence: signed, so it orders by priority first
    private int[] heapSlot;
    private int size;

    private Handler[] slotHandler;
    private Object[] slotSubject;
    private int[] slotTag;
    private int[] slotPosition; // position in the heap, -1 when free
    private int[] slotGeneration;
    private int[] freeSlots;
    private int freeCount;
    private int slotsUsed;

    private long sequence;

    // The event most recently removed by pop(): its slot stays intact until the next push.
    private int poppedSlot;
    private long poppedTime;
    // While an event is being dispatched its entry stays at the root as a hole; the first event
    // scheduled meanwhile takes its place with a single sift-down (see beginDispatch).
    private boolean holeAtRoot;

    /** An empty queue with room for {@code initialCapacity} events before it grows. */
    public EventQueue(int initialCapacity) {
        int capacity = Math.max(16, initialCapacity);
        heapTime = new long[capacity];
        heapOrder = new long[capacity];
        heapSlot = new int[capacity];
        slotHandler = new Handler[capacity];
        slotSubject = new Object[capacity];
        slotTag = new int[capacity];
        slotPosition = new int[capacity];
        slotGeneration = new int[capacity];
        freeSlots = new int[capacity];
    }

    /** An empty queue with a default capacity. */
    public EventQueue() {
        this(1024);
    }

    /** Number of pending events. */
    public int size() {
        return holeAtRoot ? size - 1 : size;
    }

    /** True when no event is pending. */
    public boolean isEmpty() {
        return size() == 0;
    }

    /** Time of the earliest pending event; {@link Long#MAX_VALUE} when empty (not during a dispatch). */
    public long peekTime() {
        return size == 0 ? Long.MAX_VALUE : heapTime[0];
    }

    /**
     * Adds an event and returns its handle for {@link #cancel(long)}.
     *
     * @param priority lower runs first among events at the same time, from -128 to 127
     */
    public long push(long time, int priority, Handler handler, Object subject, int tag) {
        if (priority < -128 || priority > 127) {
            throw new IllegalArgumentException("priority must be in -128..127, was " + priority);
        }
        int slot = allocateSlot();
        slotHandler[slot] = handler;
        slotSubject[slot] = subject;
        slotTag[slot] = tag;
        long order = ((long) priority << PRIORITY_SHIFT) | (sequence++ & SEQUENCE_MASK);
        if (holeAtRoot) {
            // for speed: the event being dispatched is still at the root; the new one replaces it
            // with one sift-down instead of a sift-up now and a sift-down when the hole is removed
            holeAtRoot = false;
            siftDown(0, time, order, slot);
        } else {
            if (size == heapTime.length) {
                growHeap();
            }
            siftUp(size++, time, order, slot);
        }
        return ((long) slotGeneration[slot] << 32) | slot;
    }

    /**
     * Takes the earliest event for dispatch: like {@link #pop()}, but its entry stays at the root
     * until {@link #endDispatch()} or until the first {@link #push} made meanwhile replaces it.
     */
    public void beginDispatch() {
        if (size == 0) {
            throw new IllegalStateException("dispatch from an empty event queue");
        }
        int slot = heapSlot[0];
        poppedTime = heapTime[0];
        poppedSlot = slot;
        freeSlot(slot);
        holeAtRoot = true;
    }

    /** Ends a dispatch begun by {@link #beginDispatch()}, removing the root if nothing replaced it. */
    public void endDispatch() {
        if (holeAtRoot) {
            holeAtRoot = false;
            int last = --size;
            if (last > 0) {
                siftDown(0, heapTime[last], heapOrder[last], heapSlot[last]);
            }
        }
    }

    /**
     * Removes the earliest event; read it with {@link #poppedTime()}, {@link #poppedHandler()},
     * {@link #poppedSubject()} and {@link #poppedTag()}.
     *
     * @throws IllegalStateException when the queue is empty
     */
    public void pop() {
        if (holeAtRoot) {
            throw new IllegalStateException("pop during a dispatch");
        }
        if (size == 0) {
            throw new IllegalStateException("pop from an empty event queue");
        }
        int slot = heapSlot[0];
        poppedTime = heapTime[0];
        poppedSlot = slot;
        freeSlot(slot);
        int last = --size;
        if (last > 0) {
            siftDown(0, heapTime[last], heapOrder[last], heapSlot[last]);
        }
    }

    /** Time of the event last removed by {@link #pop()}. */
    public long poppedTime() {
        return poppedTime;
    }

    /** Handler of the event last removed by {@link #pop()}; valid until the next push. */
    public Handler poppedHandler() {
        return slotHandler[poppedSlot];
    }

    /** Subject of the event last removed by {@link #pop()}; valid until the next push. */
    public Object poppedSubject() {
        return slotSubject[poppedSlot];
    }

    /** Tag of the event last removed by {@link #pop()}; valid until the next push. */
    public int poppedTag() {
        return slotTag[poppedSlot];
    }

    /** Cancels a pending event; returns false when it already fired or was cancelled. */
    public boolean cancel(long handle) {
        int slot = (int) handle;
        int generation = (int) (handle >>> 32);
        if (slot < 0 || slot >= slotsUsed || slotGeneration[slot] != generation) {
            return false;
        }
        int position = slotPosition[slot];
        if (position < 0) {
            return false;
        }
        freeSlot(slot);
        int last = --size;
        if (position != last) {
            long time = heapTime[last];
            long order = heapOrder[last];
            int moved = heapSlot[last];
            if (position > 0 && before(time, order, heapTime[parent(position)], heapOrder[parent(position)])) {
                siftUp(position, time, order, moved);
            } else {
                siftDown(position, time, order, moved);
            }
        }
        return true;
    }

    /** Gives a pending event another subject (a request split in two); false when it is not pending. */
    public boolean resubject(long handle, Object subject) {
        if (!isPending(handle)) {
            return false;
        }
        slotSubject[(int) handle] = subject;
        return true;
    }

    /** True when the handle names an event that is still pending. */
    public boolean isPending(long handle) {
        int slot = (int) handle;
        return slot >= 0 && slot < slotsUsed && slotGeneration[slot] == (int) (handle >>> 32)
                && slotPosition[slot] >= 0;
    }

    /** Removes every pending event. */
    public void clear() {
        holeAtRoot = false;
        while (size > 0) {
            freeSlot(heapSlot[--size]);
        }
        Arrays.fill(slotHandler, null);
        Arrays.fill(slotSubject, null);
    }

    private static int parent(int i) {
        return (i - 1) >>> ARITY_SHIFT;
    }

    private static boolean before(long time, long order, long otherTime, long otherOrder) {
        return time < otherTime || (time == otherTime && order < otherOrder);
    }

    private void siftUp(int position, long time, long order, int slot) {
        int i = position;
        while (i > 0) {
            int p = parent(i);
            long pt = heapTime[p];
            if (time > pt || (time == pt && order > heapOrder[p])) {
                break;
            }
            place(i, pt, heapOrder[p], heapSlot[p]);
            i = p;
        }
        place(i, time, order, slot);
    }

    private void siftDown(int position, long time, long order, int slot) {
        int i = position;
        int n = size;
        while (true) {
            int first = (i << ARITY_SHIFT) + 1;
            if (first >= n) {
                break;
            }
            int best = first;
            long bt = heapTime[first];
            long bo = heapOrder[first];
            int end = Math.min(first + 4, n);
            for (int c = first + 1; c < end; c++) {
                long ct = heapTime[c];
                if (ct < bt || (ct == bt && heapOrder[c] < bo)) {
                    best = c;
                    bt = ct;
                    bo = heapOrder[c];
                }
            }
            if (time < bt || (time == bt && order < bo)) {
                break;
            }
            place(i, bt, bo, heapSlot[best]);
            i = best;
        }
        place(i, time, order, slot);
    }

    private void place(int position, long time, long order, int slot) {
        heapTime[position] = time;
        heapOrder[position] = order;
        heapSlot[position] = slot;
        slotPosition[slot] = position;
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (slotsUsed == slotHandler.length) {
            growSlots();
        }
        return slotsUsed++;
    }

    private void freeSlot(int slot) {
        // for speed: a freed slot keeps its handler and subject until it is reused (two reference
        // stores and their GC barriers saved per event); clear() drops them.
        slotPosition[slot] = -1;
        slotGeneration[slot]++;
        freeSlots[freeCount++] = slot;
    }

    private void growHeap() {
        int capacity = heapTime.length * 2;
        heapTime = Arrays.copyOf(heapTime, capacity);
        heapOrder = Arrays.copyOf(heapOrder, capacity);
        heapSlot = Arrays.copyOf(heapSlot, capacity);
    }

    private void growSlots() {
        int capacity = slotHandler.length * 2;
        slotHandler = Arrays.copyOf(slotHandler, capacity);
        slotSubject = Arrays.copyOf(slotSubject, capacity);
        slotTag = Arrays.copyOf(slotTag, capacity);
        slotPosition = Arrays.copyOf(slotPosition, capacity);
        slotGeneration = Arrays.copyOf(slotGeneration, capacity);
        freeSlots = Arrays.copyOf(freeSlots, capacity);
    }
}
