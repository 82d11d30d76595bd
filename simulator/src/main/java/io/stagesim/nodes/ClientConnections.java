package io.stagesim.nodes;

import io.stagesim.stats.CountRecorder;

/**
 * The browsers' connections to one origin (the site's front, object storage, a CDN's edge), and what
 * opening one costs. A page view sends its requests to an origin over connections of its own: with
 * HTTP/1.1 at most {@code connections_per_host} at once, a request taking an idle one or, when none is
 * idle, opening another, so a page view of n requests there opens max(1, min(6, n)); with HTTP/2 one,
 * its requests multiplexed over it. An origin that does not keep connections alive (Gunicorn's sync
 * workers close each after its response) makes every request open one, and no page view reuses any.
 *
 * <p>Which page views find their connections still open from the visitor's previous page view
 * (keep-alive) is worked out per visitor when {@code reuse} is NaN: a visitor (a closed workload's user,
 * an open workload's visit) keeps, per origin, how many connections it had open and when it last used
 * one; its next page view finds them open when it starts less than the origin's keep-alive timeout
 * after that use, and none otherwise (the server closed them). Otherwise a share {@code reuse} of page
 * views find as many open as they need, dealt out evenly (error diffusion), not drawn, so over k page
 * views exactly ⌊k·reuse⌋ reuse.
 *
 * <p>A new connection costs its request the TCP handshake's round trip, then with TLS the handshake's:
 * full or resumed, as {@link io.stagesim.scenario.TlsSpec} says; at the site's front it marks the request
 * with the handshake the server that terminates TLS owes it ({@link ProxyNode} spends the CPU), while
 * another origin's handshakes run on its provider's machines. A page view's first connection to an
 * origin resumes a session for a share {@code resumption} of page views (returning visitors, dealt out
 * evenly); its later connections there resume with the session the first one got.
 */
public final class ClientConnections {

    /** Streams one HTTP/2 connection carries at once: NGINX's {@code http2_max_concurrent_streams}. */
    public static final int HTTP2_STREAMS = 128;
    /** Bits of a visitor's packed state that count its open connections; the rest is its last use (ns). */
    private static final int COUNT_BITS = 10;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

    private final int index;
    private final int perHost;
    private final boolean keepAlive;
    private final boolean http2;
    private final boolean tls;
    private final int fullTrips;
    private final int resumedTrips;
    private final double reuse;
    private final long keepAliveTimeout;
    private final double resumption;
    private final boolean owesHandshake;
    private final CountRecorder opened;
    private double reuseCarry;
    private double resumptionCarry;
    /**
     * Per visitor: its last use of a connection here (ns) shifted left by {@link #COUNT_BITS}, or'ed with
     * the connections it had open then (for memory: one {@code long} per visitor and origin).
     */
    private long[] visitors = new long[0];

    /**
     * Connections to origin number {@code index}, at most {@code perHost} at once over HTTP/1.1, that it
     * keeps alive for {@code keepAliveTimeout} ns or not at all, speaks HTTP/2 or not, with TLS or not
     * ({@code fullTrips} and {@code resumedTrips}: the round trips a handshake adds after TCP's), a
     * share {@code reuse} of page views reusing the previous one's (NaN: worked out per visitor), a share
     * {@code resumption} of page views' first connections resuming a session; {@code owesHandshake}
     * when a server of ours terminates the TLS; connections opened are counted in {@code opened}.
     */
    public ClientConnections(int index, int perHost, boolean keepAlive, long keepAliveTimeout, boolean http2,
            boolean tls, int fullTrips, int resumedTrips, double reuse, double resumption, boolean owesHandshake,
            CountRecorder opened) {
        this.index = index;
        this.perHost = perHost;
        this.keepAlive = keepAlive && keepAliveTimeout > 0;
        this.keepAliveTimeout = keepAliveTimeout;
        this.http2 = http2 && this.keepAlive && tls; // browsers speak HTTP/2 only over TLS
        this.tls = tls;
        this.fullTrips = fullTrips;
        this.resumedTrips = resumedTrips;
        this.reuse = this.keepAlive ? reuse : 0;
        this.resumption = resumption;
        this.owesHandshake = owesHandshake;
        this.opened = opened;
    }

    /** This origin's slot in a page view's per-origin state. */
    public int index() {
        return index;
    }

