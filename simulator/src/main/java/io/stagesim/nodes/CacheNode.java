package io.stagesim.nodes;

import io.stagesim.model.Pool;
import io.stagesim.model.PsHost;
import io.stagesim.stats.CountRecorder;

/**
 * A cache server: its command threads (one for Redis, several for Memcached) are a pool held for
 * the CPU of each GET or SET on the cache host, so a single-threaded Redis is a FIFO server that
 * also competes for its host's CPU.
 */
public final class CacheNode extends Node {

    private static final int THREAD = 0;
    private static final int CPU = 1;

    private final PsHost cpu;
    private final Pool threads;
    /** Hot keys to refill after a flush, and how many are still missing (0 when warm). */
    private int keys;
    private int cold;
    private CountRecorder refills;

    /** A cache on {@code cpu} with its command threads. */
    public CacheNode(String name, PsHost cpu, Pool threads) {
        super(name);
        this.cpu = cpu;
        this.threads = threads;
    }

    /** Counts the keys refilled after flushes in {@code refills}. */
    public void countRefills(CountRecorder refills) {
        this.refills = refills;
    }

    /**
     * The cache is emptied of its {@code keys} hot keys (a flush, a restart). Lookups of keys it
     * would hold miss until each is stored again: with lookups spread evenly over the keys, a
     * lookup finds its key missing with probability (keys still missing) / {@code keys}.
     */
    public void flush(int keys) {
        this.keys = keys;
        this.cold = keys;
    }

    /**
     * Whether a lookup that would hit a warm cache misses because its key was flushed and not yet
     * stored again; {@code u} is uniform on [0, 1).
     */
    boolean coldMiss(double u) {
        return cold > 0 && u * keys < cold;
    }

    /** A key missed after a flush was stored again (concurrent misses are taken to be on different keys). */
    void refilled() {
        if (cold > 0) {
            cold--;
            if (refills != null) {
                refills.increment();
            }
        }
    }

    @Override
    protected void start(Request r) {
        r.phase(THREAD);
        threads.acquire(r);
    }

    @Override
    protected void step(Request r, int outcome) {
        if (r.phase() == THREAD) {
            r.hold(threads);
            long work = scaled(((CacheCall) r.arg()).cpu.sample());
            r.countCpu(work);
            r.phase(CPU);
            cpu.execute(r, work);
        } else {
            r.ret(true);
        }
    }
}
