package io.stagesim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.engine.Handler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tiny cases worked out by hand, asserting the exact sequence of (time, job, outcome), in the
 * style of SimPy's tests: if any primitive reorders or mistimes an event, these fail first.
 */
final class HandTraceTest {

    private final Simulation sim = new Simulation(1, 0);
    private final List<String> log = new ArrayList<>();

    /** A job that logs each resumption and then runs an optional next step. */
    private final class Named extends Job {
        final String name;
        Runnable next;

        Named(String name) {
            this.name = name;
        }

        @Override
        protected void resume(int outcome) {
            log.add(sim.now() + " " + name + " " + Outcome.name(outcome));
            Runnable r = next;
            next = null;
            if (r != null && outcome == Outcome.OK) {
                r.run();
            }
        }
    }

    private void at(long time, Runnable action) {
        Handler h = (s, t) -> action.run();
        sim.engine().scheduleAt(time, h, null, 0);
    }

    // A at 0 (5 ns), B at 2 (3 ns) waits for A, C at 3 finds the one waiting place taken.
    @Test
    void fcfs_singleServerWithOneWaitingPlace() {
        FcfsStation s = new FcfsStation(sim, "s", 1, 1);
        Named a = new Named("A");
        Named b = new Named("B");
        Named c = new Named("C");
        at(0, () -> s.arrive(a, 5));
        at(2, () -> s.arrive(b, 3));
        at(3, () -> s.arrive(c, 1));
        sim.run(10);
        assertEquals(List.of("3 C rejected", "5 A ok", "8 B ok"), log);
        StationResult r = s.result();
        assertEquals(3, r.arrivals());
        assertEquals(2, r.completions());
        assertEquals(1, r.rejections());
        assertEquals(5.5, r.response().mean(), 1e-12); // (5 + 6) / 2
        assertEquals(1.5, r.waiting().mean(), 1e-12); // (0 + 3) / 2
        assertEquals(11.0 / 10, r.meanInside(), 1e-12); // A inside 5 ns, B inside 6 ns
        assertEquals(8.0 / 10, r.utilization(), 1e-12);
    }

    // One core: B (2 ns) joins A (4 ns) at 1; both run at half speed until B ends at 5, A at 6.
    @Test
    void processorSharing_oneCore() {
        PsHost cpu = new PsHost(sim, "cpu", 1);
        Named a = new Named("A");
        Named b = new Named("B");
        at(0, () -> cpu.execute(a, 4));
        at(1, () -> cpu.execute(b, 2));
        sim.run(10);
        assertEquals(List.of("5 B ok", "6 A ok"), log);
        assertEquals(6.0 / 10, cpu.result().utilization(), 1e-12);
    }

    // Two cores: no sharing while jobs <= cores; a third job slows all three to 2/3 speed.
    @Test
    void processorSharing_twoCores() {
        PsHost cpu = new PsHost(sim, "cpu", 2);
        Named a = new Named("A");
        Named b = new Named("B");
        Named c = new Named("C");
        at(0, () -> cpu.execute(a, 6));
        at(0, () -> cpu.execute(b, 3));
        at(3, () -> cpu.execute(c, 2)); // B leaves at 3 as C arrives: still 2 jobs, full speed
        sim.run(20);
        assertEquals(List.of("3 B ok", "5 C ok", "6 A ok"), log);
    }

    // Capacity halved at 2 ns (a noisy neighbour): 2 ns of work done, 2 left at half speed.
    @Test
    void processorSharing_capacityChangeMidService() {
        PsHost cpu = new PsHost(sim, "cpu", 1);
        Named a = new Named("A");
        at(0, () -> cpu.execute(a, 4));
        at(2, () -> cpu.setCapacity(0.5));
        sim.run(20);
        assertEquals(List.of("6 A ok"), log);
    }

