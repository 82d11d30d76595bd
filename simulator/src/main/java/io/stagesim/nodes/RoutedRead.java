package io.stagesim.nodes;

/**
 * A read call to a database with replicas: each of its queries is routed on its own (Django asks
 * its router for every query) to the primary or a replica by the {@link ReplicaRouter}, and made as
 * a one-query {@link DatabaseCall} to that database, which opens the view's connection to it the
 * first time. A query whose connection to a replica is refused or times out marks the replica
 * down and is routed again; any other failure fails the call. Frame state: b is the target and
 * whether the read was stale when sent.
 */
public final class RoutedRead extends CallSite {

    /** Flag in b: the key's last write was not yet visible on the replicas when the read was sent. */
    private static final int STALE = 1 << 20;

    private final ReplicaRouter router;
    private final DatabaseCall[] targets;

    /**
     * Reads routed by {@code router} to {@code targets} (the primary first, then the replicas in the
     * router's order), each a call of one query; {@code link} is the primary's.
     */
    public RoutedRead(String name, Link link, Times times, ReplicaRouter router, DatabaseCall[] targets) {
        super(name, link, times);
        this.router = router;
        this.targets = targets.clone();
    }

    @Override
    void next(Request r) {
        int t = router.route(r);
        r.b(t == 0 || !router.stale(r) ? t : t | STALE);
        r.phase(CALLED);
        r.call(targets[t], null);
    }

    @Override
    void answered(Request r) {
        int b = r.b();
        router.answered(b & (STALE - 1), b >= STALE);
        repeat(r);
    }

    @Override
    void failed(Request r, int outcome) {
        int t = r.b() & (STALE - 1);
        if (t > 0 && !r.wasSent()) {
            router.failed(t);
            r.clearError();
            next(r);
            return;
        }
        r.ret(false);
    }
}
