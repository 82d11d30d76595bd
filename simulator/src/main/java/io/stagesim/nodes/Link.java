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
    private static final int PARKED_BACK = 5;

    private final DelayStation network;
    private final Node target;
    private final long oneWay;
    private long extraOneWay; // added by a latency fault
    private boolean partitioned;
    private final java.util.List<Request> parked = new java.util.ArrayList<>();

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

    /**
     * Cuts the hop (a network partition: packets dropped both ways) or heals it. While it is cut,
     * calls and answers wait (TCP retransmits) and their callers' timeouts run; when it heals they
     * go on, in the order they waited.
     */
    public void setPartitioned(boolean cut) {
        this.partitioned = cut;
        if (!cut) {
            java.util.List<Request> waiting = new java.util.ArrayList<>(parked);
            parked.clear();
            for (Request r : waiting) {
                r.resumeTop(Outcome.OK);
            }
        }
    }

    /** Its round-trip time now (ns), a latency fault's included. */
    public long roundTrip() {
        return 2 * (oneWay + extraOneWay);
    }

    /** The node at the far end. */
    public Node target() {
        return target;
    }

    @Override
    protected void start(Request r) {
        if (partitioned) {
            r.phase(PARKED);
            parked.add(r);
            return;
        }
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
            case PARKED_BACK -> back(r, r.a() == 1);
            case BACK -> back(r, outcome == Outcome.OK);
            default -> r.ret(r.a() == 1);
        }
    }

    private void back(Request r, boolean ok) {
        if (partitioned) { // the answer waits for the network to heal
            r.a(ok ? 1 : 0);
            r.phase(PARKED_BACK);
            parked.add(r);
            return;
        }
        long oneWay = this.oneWay + extraOneWay;
        if (oneWay == 0) {
            r.ret(ok);
        } else {
            r.a(ok ? 1 : 0);
            r.phase(BACK + 1);
            network.delay(r, oneWay);
        }
    }
}
