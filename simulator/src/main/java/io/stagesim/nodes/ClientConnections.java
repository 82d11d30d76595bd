package io.stagesim.nodes;

import io.stagesim.stats.CountRecorder;

/**
 * The browsers' connections to the site's front (the service they send page views to), and what
 * opening one costs. A page view sends its requests to the front over connections of its own: with
 * HTTP/1.1 at most {@code connections_per_host} at once, a request taking an idle one or, when none is
 * idle, opening another, so a page view of n assets opens max(1, min(6, n)); with HTTP/2 one, its
 * requests multiplexed over it. A share {@code reuse} of page views find the connections they need
 * still open from the visitor's previous page view (keep-alive) and open none; which ones is dealt out
 * evenly (error diffusion), not drawn, so over k page views exactly ⌊k·reuse⌋ reuse. A front that does
 * not keep connections alive (Gunicorn's sync workers close each after its response) makes every
 * request open one, and no page view reuses any.
 *
 * <p>A new connection costs its request the TCP handshake's round trip, then with TLS the handshake's:
 * full or resumed, as {@link io.stagesim.scenario.TlsSpec} says, and marks the request with the handshake
 * the server that terminates TLS owes it ({@link ProxyNode} spends the CPU). A page view's first
 * connection resumes a session for a share {@code resumption} of page views (returning visitors, dealt
 * out evenly); its later connections resume with the session the first one got.
 */
public final class ClientConnections {

    /** Streams one HTTP/2 connection carries at once: NGINX's {@code http2_max_concurrent_streams}. */
    public static final int HTTP2_STREAMS = 128;

    private final int perHost;
    private final boolean keepAlive;
    private final boolean http2;
    private final boolean tls;
    private final int fullTrips;
    private final int resumedTrips;
    private final double reuse;
    private final double resumption;
    private final CountRecorder opened;
    private double reuseCarry;
    private double resumptionCarry;

    /**
     * Connections to a front, at most {@code perHost} at once over HTTP/1.1, that keeps them alive or not, speaks HTTP/2 or not, with TLS or not
     * ({@code fullTrips} and {@code resumedTrips}: the round trips a handshake adds after TCP's), a
     * share {@code reuse} of page views reusing the previous one's, a share {@code resumption} of page
     * views' first connections resuming a session; connections opened are counted in {@code opened}.
     */
    public ClientConnections(int perHost, boolean keepAlive, boolean http2, boolean tls, int fullTrips, int resumedTrips,
            double reuse, double resumption, CountRecorder opened) {
        this.perHost = perHost;
        this.keepAlive = keepAlive;
        this.http2 = http2 && keepAlive && tls; // browsers speak HTTP/2 only over TLS
        this.tls = tls;
        this.fullTrips = fullTrips;
        this.resumedTrips = resumedTrips;
        this.reuse = keepAlive ? reuse : 0;
        this.resumption = resumption;
        this.opened = opened;
    }

    /** The most requests a page view has at the front at once. */
    int parallel() {
        return http2 ? HTTP2_STREAMS : perHost;
    }

    /** A page view begins, with {@code assets} assets to fetch from the front: are its connections open? */
    void begin(PageView pv, int assets) {
        pv.frontInFlight = 0;
        pv.hasSession = false;
        pv.frontConnections = 0;
        if (reuse > 0) {
            reuseCarry += reuse;
            if (reuseCarry >= 1 - 1e-9) {
                reuseCarry -= 1;
                pv.frontConnections = http2 ? 1 : Math.max(1, Math.min(perHost, assets));
                pv.hasSession = true;
            }
        }
    }

    /** Request {@code r} of {@code pv} goes to the front: an idle connection, or a new one and its handshakes. */
    void send(PageView pv, Request r) {
        r.toFront = true;
        boolean open = !keepAlive || (http2 ? pv.frontConnections == 0 : pv.frontInFlight >= pv.frontConnections);
        if (!open) {
            r.clientTrips = 1;
            return;
        }
        opened.increment();
        pv.frontConnections++;
        if (!tls) {
            r.clientTrips = 2;
            return;
        }
        boolean resume = pv.hasSession;
        if (!resume && resumption > 0) {
            resumptionCarry += resumption;
            if (resumptionCarry >= 1 - 1e-9) {
                resumptionCarry -= 1;
                resume = true;
            }
        }
        pv.hasSession = true;
        r.handshake = resume ? Request.RESUMED_HANDSHAKE : Request.FULL_HANDSHAKE;
        r.clientTrips = 2 + (resume ? resumedTrips : fullTrips);
    }
}
