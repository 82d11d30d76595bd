package io.stagesim.operations;

import io.stagesim.assembly.WebModel;
import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.nodes.AppServerNode;
import io.stagesim.nodes.ErrorKind;
import io.stagesim.nodes.Node;
import io.stagesim.nodes.Request;
import io.stagesim.scenario.AppServerSpec;
import io.stagesim.scenario.DatabaseSpec;
import io.stagesim.scenario.HostSpec;
import io.stagesim.scenario.ServiceSpec;
import io.stagesim.stats.CountRecorder;
import java.util.ArrayList;
import java.util.List;

/**
 * A host's memory during a run, once a neighbour takes some of it. What is committed on the host is
 * every service's memory (as the validation's budget counts it: an app server's workers × their
 * memory, a database's memory and its connections') plus what the neighbours take. While that is
 * beyond the host's RAM and within RAM + swap, the host swaps: its CPUs run at {@code swap_speed}
 * of their speed. Beyond RAM + swap the kernel's OOM killer kills the process with the largest
 * resident memory (Linux's {@code oom_badness}, every process at {@code oom_score_adj} 0), the
 * newest of equals (the kernel keeps the last of equal scores in its process list), until what is
 * committed fits. The processes it can kill here are an app server's worker processes (each
 * {@code memory_per_worker}) and a PostgreSQL-like database (one process of its whole memory); other
 * services count but are passed over. A killed worker is back after its server's {@code boot_time},
 * a killed database after its {@code restart_time}; coming back, each commits its memory again, so
 * while the neighbour stays the same process is killed again (it is the newest of the largest).
 */
final class HostMemory implements Handler {

    /** One process the OOM killer may kill. */
    private static final class Process {
        final String service;
        final Node node;
        final long rss;
        final int threads; // an app server worker's slots; 0 for a database
        final long back;
        final CountRecorder kills;
        final int order;
        boolean up = true;
        long startedAt;

        Process(String service, Node node, long rss, int threads, long back, CountRecorder kills, int order) {
            this.service = service;
            this.node = node;
            this.rss = rss;
            this.threads = threads;
            this.back = back;
            this.kills = kills;
            this.order = order;
        }
    }

    private final WebModel model;
    private final Engine engine;
    private final long ram;
    private final long limit;
    private final Runnable speedChanged;
    private final List<Process> processes = new ArrayList<>();
    private long committed;
    private boolean swapping;

    /** The memory of {@code host}; {@code speedChanged} is told when it starts or stops swapping. */
    HostMemory(WebModel model, HostSpec host, Runnable speedChanged) {
        this.model = model;
        this.engine = model.simulation().engine();
        this.ram = host.memory();
        this.limit = host.memory() + host.swap();
        this.speedChanged = speedChanged;
        for (ServiceSpec sp : model.scenario().services().values()) {
            if (!host.name().equals(sp.host())) {
                continue;
            }
            committed += sp.memory();
            Node node = model.placement().nodes().get(sp.name());
            if (sp instanceof AppServerSpec a && node instanceof AppServerNode) {
                CountRecorder kills = model.counterOf(a.name(), "oom_kills");
                for (int w = 0; w < a.workers(); w++) {
                    processes.add(new Process(a.name(), node, a.memoryPerWorker(), a.threads(), a.bootTime(), kills,
                            processes.size()));
                }
            } else if (sp instanceof DatabaseSpec d && d.hasConnections() && node != null) {
                processes.add(new Process(d.name(), node, d.memory(), 0, d.restartTime(),
                        model.counterOf(d.name(), "oom_kills"), processes.size()));
            }
        }
    }

    /** True while what is committed is beyond the host's RAM (and within its swap). */
    boolean swapping() {
        return swapping;
    }

    /** A neighbour takes {@code bytes} more (less when negative). */
    void neighbour(long bytes) {
        committed += bytes;
        settle();
    }

    /** Kills the largest processes until what is committed fits in RAM + swap, then says whether it swaps. */
    private void settle() {
        while (committed > limit) {
            Process victim = victim();
            if (victim == null || !kill(victim)) {
                break;
            }
        }
        boolean now = committed > ram;
        if (now != swapping) {
            swapping = now;
            speedChanged.run();
        }
    }

    /** The process the OOM killer picks: the largest up, the newest of equals; null when none is up. */
    private Process victim() {
        Process victim = null;
        for (Process p : processes) {
            if (p.up && (victim == null || p.rss > victim.rss
                    || p.rss == victim.rss && (p.startedAt > victim.startedAt
                            || p.startedAt == victim.startedAt && p.order > victim.order))) {
                victim = p;
            }
        }
        return victim;
    }

    /** The OOM killer kills {@code p}; false when it could not (a worker whose slots all run work after a response). */
    private boolean kill(Process p) {
        if (p.threads > 0) {
            if (((AppServerNode) p.node).oomKillWorker(p.threads, model.requests()) < 0) {
                p.up = false; // passed over until it comes back; nothing freed
                engine.schedule(p.back, this, p, 0);
                return true;
            }
        } else {
            Node db = p.node;
            db.setDown(true, ErrorKind.SERVICE_DOWN);
            for (Request r : model.requests().inFlightRequests()) {
                r.lose(n -> n == db, ErrorKind.SERVICE_DOWN);
            }
        }
        p.up = false;
        committed -= p.rss;
        p.kills.increment();
        engine.schedule(p.back, this, p, 1);
        return true;
    }

    /** A killed process is back (tag 1), or one passed over may be chosen again (tag 0). */
    @Override
    public void handle(Object subject, int tag) {
        Process p = (Process) subject;
        p.up = true;
        if (tag == 0) {
            settle();
            return;
        }
        p.startedAt = engine.now();
        committed += p.rss;
        if (committed > limit && victim() == p) { // killed again as it starts, before it serves
            p.up = false;
            committed -= p.rss;
            p.kills.increment();
            engine.schedule(p.back, this, p, 1);
            settle();
            return;
        }
        if (p.threads > 0) {
            ((AppServerNode) p.node).workerBack(p.threads);
        } else {
            p.node.setDown(false, ErrorKind.SERVICE_DOWN);
        }
        settle();
    }
}
