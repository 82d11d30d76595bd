package io.stagesim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pool's trace and statistics worked out by hand: who is granted when, every wait, and the
 * time-averages of units in use and of waiters as areas under step functions.
 */
final class PoolTraceTest {

    private final Trace trace = new Trace();

    // Two units. X (0) and Y (1) are granted at once; Z (2) and W (3) wait. X's release at 6 goes
    // to Z (waited 4), Y's at 8 to W (waited 5); Z releases at 9, W at 10.
    // In use: 1 on [0,1), 2 on [1,9), 1 on [9,10): area 18 over 10 ns.
    // Waiting: 1 on [2,3), 2 on [3,6), 1 on [6,8): area 9 over 10 ns.
    @Test
    void twoUnits_grantsWaitsAndAreasByHand() {
        Pool pool = new Pool(trace.sim, "conn", 2);
        trace.at(0, () -> pool.acquire(trace.job("X")));
        trace.at(1, () -> pool.acquire(trace.job("Y")));
        trace.at(2, () -> pool.acquire(trace.job("Z")));
        trace.at(3, () -> pool.acquire(trace.job("W")));
        trace.at(6, pool::release);
        trace.at(8, pool::release);
        trace.at(9, pool::release);
        trace.at(10, pool::release);
        trace.sim.run(10);

        assertEquals(List.of("0 X ok", "1 Y ok", "6 Z ok", "8 W ok"), trace.log);
        PoolResult r = pool.result();
        assertEquals("conn", r.name());
        assertEquals(2, r.units());
        assertEquals(4, r.requests());
        assertEquals(4, r.grants());
        assertEquals(0, r.rejections());
        assertEquals(0, r.timeouts());
        assertEquals(4, r.waitTime().count());
        assertEquals((0 + 0 + 4 + 5) / 4.0, r.waitTime().mean(), 1e-12);
        assertEquals(5, r.waitTime().max(), 1e-12);
        assertEquals(18 / 10.0, r.meanInUse(), 1e-12);
        assertEquals(18 / 10.0 / 2, r.utilization(), 1e-12);
        assertEquals(9 / 10.0, r.meanWaiting(), 1e-12);
        assertEquals(4, pool.totalRequests());
        assertEquals(2, pool.free());
        assertEquals(2, pool.units());
        assertEquals("conn", pool.name());
        assertEquals("conn", pool.toString());
    }

    // take(): a unit taken for nobody (a worker the kernel killed) counts as in use until released,
    // and none can be taken from a full pool. Two units; take at 1 (true), X granted at 2, take at 3
    // finds none free (false, nothing changes); X releases at 5; the taken unit comes back at 8.
    // In use: 1 on [1,2), 2 on [2,5), 1 on [5,8): area 10 over 10 ns.
    @Test
    void take_holdsAUnitForNobody_untilReleased() {
        Pool pool = new Pool(trace.sim, "workers", 2);
        boolean[] took = new boolean[2];
        trace.at(1, () -> took[0] = pool.take());
        trace.at(2, () -> pool.acquire(trace.job("X")));
        trace.at(3, () -> took[1] = pool.take());
        trace.at(5, pool::release);
        trace.at(8, pool::release);
        trace.sim.run(10);

        assertEquals(List.of("2 X ok"), trace.log);
        assertEquals(true, took[0]);
        assertEquals(false, took[1]);
        assertEquals(2, pool.free());
        PoolResult r = pool.result();
        assertEquals(1, r.requests());
        assertEquals(10 / 10.0, r.meanInUse(), 1e-12);
    }

    // One unit held by X over the whole run; Y (2) and Z (4) each give up after 5 ns, at 7 and 9.
    // Waiting: 1 on [2,4), 2 on [4,7), 1 on [7,9): area 10 over 10 ns. Waits: 0, 5, 5.
    @Test
    void waitLimit_timeoutsLeaveTheQueueAndCountTheirWaits() {
        Pool pool = new Pool(trace.sim, "conn", 1, false, 5, -1);
        int[] waitingAt8 = new int[1];
        trace.at(0, () -> pool.acquire(trace.job("X")));
        trace.at(2, () -> pool.acquire(trace.job("Y")));
        trace.at(4, () -> pool.acquire(trace.job("Z")));
        trace.at(8, () -> waitingAt8[0] = pool.waiting());
        trace.sim.run(10);

        assertEquals(List.of("0 X ok", "7 Y timed out", "9 Z timed out"), trace.log);
        assertEquals(1, waitingAt8[0]);
        assertEquals(0, pool.waiting());
        PoolResult r = pool.result();
        assertEquals(3, r.requests());
        assertEquals(1, r.grants());
        assertEquals(2, r.timeouts());
        assertEquals(3, r.waitTime().count());
        assertEquals(10 / 3.0, r.waitTime().mean(), 1e-12);
        assertEquals(10 / 10.0, r.meanWaiting(), 1e-12);
        assertEquals(1.0, r.utilization(), 1e-12);
    }

    // Work submitted before the run starts takes the engine's first event handle (0); Y's wait
    // timer is that event, and granting Y at 2 must still cancel it.
    @Test
    void waitStartedBeforeTheRun_itsTimerIsCancelledOnGrant() {
        Pool pool = new Pool(trace.sim, "conn", 1, false, 5, -1);
        pool.acquire(trace.job("X"));
        pool.acquire(trace.job("Y"));
        trace.at(2, pool::release);
        trace.sim.run(20);
        assertEquals(List.of("0 X ok", "2 Y ok"), trace.log);
        assertEquals(0, pool.totalTimeouts());
        assertEquals(0, pool.waiting());
    }

    // maxWaiting 0: no one may wait, the second job is turned away; maxWaiting 1: one waits, the
    // third is turned away.
    @Test
    void maxWaiting_zeroAndOne() {
        Pool none = new Pool(trace.sim, "none", 1, false, Pool.NO_LIMIT, 0);
        Pool one = new Pool(trace.sim, "one", 1, false, Pool.NO_LIMIT, 1);
        trace.at(0, () -> none.acquire(trace.job("A")));
        trace.at(1, () -> none.acquire(trace.job("B")));
        trace.at(2, () -> one.acquire(trace.job("C")));
        trace.at(3, () -> one.acquire(trace.job("D")));
        trace.at(4, () -> one.acquire(trace.job("E")));
        trace.sim.run(10);
        assertEquals(List.of("0 A ok", "1 B rejected", "2 C ok", "4 E rejected"), trace.log);
        assertEquals(1, none.totalRejections());
        assertEquals(1, one.totalRejections());
        assertEquals(1, one.waiting());
        assertEquals(1, one.result().rejections());
    }

    // A release with every unit free is a bug in the caller, and bad sizes are refused by name.
    @Test
    void misuse_isRefused() {
        Pool pool = new Pool(trace.sim, "conn", 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, pool::release);
        assertEquals("conn: release without a unit held", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Pool(trace.sim, "p", 0));
        assertThrows(IllegalArgumentException.class, () -> new Pool(trace.sim, "p", 1, false, -2, -1));
        assertThrows(IllegalArgumentException.class, () -> new Pool(trace.sim, "p", 1, false, 0, -2));
    }
}
