package io.stagesim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.stats.LevelRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A burstable host's credit account traced by hand with a few long jobs, so that between two
 * changes in the number of jobs nothing else happens: the exhaustion event alone throttles the host,
 * the balance is read between events, and the level recorded at each change is checked as a step
 * function. One core at baseline 0.2 earns 0.2 vCPU; one job keeps 1 vCPU busy, 0.8 above it, so
 * one credit (60 vCPU-seconds) lasts 75 s. Two cores at baseline 0.5 earn exactly one vCPU, so one
 * job spends what the host earns and two spend one vCPU more.
 */
final class CpuCreditsTraceTest {

    private static final long S = 1_000_000_000L;

    private final Trace trace = new Trace();
    private final Simulation sim = trace.sim;

    private CpuCredits account(PsHost cpu, double baseline, double credits, double max, boolean unlimited,
            LevelRecorder level) {
        CpuCredits c = new CpuCredits(sim, cpu.servers(), baseline, credits, max, unlimited, level);
        cpu.setCredits(c);
        return c;
    }

    /** Reads {@code what} at {@code time} (an event that does not touch the host). */
    private <T> List<T> readAt(Supplier<T> what, long... times) {
        List<T> out = new ArrayList<>();
        for (long t : times) {
            trace.at(t, () -> out.add(what.get()));
        }
        return out;
    }

