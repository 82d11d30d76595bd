package io.stagesim.nodes;

import io.stagesim.model.DelayStation;
import io.stagesim.model.PsHost;

/**
 * Bytes crossing one hop, paid by the node that reads or writes them while it holds what it holds
 * (a sync worker, a proxy connection): a response leaving its sender, or a request's body reaching
 * its receiver. First the sending host's network interface: a job of bytes / bandwidth on a
 * processor-sharing server shared by every transfer leaving that host ({@link PsHost} with one
 * core, so n transfers at once each go at bandwidth / n). Then, when the other end is the client,
 * its last mile: bytes / the client's downlink (a response) or uplink (a body), a pure delay, paid
 * once per request whatever the number of hops that could pay it. The two are taken one after the
 * other (store and forward): a transfer alone takes size / NIC + size / client link, more than the
 * larger of the two by the smaller, which is small when one end is much faster. The sender's
 * kernel takes up to a send buffer of a response to a client off its hands: the sender is held for
 * the rest, and the browser receives the buffered bytes after it (TCP's send buffer, tcp_wmem).
 */
public final class Transfer extends Node {

    private static final int NIC = 1;
    private static final int CLIENT = 2;

    private final PsHost nic;
    private final double nsPerByte;
    private final boolean toClient;
    private final boolean body;
    private final DelayStation network;
    private final long sendBuffer;

    /**
     * A transfer through {@code nic} (the sending host's interface at {@code bandwidth} bytes per
     * second; null when no interface of ours carries it) and, when {@code toClient}, the client's
     * last mile; of the request's {@code body} or else of its response.
     */
    public Transfer(String name, PsHost nic, double bandwidth, boolean toClient, boolean body, DelayStation network) {
        this(name, nic, bandwidth, toClient, body, network, 0);
    }

    /**
     * As above, the sender's kernel taking the last {@code sendBuffer} bytes of a response to a
     * client off its hands: it is held until the rest has gone, and the client receives those
     * bytes after it has returned (they are added to the browser's hop).
     */
    public Transfer(String name, PsHost nic, double bandwidth, boolean toClient, boolean body, DelayStation network,
            long sendBuffer) {
        super(name);
        this.sendBuffer = body ? 0 : sendBuffer;
        this.nic = nic;
        this.nsPerByte = nic == null ? 0 : 1e9 / bandwidth;
        this.toClient = toClient;
        this.body = body;
        this.network = network;
    }

    /** True when the client's last mile is paid on this hop. */
    public boolean toClient() {
        return toClient;
    }

    /** The interface the bytes leave by, or null. */
    public PsHost nic() {
        return nic;
    }

    /** True when this transfer would cost {@code r} any time (else the caller need not call it). */
    boolean costs(Request r) {
        long bytes = body ? r.requestBytes : r.size;
        return bytes > 0 && (nic != null || toClient && !(body ? r.bodyRead : r.clientPaid));
    }

    /** Time alone on an idle interface to send {@code bytes} (ns). */
    public long nicTime(long bytes) {
        return (long) Math.ceil(bytes * nsPerByte);
    }

    /** Time to send {@code bytes} over a client link of {@code bytesPerSecond} (ns). */
    public static long clientTime(long bytes, double bytesPerSecond) {
        return (long) Math.ceil(bytes * 1e9 / bytesPerSecond);
    }

    @Override
    protected void start(Request r) {
        long bytes = body ? r.requestBytes : r.size;
        if (nic != null && bytes > 0) {
            r.phase(NIC);
            nic.execute(r, nicTime(bytes));
            return;
        }
        lastMile(r);
    }

    private void lastMile(Request r) {
        long bytes = body ? r.requestBytes : r.size;
        double rate = body ? r.clientUplink : r.clientDownlink;
        boolean paid = body ? r.bodyRead : r.clientPaid;
        if (!toClient || paid || bytes <= 0 || !(rate > 0)) {
            r.ret(true);
            return;
        }
        if (body) {
            r.bodyRead = true;
        } else {
            r.clientPaid = true;
        }
        long all = clientTime(bytes, rate);
        long held = sendBuffer == 0 ? all : clientTime(Math.max(0, bytes - sendBuffer), rate);
        r.deliveryLeft += all - held; // the send buffer drains on the way to the browser
        r.phase(CLIENT);
        network.delay(r, held);
    }

    @Override
    protected void step(Request r, int outcome) {
        if (r.phase() == NIC) {
            lastMile(r);
        } else {
            r.ret(true);
        }
    }

    /** The transfer of {@code r}'s response to whoever called its current frame, or null when none costs anything. */
    static Transfer responseOf(Request r) {
        Transfer t = r.caller() instanceof Link l ? l.response() : null;
        return t != null && t.costs(r) ? t : null;
    }

    /** The transfer of {@code r}'s body from whoever called its current frame, or null when none costs anything. */
    static Transfer bodyOf(Request r) {
        Transfer t = r.caller() instanceof Link l ? l.body() : null;
        return t != null && t.costs(r) ? t : null;
    }
}
