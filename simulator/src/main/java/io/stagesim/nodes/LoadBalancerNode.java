package io.stagesim.nodes;

import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.model.Outcome;
import io.stagesim.random.RandomStream;
import java.util.function.Consumer;

/**
 * A load balancer in front of identical backends, choosing among them by a
 * {@link BalancingPolicy}: what every balancer shares. Backends can be taken out of rotation and
 * put back (deploys, autoscaling); a backend that has not answered within the read timeout fails
 * the request; the read timeout runs once the connection is open (a backend whose host is gone
 * fails first at the connect timeout of its link). How a balancer is reached and how it finds
 * dead backends is its kind's:
 * {@link NginxBalancerNode} (self-hosted, passive detection per worker process) or
 * {@link ManagedBalancerNode} (managed, active health checks).
 */
public abstract sealed class LoadBalancerNode extends Node implements Handler
        permits NginxBalancerNode, ManagedBalancerNode {

    /** Taking a connection (self-hosted). */
    static final int CONNECTION = 0;
    /** On the way to choosing a backend. */
    static final int ROUTE = 1;
    /** At a backend. */
    static final int BACKEND = 2;
    /** Handler tag: a backend has not answered in time. */
    static final int READ_TIMEOUT = 1;

    final Engine engine;
    final RequestPool requests;
    private final long readTimeout;
    private final BalancingPolicy.Kind policyKind;
    private final RandomStream random;
    /** Worker processes, each with its own view of which backends are down; requests take them in turn. */
    final int workers;
    private int nextWorker;
    BalancingPolicy policy;
    Link[] backends = new Link[0];
    boolean[] deregistered = new boolean[0];
    private Consumer<Node> ejections = n -> { };

    LoadBalancerNode(String name, Engine engine, RequestPool requests, long readTimeout, BalancingPolicy.Kind policy,
            RandomStream random, int workers) {
        super(name);
        this.engine = engine;
        this.requests = requests;
        this.readTimeout = readTimeout;
        this.policyKind = policy;
        this.random = random;
        this.workers = Math.max(1, workers);
    }

    /** The backends, as links from this balancer; once every node of the model exists. */
    public void connect(Link[] links) {
        this.backends = links.clone();
        for (Link l : backends) {
            l.connectFor(this);
        }
        this.deregistered = new boolean[links.length];
        this.policy = new BalancingPolicy(policyKind, random, links.length, workers);
        connected();
    }

    /** The backends are known: size what is kept per backend. */
    abstract void connected();

    /** True when backend {@code i} can be sent new requests by {@code worker}. */
    abstract boolean usable(int i, int worker);

    /**
     * Backend {@code i} failed request {@code r}: true when the balancer sent it to another
     * backend instead of failing it.
     */
    abstract boolean retried(Request r, int i);

    /** Backend {@code i} was chosen by {@code worker} for a request. */
    void chosen(int i, int worker) {
    }

    /** Backend {@code i} answered a request of {@code worker}. */
    void answered(int i, int worker) {
    }

    /** A step of the kind's own ended. */
    abstract void stepped(Request r, int outcome);

    /** Called as a request's own work here is done and it goes on to choose a backend. */
    void routing(Request r) {
        // nothing by default
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

    /** Puts {@code target} back in rotation. */
    public void register(Node target) {
        mark(target, false);
    }

    private boolean mark(Node target, boolean off) {
        boolean found = false;
        for (int i = 0; i < backends.length; i++) {
            if (backends[i].target() == target) {
                found = true;
                deregistered[i] = off;
                if (!off) {
                    registered(i);
                }
            }
        }
        return found;
    }

    /** Backend {@code i} was put back in rotation. */
    void registered(int i) {
    }

    /** Told of each backend taken out by detection (a failed connection, failed health checks). */
    public void onEject(Consumer<Node> listener) {
        this.ejections = listener;
    }

    /** Tells the listener that detection took backend {@code i} out. */
    final void eject(int i) {
        ejections.accept(backends[i].target());
    }

    /** True when {@code target} is a backend that new requests can be sent to now (by every worker). */
    public boolean inService(Node target) {
        for (int i = 0; i < backends.length; i++) {
            for (int w = 0; w < workers; w++) {
                if (backends[i].target() == target && !usable(i, w)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Backends in rotation; NGINX never marks down the only server of a group. */
    final int registered() {
        int n = 0;
        for (boolean off : deregistered) {
            n += off ? 0 : 1;
        }
        return n;
    }

    /**
     * A backend usable by {@code worker}, by the policy; when none is usable, any backend in
     * rotation (failing open), and when none is in rotation, any.
     */
    private int choose(int worker) {
        int n = backends.length;
        boolean any = false;
        boolean inRotation = false;
        for (int i = 0; i < n && !any; i++) {
            any = usable(i, worker);
            inRotation |= !deregistered[i];
        }
        for (int attempt = 0; attempt < 4 * n; attempt++) {
            int i = policy.pick(n, worker);
            if (any ? usable(i, worker) : !inRotation || !deregistered[i]) {
                return i;
            }
        }
        for (int i = 0; i < n; i++) {
            if (any ? usable(i, worker) : !inRotation || !deregistered[i]) {
                return i;
            }
        }
        throw new IllegalStateException(name + ": no backend to choose"); // one is acceptable, by the first loop
    }

    /** Sends {@code r} to a backend chosen for its worker, with the read timeout running. */
    final void route(Request r) {
        int worker = (int) r.value();
        int i = choose(worker);
        chosen(i, worker);
        policy.sent(i);
        r.a(i);
        r.phase(BACKEND);
        if (readTimeout > 0 && !backends[i].connecting()) {
            r.startTimer(readTimeout, this, READ_TIMEOUT);
        }
        r.call(backends[i], null);
    }

    /** {@code r}, at its link, waited to connect to a host that came back: its read timeout starts now. */
    final void connected(Request r) {
        if (readTimeout > 0) {
            r.startCallerTimer(readTimeout, this, READ_TIMEOUT);
        }
    }

    @Override
    protected final void step(Request r, int outcome) {
        switch (r.phase()) {
            case ROUTE -> {
                routing(r);
                r.value(nextWorker); // the worker process that accepted the connection
                nextWorker = (nextWorker + 1) % workers;
                route(r);
            }
            case BACKEND -> {
                r.cancelTimer();
                int i = r.a();
                policy.answered(i);
                if (outcome == Outcome.OK) {
                    answered(i, (int) r.value());
                } else if (retried(r, i)) {
                    return;
                }
                r.ret(outcome == Outcome.OK);
            }
            default -> stepped(r, outcome);
        }
    }

    /** A backend that has not answered in time: the client gets a 504 and the backend works on for nobody. */
    @Override
    public void handle(Object subject, int tag) {
        Request r = (Request) subject;
        Request front = r.detach(r.frameOf(this), requests);
        front.cancelTimer();
        front.setError(ErrorKind.UPSTREAM_TIMEOUT);
        front.resumeTop(Outcome.FAILED);
    }
}
