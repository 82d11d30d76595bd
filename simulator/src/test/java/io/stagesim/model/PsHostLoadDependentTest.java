package io.stagesim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A load-dependent CPU traced by hand: with n jobs present, work costs scale(n) times as much. */
final class PsHostLoadDependentTest {

    private final Trace trace = new Trace();

    // One core, scale 0.8 with two jobs: each gets half the core and its work costs 0.8, so it
    // progresses at 0.5 / 0.8 = 0.625 units/ns. B (work 5) ends at 8; A has done 5 of its 10 and
    // runs alone at scale 1: 5 ns more, ending at 13. Each would have taken its work alone: both
    // waited 3 ns.
    @Test
    void cheaperWorkWhenBusy() {
        PsHost cpu = new PsHost(trace.sim, "cpu", 1);
        cpu.setDemandScale(new double[] {1.0, 0.8});
        trace.at(0, () -> {
            cpu.execute(trace.job("A"), 10);
            cpu.execute(trace.job("B"), 5);
        });
        trace.sim.run(30);
        assertEquals(List.of("8 B ok", "13 A ok"), trace.log);
        assertEquals(3.0, cpu.result().waiting().mean(), 1e-12);
    }

    // Scale 1.25 with two jobs: each progresses at 0.5 / 1.25 = 0.4 units/ns. B (work 4) ends at
    // 10; A (work 8) has 4 left alone at 1 unit/ns: ends at 14.
    @Test
    void dearerWorkWhenBusy() {
        PsHost cpu = new PsHost(trace.sim, "cpu", 1);
        cpu.setDemandScale(new double[] {1.0, 1.25});
        trace.at(0, () -> {
            cpu.execute(trace.job("A"), 8);
            cpu.execute(trace.job("B"), 4);
        });
        trace.sim.run(30);
        assertEquals(List.of("10 B ok", "14 A ok"), trace.log);
    }

    // The last entry holds for every larger n: three jobs of work 6 on two cores at scale 0.5 (from
    // the entry for 2) each get 2/3 of a core at cost 0.5: 4/3 units/ns, all ending at 4.5 → 5
    // (departures are rounded up to the next ns; the order of a tie is the heap's).
    @Test
    void lastEntryHoldsBeyondTheTable() {
        PsHost cpu = new PsHost(trace.sim, "cpu", 2);
        cpu.setDemandScale(new double[] {1.0, 0.5});
        trace.at(0, () -> {
            cpu.execute(trace.job("A"), 6);
            cpu.execute(trace.job("B"), 6);
            cpu.execute(trace.job("C"), 6);
        });
        trace.sim.run(30);
        assertEquals(List.of("5 A ok", "5 B ok", "5 C ok"), trace.log.stream().sorted().toList());
    }

    // A scale set mid-service applies to the work left: A (work 10) alone at scale 1 until 4, then
    // at scale 2 its 6 units left take 12 ns: ends at 16. Removed again (null) at 10: 3 units were
    // left, done by 13.
    @Test
    void changeMidServiceAppliesToTheWorkLeft() {
        PsHost cpu = new PsHost(trace.sim, "cpu", 1);
        trace.at(0, () -> cpu.execute(trace.job("A"), 10));
        trace.at(4, () -> cpu.setDemandScale(new double[] {2.0}));
        trace.at(10, () -> cpu.setDemandScale(null));
        trace.sim.run(30);
        assertEquals(List.of("13 A ok"), trace.log);
    }

    // A job alone on a CPU whose work costs twice as much (scale 2 from one job up): 10 units take
    // 20 ns, and that is what it takes alone, so it waited nothing (the wait is reckoned from the
    // time alone at the scale for one job, not at the reference).
    @Test
    void aJobAloneWaitsNothingWhateverTheScale() {
        PsHost cpu = new PsHost(trace.sim, "cpu", 1);
        cpu.setDemandScale(new double[] {2.0});
        trace.at(0, () -> cpu.execute(trace.job("A"), 10));
        trace.sim.run(30);
        assertEquals(List.of("20 A ok"), trace.log);
        assertEquals(0.0, cpu.result().waiting().mean(), 0);
        assertEquals(20.0, cpu.result().response().mean(), 0);
    }

    // An empty table is no table: the CPU is load-independent (A and B, work 10 each, share one core:
    // both end at 20).
    @Test
    void anEmptyTableIsLoadIndependent() {
        PsHost cpu = new PsHost(trace.sim, "cpu", 1);
        cpu.setDemandScale(new double[0]);
        trace.at(0, () -> {
            cpu.execute(trace.job("A"), 10);
            cpu.execute(trace.job("B"), 10);
        });
        trace.sim.run(30);
        assertEquals(List.of("20 A ok", "20 B ok"), trace.log.stream().sorted().toList());
    }

    @Test
    void aScaleOfExactlyZeroIsRefused() {
        PsHost cpu = new PsHost(trace.sim, "cpu", 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cpu.setDemandScale(new double[] {0.0}));
        assertEquals("cpu: demand scale must be > 0, was 0.0", e.getMessage());
    }

    @Test
    void nonPositiveScaleIsRefused() {
        PsHost cpu = new PsHost(trace.sim, "cpu", 1);
        assertThrows(IllegalArgumentException.class, () -> cpu.setDemandScale(new double[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> cpu.setDemandScale(new double[] {Double.NaN}));
    }
}
