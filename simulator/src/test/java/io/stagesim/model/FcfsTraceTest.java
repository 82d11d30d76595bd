package io.stagesim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A two-server FCFS station traced by hand, with every figure of its result and recorders. */
final class FcfsTraceTest {

    private final Trace trace = new Trace();

    // Two servers, unbounded waiting room. A (4 ns) at 0 and B (4) at 1 are served at once; C (2)
    // at 2 waits for A, starts at 4 and ends at 6. Busy servers: 1 on [0,1), 2 on [1,5), 1 on
    // [5,6): area 10 over 10 ns, so 1 server busy on average, utilisation 1/2.
    @Test
    void twoServers_thirdJobWaitsForTheFirstToLeave() {
        FcfsStation s = new FcfsStation(trace.sim, "db", 2);
        int[] queueAt3 = new int[1];
        int[] insideAt3 = new int[1];
        trace.at(0, () -> s.arrive(trace.job("A"), 4));
        trace.at(1, () -> s.arrive(trace.job("B"), 4));
        trace.at(2, () -> s.arrive(trace.job("C"), 2));
        trace.at(3, () -> {
            queueAt3[0] = s.queueLength();
            insideAt3[0] = s.inside();
        });
        trace.sim.run(10);

        assertEquals(List.of("4 A ok", "5 B ok", "6 C ok"), trace.log);
        assertEquals(1, queueAt3[0]);
        assertEquals(3, insideAt3[0]);
        assertEquals(0, s.queueLength());
        StationResult r = s.result();
        assertEquals("db", r.name());
        assertEquals(2, r.servers());
        assertEquals(3, r.arrivals());
        assertEquals(3, r.completions());
        assertEquals(3 / 10e-9, r.throughput(), 1e-3);
        assertEquals(10 / 10.0 / 2, r.utilization(), 1e-12);
        assertEquals(4.0, r.response().mean(), 1e-12);
        assertEquals(2 / 3.0, r.waiting().mean(), 1e-12);
        // inside: 1 on [0,1), 2 on [1,2), 3 on [2,4), 2 on [4,5), 1 on [5,6): area 12
        assertEquals(12 / 10.0, r.meanInside(), 1e-12);
        assertEquals(3, r.maxInside(), 1e-12);

        // the recorders behind the result, window 0 holding the whole run
        assertEquals(3, s.totalArrivals());
        assertEquals(3, s.totalCompletions());
        assertEquals(0, s.totalRejections());
        assertEquals(0, s.inside());
        assertEquals(3, s.responseTimes().count(0));
        assertEquals(12, s.responseTimes().sum(0), 1e-12);
        assertEquals(2, s.waitingTimes().sum(0), 1e-12);
        assertEquals(12, s.numberInside().area(0), 1e-12);
        assertEquals(10, s.busyServers().area(0), 1e-12);
        assertEquals("db", s.name());
        assertEquals("db", s.toString());
    }

    // One server and no waiting room (Erlang's loss system): B, arriving while A is served, is
    // turned away at once and counted as an arrival and a rejection, never as inside.
    @Test
    void noWaitingRoom_turnsAwayAnArrivalThatFindsTheServerBusy() {
        FcfsStation s = new FcfsStation(trace.sim, "s", 1, 0);
        trace.at(0, () -> s.arrive(trace.job("A"), 4));
        trace.at(1, () -> s.arrive(trace.job("B"), 4));
        trace.sim.run(10);
        assertEquals(List.of("1 B rejected", "4 A ok"), trace.log);
        assertEquals(2, s.totalArrivals());
        assertEquals(1, s.totalRejections());
        StationResult r = s.result();
        assertEquals(1, r.rejections());
        assertEquals(1, r.completions());
        assertEquals(1, r.maxInside(), 1e-12);
    }

    // Sizes: at least one server; a waiting room of 0 or more, or unbounded (-1).
    @Test
    void sizes_areCheckedByName() {
        new FcfsStation(trace.sim, "ok", 1, FcfsStation.UNBOUNDED);
        new FcfsStation(trace.sim, "ok", 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FcfsStation(trace.sim, "db", 1, -2));
        assertEquals("db: waiting room must be >= 0 or unbounded, was -2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FcfsStation(trace.sim, "db", 0));
    }
}
