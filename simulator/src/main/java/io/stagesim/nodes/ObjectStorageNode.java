package io.stagesim.nodes;

import io.stagesim.engine.Engine;
import io.stagesim.model.DelayStation;
import io.stagesim.model.Outcome;
import io.stagesim.random.Sampler;
import io.stagesim.stats.CountRecorder;

/**
 * S3-like object storage, outside our machines: each request waits a first-byte latency plus the
 * transfer time of its bytes, with no capacity limit (an infinite server), except request-rate
 * limits per prefix: token buckets of GET and PUT requests per second (a one-second burst) that
 * answer 503 SlowDown when empty.
 */
public final class ObjectStorageNode extends Node {

    private static final int HANDED = 1;

    private final Engine engine;
    private final DelayStation transfers;
    private final Sampler firstByte;
    private final double bytesPerNano;
    private final double getPerNano;
    private final double putPerNano;
    private double getTokens;
    private double putTokens;
    private long lastRefill;
    private boolean outage;
    private double limitFactor = 1;
    private CountRecorder gets;
    private CountRecorder puts;
    private CountRecorder clientBytes;

    /** Storage with the given latency, bandwidth (bytes/s) and limits (requests/s). */
    public ObjectStorageNode(String name, Engine engine, DelayStation transfers, Sampler firstByte,
            double bandwidth, double getLimit, double putLimit) {
        super(name);
        this.engine = engine;
        this.transfers = transfers;
        this.firstByte = firstByte;
        this.bytesPerNano = bandwidth / 1e9;
        this.getPerNano = getLimit / 1e9;
        this.putPerNano = putLimit / 1e9;
        this.getTokens = getLimit;
        this.putTokens = putLimit;
    }

    /**
     * Counts what the bill charges for: GET and PUT requests served (not those refused by an
     * outage or throttling) and the bytes sent to browsers (assets; not downloads by our servers,
     * which stay in the region, nor a CDN's fetches from its origin, which are free).
     */
    public void meter(CountRecorder gets, CountRecorder puts, CountRecorder clientBytes) {
        this.gets = gets;
        this.puts = puts;
        this.clientBytes = clientBytes;
    }

    /** An outage of the service: every request is answered 503 at once, until it ends. */
    public void setOutage(boolean outage) {
        this.outage = outage;
    }

    /**
     * Throttling: the request-rate limits (and their one-second bursts) multiplied by
     * {@code factor}, from now on; 1 restores them.
     */
    public void setLimitFactor(double factor) {
        refill(engine.now());
        this.limitFactor = factor;
        getTokens = Math.min(getTokens, getPerNano * 1e9 * factor);
        putTokens = Math.min(putTokens, putPerNano * 1e9 * factor);
    }

    private void refill(long now) {
        long dt = now - lastRefill;
        lastRefill = now;
        getTokens = Math.min(getPerNano * 1e9 * limitFactor, getTokens + dt * getPerNano * limitFactor);
        putTokens = Math.min(putPerNano * 1e9 * limitFactor, putTokens + dt * putPerNano * limitFactor);
    }

    @Override
    protected void start(Request r) {
        StorageCall site = (StorageCall) r.arg();
        long bytes = site == null ? r.size : site.download + site.upload;
        boolean put = site != null ? site.upload > 0 : r.upload;
        if (outage) {
            r.fail(ErrorKind.STORAGE_UNAVAILABLE);
            return;
        }
        refill(engine.now());
        if (put ? putTokens < 1 : getTokens < 1) {
            r.fail(ErrorKind.THROTTLED);
            return;
        }
        if (put) {
            putTokens -= 1;
        } else {
            getTokens -= 1;
        }
        if (gets != null) {
            (put ? puts : gets).increment();
            if (site == null && !r.viaEdge && !r.upload) {
                clientBytes.add(bytes);
            }
        }
        long transfer = bytesPerNano > 0 ? (long) (bytes / bytesPerNano) : 0;
        transfers.delay(r, firstByte.sample() + transfer);
    }

    @Override
    protected void step(Request r, int outcome) {
        if (r.phase() == HANDED) {
            r.ret(outcome == Outcome.OK);
            return;
        }
        Transfer t = r.arg() == null ? Transfer.responseOf(r) : null; // a file for a browser: its last mile
        if (t == null) {
            r.ret(true);
            return;
        }
        r.phase(HANDED);
        r.call(t, null);
    }
}
