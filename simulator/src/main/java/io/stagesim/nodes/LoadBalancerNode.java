package io.stagesim.nodes;

import io.stagesim.model.DelayStation;
import io.stagesim.model.Outcome;
import io.stagesim.model.Pool;
import io.stagesim.model.PsHost;
import io.stagesim.random.RandomStream;
import io.stagesim.random.Sampler;

/**
 * A load balancer in front of identical backends. Self-hosted (NGINX on its own host): it takes a
 * connection and CPU per request, and saturates like any service. Managed: no host of ours, only
 * an added latency. Policies: round robin, least connections (fewest requests in flight), random,
 * and two random choices (the less loaded of two picked at random).
 *
 * <p>Dead backends. Self-hosted, like NGINX: a connection that fails marks the backend down for
 * {@code failTimeout} (max_fails = 1) and the request is passed to the next backend, at most once
 * per backend. Managed, like an ELB: no retry, but a health check of every backend each
 * {@code healthInterval}; {@code unhealthy} failures in a row take it out, {@code healthy}
 * successes bring it back; if every backend is out, traffic goes to all of them (fail open).
 */
public final class LoadBalancerNode extends Node implements io.stagesim.engine.Handler, Request.Owner {

    /** How a backend is chosen. */
    public enum Policy { ROUND_ROBIN, LEAST_CONN, RANDOM, TWO_CHOICES }

    private static final int CONNECTION = 0;
    private static final int ROUTE = 1;
    private static final int BACKEND = 2;

    private final PsHost cpu;
    private final Pool connections;
    private final Sampler base;
    private final DelayStation network;
    private final long managedLatency;
    private final Policy policy;
    private final RandomStream random;
    private Link[] backends = new Link[0];
    private int[] inFlight = new int[0];
    private long[] downUntil = new long[0];
    /** Views of which backends are down (NGINX worker processes without a zone); request's worker by turn. */
    private int states = 1;
    private int nextWorker;
    private io.stagesim.stats.CountRecorder passiveRetries;
    private int[] failedChecks = new int[0];
    private int[] goodChecks = new int[0];
    private boolean[] out = new boolean[0];
    private boolean[] deregistered = new boolean[0];
    private java.util.function.Consumer<Node> ejections = n -> { };
    /** Round-robin position, per worker as in NGINX without a zone. */
    private int[] next = new int[1];
    private io.stagesim.engine.Engine engine;
    private long failTimeout;
    private long healthInterval;
    private int unhealthy;
    private int healthy;
    private long readTimeout;
    private RequestPool requests;
    private static final int HEALTH_CHECK = 0;
    private static final int READ_TIMEOUT = 1;
    /** A health check request (the subject) not answered within the health timeout. */
    private static final int CHECK_TIMEOUT = 2;
    private long healthTimeout;
    /** Health checks under way: their backend and timer. */
    private final java.util.Map<Request, long[]> checks = new java.util.IdentityHashMap<>();

    /** A load balancer; {@code cpu} and {@code connections} are null when it is managed. */
    public LoadBalancerNode(String name, PsHost cpu, Pool connections, Sampler base, DelayStation network,
            long managedLatency, Policy policy, RandomStream random) {
        super(name);
        this.cpu = cpu;
        this.connections = connections;
        this.base = base;
        this.network = network;
        this.managedLatency = managedLatency;
        this.policy = policy;
        this.random = random;
    }

    /** The backends, as links from this balancer. */
    public void backends(Link[] links) {
        this.backends = links.clone();
        this.inFlight = new int[links.length];
        this.downUntil = new long[links.length * states];
        this.failedChecks = new int[links.length];
        this.goodChecks = new int[links.length];
        this.out = new boolean[links.length];
        this.deregistered = new boolean[links.length];
    }

