package io.stagesim.cluster;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A worker member's side of a task: checks the item's signature, decodes it, runs it among its
 * own files, and signs what comes back. An item that is not signed with this cluster's secret is
 * rejected before anything of it is read, and said on the worker's log.
 */
public final class Worker {

    /** Where the worker is kept in the member's user context. */
    static final String KEY = "io.stagesim.cluster.Worker";

    private final ClusterSecret secret;
    private final PointRunner runner;
    private final Consumer<String> log;
    private final AtomicInteger done = new AtomicInteger();
    private volatile String member = "?";

    /** A worker that runs items with {@code runner} and says what it does to {@code log}. */
    public Worker(ClusterSecret secret, PointRunner runner, Consumer<String> log) {
        this.secret = secret;
        this.runner = runner;
        this.log = log;
    }

    void member(String address) {
        this.member = address;
    }

    /** Items finished so far. */
    public int done() {
        return done.get();
    }

    byte[] run(byte[] signed) {
        byte[] payload;
        try {
            payload = secret.open("item", signed);
        } catch (SecurityException e) {
            log.accept("rejected a work item: " + e.getMessage() + " (a sender without this cluster's secret)");
            return PointTask.rejected("its signature does not match this worker's secret (" + e.getMessage() + ")");
        }
        WorkItem item;
        try {
            item = WorkItem.decode(payload);
        } catch (IllegalArgumentException e) {
            log.accept("rejected a work item: " + e.getMessage());
            return PointTask.rejected(e.getMessage());
        }
        log.accept("item " + item.index() + " started");
        PointResult r;
        try {
            r = new PointResult(item.sweep(), item.index(), member, true, CarriedFiles.with(item,
                    scenario -> runner.run(item, scenario)));
        } catch (Exception e) {
            r = new PointResult(item.sweep(), item.index(), member, false, String.valueOf(e.getMessage()));
        }
        log.accept("item " + item.index() + " done (" + done.incrementAndGet() + " so far)");
        return secret.sign("result", r.encode());
    }
}