    /** The most requests a page view has here at once. */
    int parallel() {
        return http2 ? HTTP2_STREAMS : perHost;
    }

    /** True when each visitor's connections are remembered between its page views. */
    boolean remembers() {
        return Double.isNaN(reuse);
    }

    /**
     * Room for visitors numbered below {@code n}. Called once for a closed workload; for visits as the
     * pool of visitor slots grows (amortised: rare, and never per page view once it stops growing).
     */
    void visitors(int n) {
        if (n > visitors.length && remembers()) {
            visitors = java.util.Arrays.copyOf(visitors, Math.max(n, 2 * visitors.length));
        }
    }

    /**
     * A page view of visitor {@code visitor} (−1: an anonymous arrival) begins at {@code now} with
     * {@code requests} requests for this origin: are its connections open? A {@code newVisitor}
     * has none, whatever the slot it takes held before.
     */
    void begin(PageView pv, int requests, int visitor, boolean newVisitor, long now) {
        int o = index;
        pv.ints[4 * o + 1] = 0;
        pv.ints[4 * o + 2] = 0;
        pv.ints[4 * o] = 0;
        pv.longs[2 * o] = -1;
        pv.longs[2 * o + 1] = -1;
        if (!keepAlive) {
            return;
        }
        if (remembers()) {
            if (visitor < 0) {
                return;
            }
            if (newVisitor) {
                visitors[visitor] = 0;
                return;
            }
            long state = visitors[visitor];
            int open = (int) (state & COUNT_MASK);
            long last = state >>> COUNT_BITS;
            if (open > 0 && now - last < keepAliveTimeout) {
                pv.ints[4 * o] = open;
                pv.ints[4 * o + 2] = 1;
                pv.longs[2 * o] = last;
            }
            return;
        }
        if (reuse > 0) {
            reuseCarry += reuse;
            if (reuseCarry >= 1 - 1e-9) {
                reuseCarry -= 1;
                pv.ints[4 * o] = http2 ? 1 : Math.max(1, Math.min(perHost, requests));
                pv.ints[4 * o + 2] = 1;
            }
        }
    }

    /**
     * The page view of {@code visitor} is over: what stays open for its next one. One that timed out
     * (the user gave up with requests still in flight) leaves none idle.
     */
    void end(PageView pv, int visitor, boolean timedOut) {
        if (!remembers() || visitor < 0 || !keepAlive) {
            return;
        }
        int o = index;
        if (timedOut) {
            visitors[visitor] = 0;
        } else if (pv.ints[4 * o] > 0 && pv.longs[2 * o] >= 0) {
            visitors[visitor] = pv.longs[2 * o] << COUNT_BITS | Math.min(pv.ints[4 * o], COUNT_MASK);
        }
    }

    /**
     * Request {@code r} of {@code pv} goes to this origin at {@code now}: an idle connection, or a new one
     * and its handshakes. Over HTTP/2 a request sent at the instant its page view's connection is opened
     * (the assets sent together) waits for the handshakes with the one that opened it.
     */
    void send(PageView pv, Request r, long now) {
        int o = index;
        r.origin = o;
        boolean open = !keepAlive || (http2 ? pv.ints[4 * o] == 0 : pv.ints[4 * o + 1] >= pv.ints[4 * o]);
        if (!open) {
            r.clientTrips = http2 && pv.longs[2 * o + 1] == now ? pv.ints[4 * o + 3] : 1;
            return;
        }
        opened.increment();
        pv.ints[4 * o]++;
        pv.longs[2 * o + 1] = now;
        if (!tls) {
            r.clientTrips = 2;
            pv.ints[4 * o + 3] = 2;
            return;
        }
        boolean resume = pv.ints[4 * o + 2] != 0;
        if (!resume && resumption > 0) {
            resumptionCarry += resumption;
            if (resumptionCarry >= 1 - 1e-9) {
                resumptionCarry -= 1;
                resume = true;
            }
        }
        pv.ints[4 * o + 2] = 1;
        if (owesHandshake) {
            r.handshake = resume ? Request.RESUMED_HANDSHAKE : Request.FULL_HANDSHAKE;
        }
        r.clientTrips = 2 + (resume ? resumedTrips : fullTrips);
        pv.ints[4 * o + 3] = r.clientTrips;
    }
}
