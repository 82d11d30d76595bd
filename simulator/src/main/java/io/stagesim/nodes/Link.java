package io.stagesim.nodes;

import io.stagesim.engine.Handler;
import io.stagesim.model.DelayStation;
import io.stagesim.model.Outcome;

/**
 * A network hop to a node: half the round-trip time there, the node's work, half back. The
 * argument of the call passes through to the node. A connection to a host that is gone (a
 * blackhole) is not refused: the SYNs are dropped and the caller waits, until the hop's connect
 * timeout fails it ({@code connect_timeout}, never delivered) or the host comes back.
 */
public final class Link extends Node implements Handler {

    private static final int INSIDE = 1;
    private static final int BACK = 2;
    private static final int PARKED = 4;
    private static final int PARKED_BACK = 5;
    /** Trying to connect to a host that is gone. */
    private static final int CONNECTING = 6;
    /** Its connection died with a host that is gone: the caller hears nothing until its own timeout. */
    static final int LOST = 7;
    /** Waiting for the next SYN to a host that came back. */
    private static final int SYN_AGAIN = 8;
    /** The first retransmission of an unanswered SYN (Linux: an initial RTO of 1 s), doubling after. */
    private static final long FIRST_SYN_RETRY = 1_000_000_000L;
    /** Retransmissions before the kernel gives up (Linux tcp_syn_retries). */
    private static final int SYN_RETRIES = 6;
    /** The kernel's last wait after its last retransmission: 127 s from the first SYN. */
    private static final long KERNEL_GIVES_UP = FIRST_SYN_RETRY * ((1L << (SYN_RETRIES + 1)) - 1);
    /** No SYN will be answered in time: the connection fails when the wait is up. */
    private static final int SYN_GIVE_UP = 9;
    /** Handler tag: the connection did not open within the connect timeout. */
    private static final int CONNECT_TIMEOUT = 0;

    private final DelayStation network;
    private final Node target;
    private final long oneWay;
    private long extraOneWay; // added by a latency fault
    private boolean partitioned;
    private long connectTimeout; // 0: none (the caller's own timeout, or the host's return)
    private LoadBalancerNode connectedTo; // the balancer whose read timeout starts once connected
    private boolean perClient; // a browser's hop: the request's own client round trips, as many as it says
    private boolean trips; // a browser's hop of fixed round trip: as many as the request says
    private Transfer response; // what a response crossing it costs its sender, or null
    private Transfer body; // what a request's body crossing it costs its receiver, or null
    private final java.util.List<Request> parked = new java.util.ArrayList<>();
    private io.stagesim.stats.CallCounts calls; // where its calls are counted, or null
    private int edge; // its edge there: caller service → callee service

    /** A hop to {@code target} over {@code network} with the given round-trip time (ns). */
    public Link(DelayStation network, Node target, long roundTrip) {
        super("link->" + target.name());
        this.network = network;
        this.target = target;
        this.oneWay = roundTrip / 2;
    }

    /**
     * A browser's hop: its round trip is the round trip of each request's own client (drawn per page
     * view) times the request's round trips (one, more when it opens a connection) rather than a fixed one.
     */
    public void perClient() {
        this.perClient = true;
    }

    /**
     * A browser's hop to a place a fixed round trip away (a CDN's edge): the request's round trips (one,
     * more when it opens a connection) times this hop's.
     */
    public void countTrips() {
        this.trips = true;
    }

    /** What a response crossing this hop costs, and what a request's body costs (either null for nothing). */
    public void transfers(Transfer response, Transfer body) {
        this.response = response;
        this.body = body;
    }

    /** The transfer of a response back over this hop, or null. */
    public Transfer response() {
        return response;
    }

    /** The transfer of a request's body over this hop, or null. */
    public Transfer body() {
        return body;
    }

    /** The way in: on a browser's hop, a new connection's handshakes first, then half a round trip. */
    private long wayIn(Request r) {
        long base = perClient ? (r.clientTrips - 1) * r.clientRtt + r.clientRtt / 2
                : trips ? (r.clientTrips - 1) * 2 * oneWay + oneWay : oneWay;
        return base + extraOneWay;
    }

