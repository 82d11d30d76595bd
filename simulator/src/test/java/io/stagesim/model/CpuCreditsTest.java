package io.stagesim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.stats.LevelRecorder;
import org.junit.jupiter.api.Test;

/**
 * A burstable host's credit account, by hand: jobs of constant work that go straight back to the
 * CPU when they finish keep the number present constant, so the balance falls in a straight line
 * and the instant it reaches zero is balance / (use − baseline × cores), to the nanosecond.
 */
final class CpuCreditsTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private final Simulation sim = new Simulation(1, 0);

    /** A job of {@code work} ns that goes straight back to the CPU, counting completions after {@code from}. */
    private final class Looping extends Job {
        final PsHost cpu;
        final long work;
        long from;
        long to = Long.MAX_VALUE;
        long stopAt = Long.MAX_VALUE;
        long counted;

        Looping(PsHost cpu, long work) {
            this.cpu = cpu;
            this.work = work;
        }

        @Override
        protected void resume(int outcome) {
            long now = sim.now();
            if (now > from && now <= to) {
                counted++;
            }
            if (now < stopAt) {
                cpu.execute(this, work);
            }
        }
    }

    private CpuCredits account(PsHost cpu, double credits, double max, boolean unlimited) {
        CpuCredits c = new CpuCredits(sim, cpu.servers(), 0.2, credits, max, unlimited,
                new LevelRecorder(sim.windows()));
        cpu.setCredits(c);
        return c;
    }

    private Looping[] start(PsHost cpu, int jobs, long at) {
        Looping[] out = new Looping[jobs];
        for (int i = 0; i < jobs; i++) {
            out[i] = new Looping(cpu, MS);
        }
        sim.engine().scheduleAt(at, (s, t) -> {
            for (Looping j : out) {
                cpu.execute(j, j.work);
            }
        }, null, 0);
        return out;
    }

    // Two cores, baseline 20 %: it earns 0.4 vCPU and two jobs keep 2 vCPUs busy, so one credit
    // (60 vCPU-seconds) lasts 60 / 1.6 = 37.5 s. Throttled, the two jobs share 0.4 of a core:
    // each 1 ms job takes 5 ms, 0.4 completions per ms, the baseline's capacity.
    @Test
    void standard_runsOutAtBalanceOverExcessUse_thenRunsAtTheBaseline() {
        PsHost cpu = new PsHost(sim, "t3", 2);
        CpuCredits c = account(cpu, 1, 576, false);
        Looping[] jobs = start(cpu, 2, 0);
        for (Looping j : jobs) {
            j.from = 45 * S;
            j.to = 55 * S;
        }
        sim.run(60 * S);
        assertEquals(37_500_000_000L, c.ranOutAt());
        assertTrue(c.throttled());
        assertEquals(60 * S - c.ranOutAt(), c.throttledNs(60 * S));
        assertEquals(0.0, c.balance(60 * S), 1e-12);
        long done = jobs[0].counted + jobs[1].counted;
        assertEquals(0.4 * 10_000, done, 1e-9); // 10 s at 0.4 completions per ms
        assertEquals(0.0, c.surplusVcpuHours(60 * S));
    }

    // The same load in unlimited mode: never throttled (2 completions per ms throughout), and after
    // 100 s it has spent 1.6 × 100 / 60 = 2.6667 credits against the 1 it had, so it owes
    // 1.6667 vCPU-minutes = 0.027778 vCPU-hours of surplus.
    @Test
    void unlimited_runsOn_andOwesTheSurplus() {
        PsHost cpu = new PsHost(sim, "t3", 2);
        CpuCredits c = account(cpu, 1, 576, true);
        Looping[] jobs = start(cpu, 2, 0);
        for (Looping j : jobs) {
            j.from = 90 * S;
            j.to = 100 * S;
        }
        sim.run(100 * S);
        assertEquals(37_500_000_000L, c.ranOutAt());
        assertFalse(c.throttled());
        assertEquals(0, c.throttledNs(100 * S));
        assertEquals(2 * 10_000, jobs[0].counted + jobs[1].counted);
        assertEquals((1.6 * 100 / 60 - 1) / 60, c.surplusVcpuHours(100 * S), 1e-12);
        assertEquals(1 - 1.6 * 100 / 60, c.balance(100 * S), 1e-9);
    }

    // Idle, two cores at 20 % earn 0.4 credits a minute: 8 after 20 min, and the cap of 10 after
    // 30 min (not 12). From 30 min two jobs spend 1.6 a minute net: the 10 last 375 s exactly.
    @Test
    void earning_capsAtMaxCredits() {
        PsHost cpu = new PsHost(sim, "t3", 2);
        CpuCredits c = account(cpu, 0, 10, false);
        double[] at20 = new double[1];
        sim.engine().scheduleAt(1200 * S, (s, t) -> at20[0] = c.balance(sim.now()), null, 0);
        start(cpu, 2, 1800 * S);
        sim.run(2400 * S);
        assertEquals(8.0, at20[0], 1e-9);
        assertEquals(1800 * S + 375 * S, c.ranOutAt());
    }

    // One job for 10 s (0.6 vCPU above the baseline: 6 vCPU-s spent), then two: the remaining
    // 60 − 6 = 54 vCPU-s last 54 / 1.6 = 33.75 s, so it runs out at 43.75 s. When the jobs stop at
    // 50 s (n = 0) the throttle lifts and the balance grows again at 0.4 vCPU.
    @Test
    void changesInTheNumberOfJobs_redrawTheLine_andTheThrottleLiftsWhenIdle() {
        PsHost cpu = new PsHost(sim, "t3", 2);
        CpuCredits c = account(cpu, 1, 576, false);
        Looping[] one = start(cpu, 1, 0);
        Looping[] two = start(cpu, 1, 10 * S);
        one[0].stopAt = 50 * S;
        two[0].stopAt = 50 * S;
        sim.run(120 * S);
        assertEquals(43_750_000_000L, c.ranOutAt());
        assertFalse(c.throttled());
        // throttled from 43.75 s until both jobs left at 50 s (1 ms jobs, started on whole
        // milliseconds, then taking 5 ms each: 6.25 s is 1,250 of them); idle from then on it earned
        // 0.4 vCPU for 70 s, 28 vCPU-s
        assertEquals(6_250 * MS, c.throttledNs(120 * S));
        assertEquals(0.4 * 70 / 60, c.balance(120 * S), 1e-9);
    }

    @Test
    void notBurstable_hasNoAccount_andAnAccountAttachesOnce() {
        PsHost cpu = new PsHost(sim, "m", 2);
        assertNull(cpu.credits());
        CpuCredits c = account(cpu, 1, 576, false);
        assertThrows(IllegalStateException.class, () -> new PsHost(sim, "other", 2).setCredits(c));
        assertThrows(IllegalArgumentException.class,
                () -> new CpuCredits(sim, 2, 0.2, 11, 10, false, null));
    }

    // The balance over time, by hand: two cores earning 0.4 vCPU, one credit (60 vCPU-seconds) to
    // start, at most one. One job keeps 1 vCPU busy from 0 to 10 s: it spends 0.6 vCPU, 0.01 credit
    // a second (0.95 at 5 s, 0.9 at 10 s); then the host is idle and earns 0.4 vCPU, 1/150 credit a
    // second, back to its cap of 1 at 25 s and no higher.
    @Test
    void balance_spendsAboveTheBaseline_earnsBelowIt_upToItsCap() {
        PsHost cpu = new PsHost(sim, "t3", 2);
        CpuCredits c = account(cpu, 1, 1, false);
        Looping[] jobs = start(cpu, 1, 0);
        jobs[0].stopAt = 10 * S;
        double[] seen = new double[4];
        long[] at = {5 * S, 10 * S + MS, 20 * S, 60 * S};
        for (int k = 0; k < at.length; k++) {
            int kk = k;
            sim.engine().scheduleAt(at[k], (x, t) -> seen[kk] = c.balance(sim.now()), null, 0);
        }
        sim.run(100 * S);
        assertEquals(0.95, seen[0], 1e-9);
        assertEquals(0.9 + 0.4 * 0.001 / 60, seen[1], 1e-9);
        assertEquals(0.9 + 0.4 * 10 / 60, seen[2], 1e-9);
        assertEquals(1.0, seen[3], 1e-12);
        assertEquals(1.0, c.balance(100 * S), 1e-12);
        assertFalse(c.throttled());
        assertEquals(-1, c.ranOutAt());
    }
}
