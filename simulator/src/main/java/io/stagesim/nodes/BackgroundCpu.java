package io.stagesim.nodes;

import io.stagesim.model.Job;
import io.stagesim.model.PsHost;

/**
 * CPU spent on a host by work nobody waits for: a pool opening connections in the background
 * (psycopg_pool's workers, PgBouncer replacing a server connection), and the database backend
 * each new connection starts. It takes its share of the cores like any other job and counts in the
 * host's utilisation; a host that is down drops it.
 */
public final class BackgroundCpu {

    private final PsHost cpu;
    private Work spare;

    /** Background work on {@code cpu}. */
    public BackgroundCpu(PsHost cpu) {
        this.cpu = cpu;
    }

    /** Runs {@code work} ns of CPU on the host; nothing waits for it. */
    public void run(long work) {
        if (work <= 0) {
            return;
        }
        Work w = spare; // for speed: jobs are recycled, so background work allocates nothing in the long run
        if (w == null) {
            w = new Work(this);
        } else {
            spare = w.next;
            w.next = null;
        }
        cpu.execute(w, work);
    }

    private void done(Work w) {
        w.next = spare;
        spare = w;
    }

    private static final class Work extends Job {
        final BackgroundCpu owner;
        Work next;

        Work(BackgroundCpu owner) {
            this.owner = owner;
        }

        @Override
        protected void resume(int outcome) {
            owner.done(this); // done, or dropped by a host that went down: either way over
        }
    }
}