    // One core, one credit at most, standard. A 100 s job from 0 runs out at 75 s (60 / 0.8) and
    // then runs at 0.2: its last 25 s of work take 125 s, it leaves at 200 s, and the throttle lifts
    // (125 s throttled). Idle, the host earns 0.2 vCPU: at 260 s it has 12 vCPU-s (0.2 credits) when
    // a 30 s job comes; that lasts 12 / 0.8 = 15 s, to 275 s, where the host is throttled again (it
    // first ran out at 75 s, still); the job's last 15 s take 75 s, to 350 s: 200 s throttled in all.
    // The level is recorded at each change: 1 from 0, 0 from 75 s, 0.2 from 260 s, 0 from 275 s, so
    // its integral to 400 s is 1 × 75 + 0.2 × 15 = 78 credit-seconds.
    @Test
    void oneLongJob_runsOutByItsExhaustionEvent_andTheThrottleLiftsAndReturns() {
        PsHost cpu = new PsHost(sim, "t", 1);
        LevelRecorder level = new LevelRecorder(sim.windows());
        CpuCredits c = account(cpu, 0.2, 1, 1, false, level);
        assertSame(c, cpu.credits());
        assertEquals(1.0, level.level());
        trace.at(0, () -> cpu.execute(trace.job("A"), 100 * S));
        trace.at(260 * S, () -> cpu.execute(trace.job("B"), 30 * S));
        List<Double> balance = readAt(() -> c.balance(sim.now()), 50 * S, 100 * S, 230 * S, 270 * S, 300 * S);
        List<Boolean> throttled = readAt(c::throttled, 50 * S, 100 * S, 230 * S, 300 * S);
        List<Double> levels = readAt(level::level, 74 * S, 100 * S, 265 * S, 300 * S);
        sim.run(400 * S);

        assertEquals(List.of(200 * S + " A ok", 350 * S + " B ok"), trace.log);
        assertEquals(75 * S, c.ranOutAt());
        assertEquals(200 * S, c.throttledNs(400 * S));
        assertEquals(List.of(false, true, false, true), throttled);
        // 60 − 0.8 × 50 = 20 vCPU-s at 50 s; exactly zero while throttled; 0.2 × 30 = 6 at 230 s;
        // 12 − 0.8 × 10 = 4 at 270 s
        List<Double> expected = List.of(20 / 60.0, 0.0, 6 / 60.0, 4 / 60.0, 0.0);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), balance.get(i), 1e-12, "balance read " + i);
        }
        assertEquals(0.0, balance.get(1), 0.0);
        assertEquals(0.0, balance.get(4), 0.0);
        assertEquals(0.2 * 50 / 60, c.balance(400 * S), 1e-12);
        assertEquals(List.of(1.0, 0.0, 0.2, 0.0), levels.stream().map(v -> Math.round(v * 1e9) / 1e9).toList());
        assertEquals(78.0 * S, level.integral(400 * S), 1.0);
    }

    // Two cores earning one vCPU, no credits, standard. One job spends exactly what the host earns:
    // never throttled, never out, the balance stays exactly 0 while it runs (10 s, at full speed),
    // and grows at one vCPU once it has gone: one credit at 70 s.
    @Test
    void spendingExactlyTheBaseline_neverRunsOut() {
        PsHost cpu = new PsHost(sim, "t", 2);
        CpuCredits c = account(cpu, 0.5, 0, 10, false, null);
        trace.at(0, () -> cpu.execute(trace.job("A"), 10 * S));
        List<Boolean> throttled = readAt(c::throttled, 5 * S);
        List<Double> balance = readAt(() -> c.balance(sim.now()), 5 * S, 10 * S + 1);
        sim.run(70 * S);
        assertEquals(List.of(10 * S + " A ok"), trace.log);
        assertEquals(List.of(false), throttled);
        assertEquals(0.0, balance.get(0), 0.0);
        assertEquals(1 / 60e9, balance.get(1), 1e-24);
        assertEquals(-1, c.ranOutAt());
        assertEquals(0, c.throttledNs(70 * S));
        assertEquals(1.0, c.balance(70 * S), 1e-12);
    }

    // Two cores earning one vCPU, no credits, standard. A (1 s) and B (3 s) at 0: two jobs want more
    // than the baseline with nothing in the account, so the host is held to one core at once (out at
    // 0). Each gets half a core: A leaves at 2 s, having done 1 s; B, alone, wants exactly the
    // baseline, so the throttle lifts (2 s throttled) and its last 2 s take 2 s: it leaves at 4 s.
    // Idle from 4 s to 10 s it earns 6 vCPU-s; C and D (10 s each) then spend one vCPU net: out at
    // 16 s (the first time out stays 0), each having done 6 s; their last 4 s take 8 s at half a
    // core: both leave at 24 s, 2 + 8 = 10 s throttled in all, and 6 vCPU-s earned by 30 s.
    @Test
    void throttledFromTheStart_liftsWhenDemandFallsToTheBaseline_andComesBack() {
        PsHost cpu = new PsHost(sim, "t", 2);
        CpuCredits c = account(cpu, 0.5, 0, 10, false, null);
        trace.at(0, () -> {
            cpu.execute(trace.job("A"), S);
            cpu.execute(trace.job("B"), 3 * S);
        });
        trace.at(10 * S, () -> {
            cpu.execute(trace.job("C"), 10 * S);
            cpu.execute(trace.job("D"), 10 * S);
        });
        List<Long> throttledNs = readAt(() -> c.throttledNs(sim.now()), 3 * S, 12 * S);
        sim.run(30 * S);
        assertEquals(List.of(2 * S + " A ok", 4 * S + " B ok", 24 * S + " C ok", 24 * S + " D ok"), trace.log);
        assertEquals(0, c.ranOutAt());
        assertEquals(List.of(2 * S, 2 * S), throttledNs);
        assertEquals(10 * S, c.throttledNs(30 * S));
        assertEquals(0.1, c.balance(30 * S), 1e-12);
    }

    // Two jobs that want more than the baseline at 0 with no credits, and a crash in the same
    // nanosecond (an event scheduled after theirs): the host ran out at 0, even though the jobs
    // were gone before any time passed, and it is not held to the baseline after.
    @Test
    void runningOutAndCrashingInTheSameNanosecond_stillRanOut() {
        PsHost cpu = new PsHost(sim, "t", 2);
        CpuCredits c = account(cpu, 0.5, 0, 10, false, null);
        trace.at(0, () -> {
            cpu.execute(trace.job("A"), S);
            cpu.execute(trace.job("B"), S);
        });
        trace.at(0, () -> cpu.setDown(true));
        sim.run(10 * S);
        assertEquals(List.of("0 A failed", "0 B failed"), trace.log);
        assertEquals(0, c.ranOutAt());
        assertFalse(c.throttled());
        assertEquals(0, c.throttledNs(10 * S));
        assertEquals(10 / 60.0, c.balance(10 * S), 1e-12);
    }

    // A job that arrives in the very nanosecond the balance runs out, before the exhaustion event:
    // one core at baseline 0.3 spends 0.7 vCPU net, so one credit lasts 60 / 0.7 s, not a whole
    // number of nanoseconds: at the next one the line is just below zero. A standard host's balance
    // is exactly zero from then on, never below.
    @Test
    void arrivingAtTheExhaustionInstant_leavesTheBalanceAtExactlyZero() {
        PsHost cpu = new PsHost(sim, "t", 1);
        CpuCredits c = account(cpu, 0.3, 1, 1, false, null);
        long out = (long) Math.ceil(60e9 / (1 - 0.3));
        assertTrue(60e9 + (0.3 - 1) * out < 0, "the line crosses zero within the nanosecond");
        trace.at(out, () -> cpu.execute(trace.job("B"), S)); // scheduled before the exhaustion event
        trace.at(0, () -> cpu.execute(trace.job("A"), 1000 * S));
        List<Double> balance = readAt(() -> c.balance(sim.now()), out + S);
        sim.run(out + 2 * S);
        assertEquals(out, c.ranOutAt());
        assertTrue(c.throttled());
        assertEquals(List.of(0.0), balance);
    }

    // Unlimited, one core at 0.2, one credit at most. Idle to 10 s (already at its cap), then a
    // 100 s job that is never held back: it leaves at 110 s, and the balance, read only then, crossed
    // zero at 10 + 60 / 0.8 = 85 s. It owes 80 − 60 = 20 vCPU-s (a third of a credit), and pays it
    // back at 0.2 vCPU: 100 s later, at 210 s, it owes nothing.
    @Test
    void unlimited_findsWhenItRanOut_fromTheLineBetweenTwoChanges() {
        PsHost cpu = new PsHost(sim, "t", 1);
        CpuCredits c = account(cpu, 0.2, 1, 1, true, null);
        trace.at(10 * S, () -> cpu.execute(trace.job("A"), 100 * S));
        List<Long> ranOut = readAt(c::ranOutAt, 100 * S);
        sim.run(210 * S);
        assertEquals(List.of(110 * S + " A ok"), trace.log);
        assertEquals(List.of(-1L), ranOut);
        assertEquals(85 * S, c.ranOutAt());
        assertEquals(-1 / 3.0 + 0.2 * 50 / 60, c.balance(160 * S), 1e-12);
        assertEquals(1 / 3.0 / 60 / 2, c.surplusVcpuHours(160 * S), 1e-12);
        assertEquals(0.0, c.balance(210 * S), 1e-12);
        assertFalse(c.throttled());
    }

    // Unlimited from an empty account: a 10 s job at 0 is below zero from its start (out at 0) and
    // owes 8 vCPU-s at 10 s; paid back at 50 s, 2 vCPU-s to spare at 60 s, when a second 10 s job
    // crosses zero again at 62.5 s: the first time stays 0. At 70 s it owes 6 vCPU-s.
    @Test
    void unlimited_fromAnEmptyAccount_ranOutAtTheStart_andTheFirstTimeStays() {
        PsHost cpu = new PsHost(sim, "t", 1);
        CpuCredits c = account(cpu, 0.2, 0, 1, true, null);
        trace.at(0, () -> cpu.execute(trace.job("A"), 10 * S));
        trace.at(60 * S, () -> cpu.execute(trace.job("B"), 10 * S));
        sim.run(70 * S);
        assertEquals(List.of(10 * S + " A ok", 70 * S + " B ok"), trace.log);
        assertEquals(0, c.ranOutAt());
        assertEquals(-6 / 60.0, c.balance(70 * S), 1e-12);
        assertEquals(6 / 60.0 / 60, c.surplusVcpuHours(70 * S), 1e-12);
    }

    // A new plan cancels the last exhaustion event, whichever handle it had: here the very first
    // event of the engine (handle 0), sent before the run. Two cores at 0.2 (0.4 vCPU earned), one
    // credit: one job alone would run out at 60 / 0.6 = 100 s; with a second from 10 s the 54 vCPU-s
    // left last 54 / 1.6 = 33.75 s. Throttled from 43.75 s to the end at 200 s, with no second start
    // at 100 s where the first plan pointed.
    @Test
    void aNewPlan_cancelsTheEarlierExhaustionEvent() {
        PsHost cpu = new PsHost(sim, "t", 2);
        CpuCredits c = account(cpu, 0.2, 1, 576, false, null);
        cpu.execute(trace.job("A"), 1000 * S);
        trace.at(10 * S, () -> cpu.execute(trace.job("B"), 1000 * S));
        sim.run(200 * S);
        assertEquals(43_750_000_000L, c.ranOutAt());
        assertEquals(200 * S - 43_750_000_000L, c.throttledNs(200 * S));
    }

    // Attached while a job runs: a 20 s job alone on one core has done 10 s when the host gets, at
    // 10 s, a standard account that can hold nothing (at most 0 credits; an account counts from time
    // 0, so one that could hold more would have earned 2 vCPU-s by then). Held to 0.2 of the core
    // at once, the job's last 10 s take 50 s.
    @Test
    void creditsAttachedMidRun_throttleFromThatInstant() {
        PsHost cpu = new PsHost(sim, "t", 1);
        CpuCredits c = new CpuCredits(sim, 1, 0.2, 0, 0, false, null);
        trace.at(0, () -> cpu.execute(trace.job("A"), 20 * S));
        trace.at(10 * S, () -> cpu.setCredits(c));
        sim.run(100 * S);
        assertEquals(List.of(60 * S + " A ok"), trace.log);
        assertEquals(10 * S, c.ranOutAt());
    }

    @Test
    void baselineIsAFractionStrictlyBetweenZeroAndOne_creditsFromZeroToTheMaximum() {
        assertThrows(IllegalArgumentException.class, () -> new CpuCredits(sim, 2, 0, 1, 10, false, null));
        assertThrows(IllegalArgumentException.class, () -> new CpuCredits(sim, 2, 1, 1, 10, false, null));
        assertThrows(IllegalArgumentException.class, () -> new CpuCredits(sim, 2, 0.2, -1e-9, 10, false, null));
        assertEquals(0.0, new CpuCredits(sim, 2, 0.2, 0, 10, false, null).balance(0));
        assertEquals(10.0, new CpuCredits(sim, 2, 0.2, 10, 10, false, null).balance(0));
    }
}