    /** The way back: half a round trip. */
    private long wayBack(Request r) {
        return (perClient ? r.clientRtt / 2 : oneWay) + extraOneWay;
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

    /**
     * A connection to a host that is gone fails after {@code timeout} ns ({@code connect_timeout});
     * 0 for none.
     */
    public void connectTimeout(long timeout) {
        this.connectTimeout = timeout;
    }

    /** True when a request sent now would wait to connect (the target's host is gone). */
    boolean connecting() {
        return !partitioned && target.isBlackholed();
    }

    /** The balancer calling through this hop: told when a connection that waited opens. */
    void connectFor(LoadBalancerNode balancer) {
        this.connectedTo = balancer;
    }

    /** Its round-trip time now (ns), a latency fault's included. */
    public long roundTrip() {
        return 2 * (oneWay + extraOneWay);
    }

    /** The node at the far end. */
    public Node target() {
        return target;
    }

    /** Counts each call sent over this hop in {@code counts}, under edge {@code edge} (its caller → its target). */
    public void countCalls(io.stagesim.stats.CallCounts counts, int edge) {
        this.calls = counts;
        this.edge = edge;
    }

    /** A call is sent: counted once, however long it then waits to be delivered. */
    @Override
    protected void start(Request r) {
        if (calls != null) {
            calls.count(edge);
        }
        send(r);
    }

    /** Delivers the call, or waits (a partition, a hang, a host that is gone), or is refused. */
    private void send(Request r) {
        if (partitioned) {
            r.phase(PARKED);
            parked.add(r);
            return;
        }
        if (target.isBlackholed()) {
            connect(r);
            return;
        }
        if (target.isDown()) {
            r.refused(target.downError()); // connection refused: nothing was sent
            return;
        }
        if (target.isHung()) {
            r.phase(PARKED); // accepted, never answered: the caller waits for its own timeout
            target.host().park(r);
            return;
        }
        long oneWay = wayIn(r);
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
            case PARKED -> send(r); // the hang is over: go on as if just arriving
            case CONNECTING -> synAgain(r); // the host is back: the next SYN will reach it
            case SYN_GIVE_UP -> r.refused(ErrorKind.CONNECT_TIMEOUT);
            case SYN_AGAIN -> {
                if (connectedTo != null && r.calledBy(connectedTo)) {
                    connectedTo.connected(r);
                }
                send(r);
            }
            case LOST -> r.fail(ErrorKind.HOST_DOWN); // the new machine answers the old connection with a reset
            case INSIDE -> {
                if (target.isBlackholed()) {
                    connect(r);
                    return;
                }
                if (target.isDown()) {
                    r.refused(target.downError());
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

    /** The SYN went to a host that is gone: wait, for at most the connect timeout. */
    private void connect(Request r) {
        r.phase(CONNECTING);
        r.value(network.now());
        target.host().park(r);
        if (connectTimeout > 0) {
            r.startTimer(connectTimeout, this, CONNECT_TIMEOUT);
        }
    }

    /**
     * The host is back: the connection opens at the next retransmission of the SYN, 1, 3, 7, … 63 s
     * after the first was sent, unless the connect timeout (or the kernel, after its last
     * retransmission) gives up first.
     */
    private void synAgain(Request r) {
        r.cancelTimer(); // from here the wait is known
        long waited = network.now() - r.value();
        long giveUp = connectTimeout > 0 ? connectTimeout : KERNEL_GIVES_UP;
        for (int k = 1; k <= SYN_RETRIES; k++) {
            long at = FIRST_SYN_RETRY * ((1L << k) - 1);
            if (at >= waited && at < giveUp) {
                r.phase(SYN_AGAIN);
                network.delay(r, at - waited);
                return;
            }
        }
        r.phase(SYN_GIVE_UP);
        network.delay(r, Math.max(0, Math.min(giveUp, KERNEL_GIVES_UP) - waited));
    }

    /** The connection did not open in time: never delivered, so the caller may send it elsewhere. */
    @Override
    public void handle(Object subject, int tag) {
        Request r = (Request) subject;
        target.host().unpark(r);
        r.refused(ErrorKind.CONNECT_TIMEOUT);
    }

    private void back(Request r, boolean ok) {
        if (partitioned) { // the answer waits for the network to heal
            r.a(ok ? 1 : 0);
            r.phase(PARKED_BACK);
            parked.add(r);
            return;
        }
        long oneWay = wayBack(r);
        if (perClient) { // the browser's hop: what the sender's kernel buffered arrives now
            oneWay += r.deliveryLeft;
            r.deliveryLeft = 0;
        }
        if (oneWay == 0) {
            r.ret(ok);
        } else {
            r.a(ok ? 1 : 0);
            r.phase(BACK + 1);
            network.delay(r, oneWay);
        }
    }
}
