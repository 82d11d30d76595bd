package io.stagesim.nodes;

import io.stagesim.model.DelayStation;
import io.stagesim.model.Outcome;
import io.stagesim.stats.CountRecorder;

/**
 * A CDN's edge, outside our machines, in front of an origin: a static file is a hit with the
 * edge's hit ratio and is sent from there at once; a miss is first fetched from the origin over
 * {@code origin} (its round trip, the origin's own work and transfer), then sent. Sending takes
 * size / bandwidth, with no capacity limit (an infinite server). Hits and misses are dealt out
 * evenly (error diffusion, no random draw): of n requests exactly ⌊n × (1 − hit ratio)⌋ miss,
 * give or take one, so a test can count them; a miss costs the origin a request like any other.
 */
public final class CdnNode extends Node {

    private static final int ORIGIN = 1;
    private static final int SEND = 2;

    private final DelayStation transfers;
    private Link origin;
    private final double missRatio;
    private final double bytesPerNano;
    private double missCarry;
    private CountRecorder requests;
    private CountRecorder misses;
    private CountRecorder bytesOut;

    /** An edge with this hit ratio, sending at {@code bandwidth} bytes/s; its origin is linked by {@link #origin}. */
    public CdnNode(String name, DelayStation transfers, double hitRatio, double bandwidth) {
        super(name);
        this.transfers = transfers;
        this.missRatio = 1 - hitRatio;
        this.bytesPerNano = bandwidth / 1e9;
    }

    /** Misses are fetched over {@code link}. Required before the first request. */
    public void origin(Link link) {
        this.origin = link;
    }

    /** Counts requests served, misses (fetches from the origin) and bytes sent to browsers, for the bill. */
    public void meter(CountRecorder requests, CountRecorder misses, CountRecorder bytesOut) {
        this.requests = requests;
        this.misses = misses;
        this.bytesOut = bytesOut;
    }

    @Override
    protected void start(Request r) {
        requests.increment();
        missCarry += missRatio;
        if (missCarry >= 1 - 1e-9) {
            missCarry -= 1;
            misses.increment();
            r.viaEdge = true;
            r.phase(ORIGIN);
            r.call(origin, null);
            return;
        }
        send(r);
    }

    private void send(Request r) {
        r.phase(SEND);
        transfers.delay(r, bytesPerNano > 0 ? (long) (r.size / bytesPerNano) : 0);
    }

    @Override
    protected void step(Request r, int outcome) {
        if (r.phase() == ORIGIN) {
            r.viaEdge = false;
            if (outcome != Outcome.OK) {
                r.ret(false); // the origin's error (a 503, a refused connection) reaches the browser
            } else {
                send(r);
            }
            return;
        }
        bytesOut.add(r.size);
        r.ret(true);
    }
}