    // A crash stops every job on the CPU at once (A, B and C, 10 ns each at 2/3 speed, fail at 3 and
    // never finish), fails at once what is sent while it is down (D at 4), and the machine comes back
    // empty (E, 4 ns from 5, ends at 9). The books after it: nothing inside, no core busy; busy
    // core-time 2 × 3 + 4 = 10 of 2 × 10; jobs inside 3 × 3 + 4 = 13 job-ns over 10 ns.
    @Test
    void processorSharing_crash_stopsItsJobsAndComesBackEmpty() {
        PsHost cpu = new PsHost(sim, "cpu", 2);
        List<Named> jobs = List.of(new Named("A"), new Named("B"), new Named("C"));
        for (Named j : jobs) {
            at(0, () -> cpu.execute(j, 10));
        }
        at(3, () -> {
            cpu.setDown(true);
            log.add("3 inside " + cpu.inside() + ", running " + cpu.running() + ", busy cores "
                    + cpu.busyServers().level());
        });
        at(4, () -> cpu.execute(new Named("D"), 1));
        at(5, () -> cpu.setDown(false));
        at(5, () -> cpu.execute(new Named("E"), 4));
        sim.run(10);
        assertEquals(List.of("3 A failed", "3 C failed", "3 B failed", "3 inside 0, running 0, busy cores 0.0",
                "4 D failed", "9 E ok"), log);
        StationResult r = cpu.result();
        assertEquals(5, r.arrivals());
        assertEquals(5, r.completions());
        assertEquals(0, r.insideAtEnd());
        assertEquals(10.0 / 20, r.utilization(), 1e-12);
        assertEquals(13.0 / 10, r.meanInside(), 1e-12);
        assertEquals(1, r.response().count(), "only E was served");
    }

    // X holds the unit across a nested 10 ns delay; Y waits for it; Z gives up after 5 ns.
    @Test
    void pool_heldAcrossNestedWork_withTimeout() {
        Pool pool = new Pool(sim, "conn", 1, false, 5, -1);
        DelayStation work = new DelayStation(sim, "work");
        Named x = new Named("X");
        Named y = new Named("Y");
        Named z = new Named("Z");
        x.next = () -> {
            x.next = pool::release;
            work.delay(x, 10);
        };
        at(0, () -> pool.acquire(x));
        at(2, () -> pool.acquire(y));
        at(9, () -> pool.acquire(z));
        sim.run(30);
        // Y's 5 ns limit runs out at 7, before X releases at 10; Z (from 9) is granted at 10.
        assertEquals(List.of("0 X ok", "7 Y timed out", "10 X ok", "10 Z ok"), log);
        assertEquals(1, pool.totalTimeouts());
        assertEquals(2, pool.totalGrants());
        assertEquals(0, pool.free()); // Z still holds it
    }

    // A bounded waiting room (Gunicorn's backlog) admits exactly maxWaiting waiters: with one unit
    // and room for three, of six jobs at once one is served, three wait, the last two are refused.
    @Test
    void pool_admitsExactlyMaxWaitingWaiters() {
        Pool pool = new Pool(sim, "backlog", 1, false, Pool.NO_LIMIT, 3);
        for (String name : List.of("A", "B", "C", "D", "E", "F")) {
            Named job = new Named(name);
            at(1, () -> pool.acquire(job));
        }
        sim.run(5);
        assertEquals(List.of("1 A ok", "1 E rejected", "1 F rejected"), log);
        assertEquals(3, pool.waiting());
        assertEquals(2, pool.totalRejections());
    }

    // A pool that rejects when empty (PostgreSQL's connection table) never queues.
    @Test
    void pool_rejectWhenEmpty() {
        Pool pool = new Pool(sim, "db", 1, true, Pool.NO_LIMIT, -1);
        Named x = new Named("X");
        Named y = new Named("Y");
        at(0, () -> pool.acquire(x));
        at(1, () -> pool.acquire(y));
        sim.run(5);
        assertEquals(List.of("0 X ok", "1 Y rejected"), log);
    }
}
