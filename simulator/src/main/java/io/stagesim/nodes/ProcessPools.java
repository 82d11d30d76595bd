package io.stagesim.nodes;

import io.stagesim.model.Pool;
import io.stagesim.stats.CountRecorder;

/**
 * Django's psycopg connection pool (Django 5.1+) in each worker process of one app server, to one
 * database (or the pooler in front of it): worker slot {@code w} belongs to process
 * {@code w / threads}, and the threads of a process share its pool of up to {@code maxSize}
 * connections. A request takes one of its process's for its life, waiting first in, first out when
 * all are out, for at most the pool's timeout. The process opens a connection when more are taken
 * than are open (a unit of the database's table, kept for good: the pool keeps it open) and never
 * closes it. A worker killed or recycled keeps its pool's connections in the model (see limits).
 */
public final class ProcessPools {

    private final Pool[] pools;
    private final int[] open;
    private final int threads;
    private final CountRecorder connects;

    /** The pools of {@code pools.length} processes of {@code threads} threads; connections opened count in {@code connects}. */
    public ProcessPools(Pool[] pools, int threads, CountRecorder connects) {
        this.pools = pools.clone();
        this.open = new int[pools.length];
        this.threads = threads;
        this.connects = connects;
    }

    /** The pool of worker slot {@code slot}'s process. */
    Pool of(int slot) {
        return pools[slot / threads];
    }

    /** True when slot {@code slot}'s process has more connections taken than open: one must be opened. */
    boolean needsOpening(int slot) {
        int p = slot / threads;
        return pools[p].units() - pools[p].free() > open[p];
    }

    /** Slot {@code slot}'s process opens a connection (counted from now, so that no other thread opens it too). */
    void opening(int slot) {
        open[slot / threads]++;
        connects.increment();
    }

    /** The opening of slot {@code slot}'s process failed: nothing kept. */
    void openFailed(int slot) {
        open[slot / threads]--;
    }

    /** Connections open in all the processes. */
    public int open() {
        int n = 0;
        for (int o : open) {
            n += o;
        }
        return n;
    }
}
