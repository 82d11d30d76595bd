package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.model.Job;
import io.stagesim.model.Pool;
import io.stagesim.model.Simulation;
import io.stagesim.stats.CountRecorder;
import org.junit.jupiter.api.Test;

/**
 * A worker slot's persistent connections, by hand: opened at time 0 (the boundary every check on
 * "has one" must include), closed once exactly max-age old, each close giving its unit back.
 */
final class WorkerConnectionsTest {

    private static final long S = 1_000_000_000L;

    private final Simulation sim = new Simulation(1, 0);
    private final Pool table = new Pool(sim, "table", 2);
    private final CountRecorder connects = new CountRecorder(sim.windows());
    private final Job job = new Job() {
        @Override
        protected void resume(int outcome) {
        }
    };

    @Test
    void openedAtZero_isHeld_andClosesOnceExactlyMaxAgeOld() {
        WorkerConnections w = new WorkerConnections(null, table, 2, 10 * S, sim.engine(), connects);
        table.acquire(job);
        w.opened(0);
        assertTrue(w.holds(0));
        assertFalse(w.holds(1));
        assertEquals(1, w.open());
        assertEquals(1, w.connects());
        assertEquals(1, table.free());
        boolean[] before = new boolean[1];
        sim.engine().scheduleAt(10 * S - 1, (s, t) -> {
            w.closeIfObsolete(0);
            before[0] = w.holds(0);
        }, null, 0);
        sim.engine().scheduleAt(10 * S, (s, t) -> w.closeIfObsolete(0), null, 0);
        sim.run(20 * S);
        assertTrue(before[0], "1 ns younger than the max age: kept");
        assertFalse(w.holds(0));
        assertEquals(0, w.open());
        assertEquals(2, table.free());
        w.close(0); // closing again gives nothing back
        assertEquals(2, table.free());
        assertEquals(0, w.open());
    }

    @Test
    void closedAtTimeZero_givesItsUnitBack() {
        WorkerConnections w = new WorkerConnections(null, table, 1, WorkerConnections.UNLIMITED, sim.engine(),
                connects);
        table.acquire(job);
        w.opened(0);
        w.closeIfObsolete(0); // never obsolete when unlimited
        assertTrue(w.holds(0));
        w.close(0);
        assertFalse(w.holds(0));
        assertEquals(2, table.free());
        assertEquals(0, w.open());
        assertThrows(IllegalArgumentException.class,
                () -> new WorkerConnections(null, table, 1, 0, sim.engine(), connects));
    }
}
