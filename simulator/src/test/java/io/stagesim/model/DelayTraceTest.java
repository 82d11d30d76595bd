package io.stagesim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An infinite-server delay traced by hand: no waiting, everyone inside at once. */
final class DelayTraceTest {

    private final Trace trace = new Trace();

    // A (5 ns) at 0, B (2) at 1, C (0) at 2: each leaves after its own delay. Inside: 1 on [0,1),
    // 2 on [1,3) (C in and out at 2), 1 on [3,5): area 7 over 10 ns. With no servers to divide by,
    // the utilisation is the mean number busy, the same 0.7.
    @Test
    void everyJobLeavesAfterItsOwnDelay() {
        DelayStation net = new DelayStation(trace.sim, "net");
        trace.at(0, () -> net.delay(trace.job("A"), 5));
        trace.at(1, () -> net.delay(trace.job("B"), 2));
        trace.at(2, () -> net.delay(trace.job("C"), 0));
        long[] clock = new long[1];
        trace.at(4, () -> clock[0] = net.now());
        trace.sim.run(10);

        assertEquals(4, clock[0]);

        assertEquals(List.of("2 C ok", "3 B ok", "5 A ok"), trace.log);
        StationResult r = net.result();
        assertEquals(0, r.servers());
        assertEquals(3, r.arrivals());
        assertEquals(3, r.completions());
        assertEquals((5 + 2 + 0) / 3.0, r.response().mean(), 1e-12);
        assertEquals(0, r.waiting().count());
        assertEquals(7 / 10.0, r.meanInside(), 1e-12);
        assertEquals(7 / 10.0, r.utilization(), 1e-12);
        assertEquals(3, r.maxInside(), 1e-12);
        assertEquals("net", net.toString());
    }

    // A run that ends where it began has no length: a job in and out at time 0 gives no rate.
    @Test
    void zeroLengthRun_hasNoThroughput() {
        DelayStation net = new DelayStation(trace.sim, "net");
        net.delay(trace.job("A"), 0);
        trace.sim.run(0);
        assertEquals(List.of("0 A ok"), trace.log);
        StationResult r = net.result();
        assertEquals(1, r.completions());
        assertEquals(0.0, r.throughput());
        assertEquals(0.0, r.utilization());
    }
}
