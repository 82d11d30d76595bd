package io.stagesim.operations;

import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.nodes.ErrorKind;
import io.stagesim.nodes.Node;
import io.stagesim.nodes.Request;
import io.stagesim.nodes.RequestPool;
import io.stagesim.stats.CountRecorder;

/**
 * An app server out of its balancers' rotation finishing what it runs: it is looked at every
 * {@link #POLL} until it is idle, for at most the drain time; then the requests still there are
 * killed (their callers see the connection reset) and counted, and what comes next runs.
 */
final class Drain implements Handler {

    /** How often a draining app server is looked at to see whether it is idle. */
    static final long POLL = 100_000_000L;

    private final Engine engine;
    private final RequestPool requests;
    private final Node node;
    private final long ends;
    private final CountRecorder killed;
    private final Runnable then;

    private Drain(Engine engine, RequestPool requests, Node node, long ends, CountRecorder killed, Runnable then) {
        this.engine = engine;
        this.requests = requests;
        this.node = node;
        this.ends = ends;
        this.killed = killed;
        this.then = then;
    }

    /** Starts draining {@code node} for at most {@code max} ns, then runs {@code then}. */
    static void start(Engine engine, RequestPool requests, Node node, long max, CountRecorder killed, Runnable then) {
        new Drain(engine, requests, node, engine.now() + max, killed, then).check();
    }

    @Override
    public void handle(Object subject, int tag) {
        check();
    }

    private void check() {
        int left = requests.inFlightAt(node);
        if (left > 0 && engine.now() < ends) {
            engine.schedule(Math.min(POLL, ends - engine.now()), this, null, 0);
            return;
        }
        if (left > 0) { // the drain time is up: the workers are killed with what they run
            for (int i = 0; i < left; i++) {
                killed.increment();
            }
            for (Request r : requests.inFlightRequests()) {
                r.lose(n -> n == node, ErrorKind.SERVICE_DOWN); // killed at the drain's end: a reset
            }
        }
        then.run();
    }
}
