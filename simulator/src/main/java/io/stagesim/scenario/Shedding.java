package io.stagesim.scenario;

/**
 * What NGINX refuses before it reaches an upstream (load shedding), with one key for every request:
 * {@code limit_req} (a leaky bucket: {@code rate} per second, {@code burst} requests above it,
 * delayed while above {@code delay}; 0 rate for none) and {@code limit_conn} (requests at the
 * upstreams at once; 0 for no limit). Both answer 503 at once.
 */
public record Shedding(double rate, int burst, int delay, int maxConnections) {

    /** No limits, as NGINX without the two directives. */
    public static final Shedding NONE = new Shedding(0, 0, 0, 0);

    /** Checks the bounds. */
    public Shedding {
        Require.atLeast("limit_req.rate", rate, 0);
        Require.atLeast("limit_req.burst", burst, 0);
        Require.atLeast("limit_req.delay", delay, 0);
        Require.atLeast("limit_conn", maxConnections, 0);
    }

    /** True when {@code limit_req} is on. */
    public boolean limitsRate() {
        return rate > 0;
    }

    /** True when {@code limit_conn} is on. */
    public boolean limitsConnections() {
        return maxConnections > 0;
    }

    /**
     * {@code limit_req: {rate, burst, delay | nodelay}} and {@code limit_conn: N} from {@code f}, or
     * {@link #NONE}. NGINX's defaults: burst 0, delay 0 (every request above the rate waits).
     */
    static Shedding bind(Fields f) {
        int conns = f.integer("limit_conn", 0, 1, 10_000_000);
        if (!f.has("limit_req")) {
            return conns == 0 ? NONE : new Shedding(0, 0, 0, conns);
        }
        Fields r = Fields.of(f.raw("limit_req"), f.child("limit_req"), f.problems(), f.baseDir());
        if (r == null) {
            return NONE;
        }
        double rate = r.rate("rate", 0);
        if (!(rate > 0)) {
            r.problems().add(r.location(), r.child("rate"), "missing or not above 0/s; the rate NGINX lets through, "
                    + "e.g. 'rate: 100/s'");
        }
        int burst = r.integer("burst", 0, 0, 10_000_000);
        boolean nodelay = r.bool("nodelay", false);
        int delay = r.integer("delay", 0, 0, 10_000_000);
        if (nodelay && r.has("delay")) {
            r.problem("delay", "give 'nodelay: true' or 'delay: N', not both (nodelay is a delay as large as the burst)");
        }
        r.finish();
        return new Shedding(Math.max(rate, 0), burst, nodelay ? burst : Math.min(delay, burst), conns);
    }
}