    /** True when {@code target} is one of this balancer's backends. */
    public boolean hasBackend(Node target) {
        for (Link l : backends) {
            if (l.target() == target) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes {@code target} out of rotation (a deploy draining it): no new requests go to it.
     * Returns false when it is not one of this balancer's backends.
     */
    public boolean deregister(Node target) {
        return mark(target, true);
    }

    /**
     * Puts {@code target} back in rotation. Managed balancers, like an ELB with a newly registered
     * target, first wait for {@code healthy} health checks in a row to pass.
     */
    public void register(Node target) {
        mark(target, false);
    }

    private boolean mark(Node target, boolean off) {
        boolean found = false;
        for (int i = 0; i < backends.length; i++) {
            if (backends[i].target() == target) {
                found = true;
                deregistered[i] = off;
                if (!off && cpu == null && engine != null) {
                    out[i] = true;
                    goodChecks[i] = 0;
                }
            }
        }
        return found;
    }

    /** Told of each backend taken out by detection (a failed connection, failed health checks). */
    public void onEject(java.util.function.Consumer<Node> listener) {
        this.ejections = listener;
    }

    /** True when {@code target} is a backend that new requests can be sent to now (by every worker). */
    public boolean inService(Node target) {
        for (int i = 0; i < backends.length; i++) {
            for (int w = 0; w < states; w++) {
                if (backends[i].target() == target && !usable(i, w)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Self-hosted: {@code states} separate views of which backends are down (one per NGINX worker;
     * requests take the workers in turn), and the count of requests passed to the next backend
     * after a failed attempt (null: not counted). Call before {@link #backends}' state is used.
     */
    public void passive(int states, io.stagesim.stats.CountRecorder retries) {
        this.states = cpu == null ? 1 : Math.max(1, states); // a managed balancer has no worker processes
        this.downUntil = new long[backends.length * this.states];
        this.next = new int[this.states];
        this.passiveRetries = retries;
    }

    /** Health detection: passive with {@code failTimeout} when self-hosted, else active checks. */
    public void health(io.stagesim.engine.Engine engine, long failTimeout, long healthInterval, int unhealthy,
            int healthy, long readTimeout, long healthTimeout, RequestPool requests) {
        this.healthTimeout = healthTimeout;
        this.engine = engine;
        this.readTimeout = readTimeout;
        this.requests = requests;
        this.failTimeout = failTimeout;
        this.healthInterval = healthInterval;
        this.unhealthy = unhealthy;
        this.healthy = healthy;
        if (cpu == null) {
            engine.schedule(healthInterval, this, null, HEALTH_CHECK);
        }
    }

    /** A round of active health checks (managed balancers), or a backend that has not answered in time. */
    @Override
    public void handle(Object subject, int tag) {
        if (tag == READ_TIMEOUT) {
            Request r = (Request) subject;
            Request front = r.detach(r.frameOf(this), requests); // the backend works on for nobody
            front.cancelTimer();
            front.setError(ErrorKind.UPSTREAM_TIMEOUT);
            front.resumeTop(Outcome.FAILED);
            return;
        }
        if (tag == CHECK_TIMEOUT) {
            Request r = (Request) subject;
            long[] c = checks.remove(r);
            if (c != null) { // not answered in time: it goes on for nobody
                r.orphan = true;
                r.abandoned = true;
                checked((int) c[0], false);
            }
            return;
        }
        for (int i = 0; i < backends.length; i++) {
            if (deregistered[i]) {
                continue; // not a target now: not checked
            }
            if (backends[i].target().isDown()) {
                checked(i, false); // refused at once
            } else {
                check(i);
            }
        }
        engine.schedule(healthInterval, this, null, HEALTH_CHECK);
    }

    /**
     * A health check of backend {@code i}: a request like a static file (a cheap view holding a
     * worker), so it waits behind the requests queued there, and fails if not answered within the
     * health timeout.
     */
    private void check(int i) {
        Request r = requests.take();
        r.reset(this, engine, engine.now(), 0);
        r.isStatic = true;
        checks.put(r, new long[] {i, engine.schedule(healthTimeout, this, r, CHECK_TIMEOUT)});
        r.call(backends[i], null);
    }

    /** A health check answered (or failed at once). */
    @Override
    public void finished(Request r, boolean ok) {
        long[] c = checks.remove(r);
        if (c != null) {
            engine.cancel(c[1]);
            checked((int) c[0], ok);
        }
        requests.give(r);
    }

    /** The result of a health check of backend {@code i}. */
    private void checked(int i, boolean good) {
        if (!good) {
            goodChecks[i] = 0;
            if (++failedChecks[i] >= unhealthy && !out[i]) {
                out[i] = true;
                ejections.accept(backends[i].target());
            }
        } else {
            failedChecks[i] = 0;
            if (++goodChecks[i] >= healthy) {
                out[i] = false;
            }
        }
    }

    /** Backends in rotation; NGINX never marks down the only server of a group. */
    private int registered() {
        int n = 0;
        for (boolean off : deregistered) {
            n += off ? 0 : 1;
        }
        return n;
    }

    private boolean usable(int i, int worker) {
        if (deregistered[i]) {
            return false;
        }
        return cpu == null ? !out[i] : engine == null || engine.now() >= downUntil[worker * backends.length + i];
    }

    /** The connection table, or null when managed. */
    public Pool connections() {
        return connections;
    }

    @Override
    protected void start(Request r) {
        if (cpu == null) {
            r.phase(ROUTE);
            network.delay(r, managedLatency);
        } else {
            r.phase(CONNECTION);
            connections.acquire(r);
        }
    }

    /**
     * A backend usable by {@code worker}, by the policy; when none is usable, any backend in
     * rotation (failing open), and when none is in rotation, any.
     */
    private int choose(int worker) {
        int n = backends.length;
        boolean any = false;
        boolean registered = false;
        for (int i = 0; i < n && !any; i++) {
            any = usable(i, worker);
            registered |= !deregistered[i];
        }
        for (int attempt = 0; attempt < 4 * n; attempt++) {
            int i = pick(n, worker);
            if (any ? usable(i, worker) : !registered || !deregistered[i]) {
                return i;
            }
        }
        for (int i = 0; i < n; i++) {
            if (any ? usable(i, worker) : !registered || !deregistered[i]) {
                return i;
            }
        }
        return pick(n, worker);
    }

    private int pick(int n, int w) {
        switch (policy) {
            case ROUND_ROBIN: {
                int i = next[w];
                next[w] = (i + 1) % n;
                return i;
            }
            case RANDOM:
                return random.nextInt(n);
            case TWO_CHOICES: {
                int i = random.nextInt(n);
                int j = random.nextInt(n);
                return inFlight[j] < inFlight[i] ? j : i;
            }
            default: {
                int best = next[w];
                for (int k = 1; k < n; k++) {
                    int i = (next[w] + k) % n;
                    if (inFlight[i] < inFlight[best]) {
                        best = i;
                    }
                }
                next[w] = (next[w] + 1) % n; // ties rotate instead of always hitting the first backend
                return best;
            }
        }
    }

    private void route(Request r) {
        int i = choose((int) r.value());
        inFlight[i]++;
        r.a(i);
        r.phase(BACKEND);
        if (readTimeout > 0 && requests != null) {
            r.startTimer(readTimeout, this, READ_TIMEOUT);
        }
        r.call(backends[i], null);
    }

    @Override
    protected void step(Request r, int outcome) {
        switch (r.phase()) {
            case CONNECTION -> {
                if (outcome != Outcome.OK) {
                    r.fail(ErrorKind.PROXY_CONNECTIONS);
                    return;
                }
                r.hold(connections);
                long work = base.sample();
                r.countCpu(work);
                r.phase(ROUTE);
                cpu.execute(r, work);
            }
            case ROUTE -> {
                r.value(nextWorker); // the NGINX worker that accepted the connection
                nextWorker = (nextWorker + 1) % states;
                route(r);
            }
            case BACKEND -> {
                r.cancelTimer();
                int i = r.a();
                inFlight[i]--;
                boolean retryable = r.error() == ErrorKind.HOST_DOWN || r.error() == ErrorKind.UPSTREAM_TIMEOUT;
                if (outcome != Outcome.OK && retryable && cpu != null && registered() > 1) {
                    // passive detection: the backend is marked down, the request goes to the next one
                    downUntil[(int) r.value() * backends.length + i] = engine == null ? 0 : engine.now() + failTimeout;
                    ejections.accept(backends[i].target());
                    int tries = r.b() + 1;
                    if (tries < backends.length) {
                        if (passiveRetries != null) {
                            passiveRetries.increment();
                        }
                        r.b(tries);
                        r.clearError();
                        route(r);
                        return;
                    }
                }
                r.ret(outcome == Outcome.OK);
            }
            default -> throw new IllegalStateException(name + ": phase " + r.phase());
        }
    }
}
