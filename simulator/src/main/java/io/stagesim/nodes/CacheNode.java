package io.stagesim.nodes;

import io.stagesim.model.Pool;
import io.stagesim.model.PsHost;

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

    /** A cache on {@code cpu} with its command threads. */
    public CacheNode(String name, PsHost cpu, Pool threads) {
        super(name);
        this.cpu = cpu;
        this.threads = threads;
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
            long work = scaled(((CallSite) r.arg()).cpu.sample());
            r.countCpu(work);
            r.phase(CPU);
            cpu.execute(r, work);
        } else {
            r.ret(true);
        }
    }
}
