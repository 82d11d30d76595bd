package io.stagesim.nodes;

import io.stagesim.model.DelayStation;
import io.stagesim.model.Outcome;

/**
 * A network hop to a node: half the round-trip time there, the node's work, half back. The
 * argument of the call passes through to the node.
 */
public final class Link extends Node {

    private static final int INSIDE = 1;
    private static final int BACK = 2;
    private static final int PARKED = 4;

    private final DelayStation network;
    private final Node target;
    private final long oneWay;
    private long extraOneWay; // added by a latency fault

    /** A hop to {@code target} over {@code network} with the given round-trip time (ns). */
    public Link(DelayStation network, Node target, long roundTrip) {
        super("link->" + target.name());
        this.network = network;
        this.target = target;
        this.oneWay = roundTrip / 2;
    }

    /** Adds {@code roundTrip} ns to this hop's round trip (negative to take it away again). */
    public void addDelay(long roundTrip) {
        extraOneWay += roundTrip / 2;
    }

    /** The node at the far end. */
    public Node target() {
        return target;
    }

    @Override
    protected void start(Request r) {
        if (target.isDown()) {
            r.fail(ErrorKind.HOST_DOWN); // connection refused
            return;
        }
        if (target.isHung()) {
            r.phase(PARKED); // accepted, never answered: the caller waits for its own timeout
            target.host().park(r);
            return;
        }
        long oneWay = this.oneWay + extraOneWay;
        if (oneWay == 0) {
            r.phase(BACK);
            r.call(target, r.arg());
            return;
        }
        r.phase(INSIDE);
        network.delay(r, oneWay);
    }

    @Override
    protected void step(Request r, int outcome) {
        switch (r.phase()) {
            case PARKED -> start(r); // the hang is over: go on as if just arriving
            case INSIDE -> {
                if (target.isDown()) {
                    r.fail(ErrorKind.HOST_DOWN);
                    return;
                }
                r.phase(BACK);
                r.call(target, r.arg());
            }
            case BACK -> {
                long oneWay = this.oneWay + extraOneWay;
                if (oneWay == 0) {
                    r.ret(outcome == Outcome.OK);
                } else {
                    r.a(outcome == Outcome.OK ? 1 : 0);
                    r.phase(BACK + 1);
                    network.delay(r, oneWay);
                }
            }
            default -> r.ret(r.a() == 1);
        }
    }
}
