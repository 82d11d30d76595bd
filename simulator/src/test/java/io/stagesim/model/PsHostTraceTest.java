package io.stagesim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Processor sharing traced by hand: with n jobs on c cores each gets min(1, c/n) of a core times
 * speed × capacity, so a finishing time is where the work done per job reaches the job's work.
 */
final class PsHostTraceTest {

    private final Trace trace = new Trace();

    // One core, five jobs at 0 with work 5, 1, 4, 2, 3. Work done per job reaches 1 at 5 (five
    // sharing), 2 at 9 (four), 3 at 12 (three), 4 at 14 (two), 5 at 15 (alone).
    @Test
    void fiveJobsOnOneCore_finishInOrderOfWork() {
        PsHost cpu = new PsHost(trace.sim, "cpu", 1);
        String[] names = {"A", "B", "C", "D", "E"};
        long[] work = {5, 1, 4, 2, 3};
        trace.at(0, () -> {
            for (int i = 0; i < names.length; i++) {
                cpu.execute(trace.job(names[i]), work[i]);
            }
        });
        int[] runningAt7 = new int[1];
        trace.at(7, () -> runningAt7[0] = cpu.running());
        trace.sim.run(20);
        assertEquals(List.of("5 B ok", "9 D ok", "12 E ok", "14 C ok", "15 A ok"), trace.log);
        assertEquals(4, runningAt7[0]);
        StationResult r = cpu.result();
        assertEquals((5 + 9 + 12 + 14 + 15) / 5.0, r.response().mean(), 1e-12);
        assertEquals(15 / 20.0, r.utilization(), 1e-12);
        assertEquals(5, r.maxInside(), 1e-12);
    }

    // Speed 2, one core: A (work 4) and B (work 2) arrive at 10 and share at 1 unit/ns each; B ends
    // at 12, then A runs alone at 2 units/ns: its last 2 units take 1 ns, ending at 13. Alone at
    // speed 2 they would take 2 and 1 ns: each waited 1 ns.
    @Test
    void fasterCpu_sharedThenAlone() {
        PsHost cpu = new PsHost(trace.sim, "cpu", 1);
        cpu.setSpeed(2);
        trace.at(10, () -> {
            cpu.execute(trace.job("A"), 4);
            cpu.execute(trace.job("B"), 2);
        });
        trace.sim.run(20);
        assertEquals(List.of("12 B ok", "13 A ok"), trace.log);
        StationResult r = cpu.result();
        assertEquals((2 + 3) / 2.0, r.response().mean(), 1e-12);
        assertEquals(1.0, r.waiting().mean(), 1e-12);
        assertEquals(2, r.waiting().count());
        assertEquals(2.0, cpu.speed());
    }

    // A (work 4) at 0; at 2 the CPU doubles its speed: the 2 units left take 1 ns, ending at 3.
    @Test
    void speedChangeMidService_appliesToTheWorkLeft() {
        PsHost cpu = new PsHost(trace.sim, "cpu", 1);
        trace.at(0, () -> cpu.execute(trace.job("A"), 4));
        trace.at(2, () -> cpu.setSpeed(2));
        trace.sim.run(20);
        assertEquals(List.of("3 A ok"), trace.log);
    }

    // Capacity 0 (all of the CPU stolen) from 2 to 10 stops A, 2 units short; it ends at 12.
    @Test
    void zeroCapacity_stopsProgressUntilRestored() {
        PsHost cpu = new PsHost(trace.sim, "cpu", 1);
        trace.at(0, () -> cpu.execute(trace.job("A"), 4));
        trace.at(2, () -> cpu.setCapacity(0));
        trace.at(10, () -> cpu.setCapacity(1));
        trace.sim.run(20);
        assertEquals(List.of("12 A ok"), trace.log);
        assertEquals(1.0, cpu.capacity());
    }

    // Two cores. A (10) and B (12) at 0, C (10) at 1: three share two cores until the crash at 4,
    // which fails all three at once; D sent at 5 while down fails at once; E (3) sent at 7, after
    // the host is back at 6, runs alone to 10. Busy cores: 2 on [0,4), 1 on [7,10): area 11.
    // Inside: 2 on [0,1), 3 on [1,4), 1 on [7,10): area 14. Only E has a response time.
    @Test
    void crash_failsEveryJobAtOnce_andJobsSentWhileDown() {
        PsHost cpu = new PsHost(trace.sim, "web", 2);
        trace.at(0, () -> cpu.execute(trace.job("A"), 10));
        trace.at(0, () -> cpu.execute(trace.job("B"), 12));
        trace.at(1, () -> cpu.execute(trace.job("C"), 10));
        trace.at(4, () -> cpu.setDown(true));
        trace.at(5, () -> cpu.execute(trace.job("D"), 1));
        trace.at(6, () -> cpu.setDown(false));
        trace.at(7, () -> cpu.execute(trace.job("E"), 3));
        boolean[] downAt5 = new boolean[1];
        trace.at(5, () -> downAt5[0] = cpu.isDown());
        trace.sim.run(20);

        assertEquals(List.of("4 A failed", "4 C failed", "4 B failed", "5 D failed", "10 E ok"), trace.log);
        assertTrue(downAt5[0]);
        assertFalse(cpu.isDown());
        StationResult r = cpu.result();
        assertEquals(2, r.servers());
        assertEquals(5, r.arrivals());
        assertEquals(5, r.completions());
        assertEquals(0, r.insideAtEnd());
        assertEquals(1, r.response().count());
        assertEquals(3, r.response().mean(), 1e-12);
        assertEquals(11 / 20.0 / 2, r.utilization(), 1e-12);
        assertEquals(14 / 20.0, r.meanInside(), 1e-12);
        assertEquals(3, r.maxInside(), 1e-12);
        assertEquals(0, cpu.running());
    }

    // Bringing up a host that is up changes nothing: A still ends at 4.
    @Test
    void upWhileUp_changesNothing() {
        PsHost cpu = new PsHost(trace.sim, "cpu", 1);
        trace.at(0, () -> cpu.execute(trace.job("A"), 4));
        trace.at(2, () -> cpu.setDown(false));
        trace.sim.run(20);
        assertEquals(List.of("4 A ok"), trace.log);
    }

    // Work handed over before the run starts takes the engine's first event handle (0); B's
    // arrival at 1 must still move that departure: B ends at 5, A at 6 (as when both come in a run).
    @Test
    void workSubmittedBeforeTheRun_isRescheduledLikeAnyOther() {
        PsHost cpu = new PsHost(trace.sim, "cpu", 1);
        cpu.execute(trace.job("A"), 4);
        trace.at(1, () -> cpu.execute(trace.job("B"), 2));
        trace.sim.run(20);
        assertEquals(List.of("5 B ok", "6 A ok"), trace.log);
        assertEquals("cpu", cpu.toString());
    }

    @Test
    void badSettings_areRefused() {
        PsHost cpu = new PsHost(trace.sim, "cpu", 1);
        assertThrows(IllegalArgumentException.class, () -> cpu.setSpeed(0));
        assertThrows(IllegalArgumentException.class, () -> cpu.setSpeed(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> cpu.setSpeed(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> cpu.setCapacity(-0.1));
        assertThrows(IllegalArgumentException.class, () -> cpu.setCapacity(1.1));
        assertThrows(IllegalArgumentException.class, () -> new PsHost(trace.sim, "cpu", 0));
        cpu.setCapacity(0);
        cpu.setCapacity(1);
        assertEquals(1.0, cpu.speed());
    }
}
