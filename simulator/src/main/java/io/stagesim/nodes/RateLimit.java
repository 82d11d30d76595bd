package io.stagesim.nodes;

/**
 * NGINX's {@code limit_req}: a leaky bucket of requests with one key for all of them. The bucket
 * drains at {@code rate} requests per second; each request admitted adds one. A request that would
 * take it over {@code burst} is refused (503) and leaves it as it was; one admitted waits until its
 * excess over {@code delay} has drained ({@code nodelay} is a delay as large as the burst: no
 * waiting). NGINX keeps the level in thousandths of a request and the time in milliseconds; here
 * both are exact, so a level NGINX rounds down by less than a thousandth can refuse one request
 * later or sooner.
 */
public final class RateLimit {

    private final double perNano;
    private final double burst;
    private final double delay;
    private double excess;
    private long last = Long.MIN_VALUE;

    /** A bucket draining {@code ratePerSecond}, holding up to {@code burst}, delaying above {@code delay}. */
    public RateLimit(double ratePerSecond, int burst, int delay) {
        if (!(ratePerSecond > 0) || burst < 0 || delay < 0) {
            throw new IllegalArgumentException("rate " + ratePerSecond + ", burst " + burst + ", delay " + delay);
        }
        this.perNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.delay = delay;
    }

    /**
     * A request at {@code now} (ns): -1 when it is refused, else how long it waits before going on
     * (0 for at once).
     */
    public long admit(long now) {
        if (last == Long.MIN_VALUE) { // the key's first request: a new bucket, empty
            last = now;
            return 0;
        }
        double e = Math.max(0, excess - perNano * (now - last) + 1);
        if (e > burst) {
            return -1;
        }
        excess = e;
        last = now;
        return e > delay ? Math.round((e - delay) / perNano) : 0;
    }
}
