package io.stagesim.nodes;

import io.stagesim.engine.Engine;
import io.stagesim.model.DelayStation;
import io.stagesim.random.RandomStream;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A managed balancer, ELB-like: no host of ours, only an added latency, and no retry. Dead
 * backends are found by active health checks of every backend each {@code healthInterval}:
 * {@code unhealthy} failures in a row take it out, {@code healthy} successes bring it back; a
 * newly registered backend is in service after {@code initial} successes (one, for an ALB: "after
 * your target is registered, it must pass one health check to be considered healthy"); if every
 * backend is out, traffic goes to all of them (fail open). A check is a request like a static
 * file, so it waits behind the requests queued at the backend, and fails if not answered within
 * {@code healthTimeout} (a backend whose host is gone: its SYN is never answered).
 */
public final class ManagedBalancerNode extends LoadBalancerNode implements Request.Owner {

    private static final int HEALTH_CHECK = 0;
    /** A health check request (the subject) not answered within the health timeout. */
    private static final int CHECK_TIMEOUT = 2;

    /** A health check under way: its backend and the timer of its timeout. */
    private record Check(int backend, long timer) {
    }

    private final DelayStation network;
    private final long latency;
    private final long healthInterval;
    private final int unhealthy;
    private final int healthy;
    private final int initial;
    private final long healthTimeout;
    private final Map<Request, Check> checks = new IdentityHashMap<>();
    private int[] failedChecks = new int[0];
    private int[] goodChecks = new int[0];
    private boolean[] out = new boolean[0];
    /** Registered and not yet in service once: the initial threshold applies. */
    private boolean[] fresh = new boolean[0];

    /** A managed balancer adding {@code latency} over {@code network}, checking its backends as above. */
    public ManagedBalancerNode(String name, Engine engine, RequestPool requests, DelayStation network, long latency,
            BalancingPolicy.Kind policy, RandomStream random, long healthInterval, int unhealthy, int healthy,
            int initial, long healthTimeout, long readTimeout) {
        super(name, engine, requests, readTimeout, policy, random, 1); // no worker processes of ours
        this.network = network;
        this.latency = latency;
        this.healthInterval = healthInterval;
        this.unhealthy = unhealthy;
        this.healthy = healthy;
        this.initial = initial;
        this.healthTimeout = healthTimeout;
    }

    /** Sizes the health state and schedules the first round of checks. */
    @Override
    void connected() {
        failedChecks = new int[backends.length];
        goodChecks = new int[backends.length];
        out = new boolean[backends.length];
        fresh = new boolean[backends.length];
        engine.schedule(healthInterval, this, null, HEALTH_CHECK);
    }

    @Override
    boolean usable(int i, int worker) {
        return !deregistered[i] && !out[i];
    }

    /** Like an ELB with a newly registered target, it first waits for {@code initial} good checks in a row. */
    @Override
    void registered(int i) {
        out[i] = true;
        fresh[i] = true;
        goodChecks[i] = 0;
    }

    @Override
    protected void start(Request r) {
        r.handshake = Request.NO_HANDSHAKE; // TLS ends here, on the provider's CPU, not ours
        r.phase(ROUTE);
        network.delay(r, latency);
    }

    @Override
    void stepped(Request r, int outcome) {
        throw new IllegalStateException(name + ": phase " + r.phase());
    }

    @Override
    boolean retried(Request r, int i) {
        return false; // the client gets the failure
    }

    /** A round of health checks, a check not answered in time, or a backend that has not answered in time. */
    @Override
    public void handle(Object subject, int tag) {
        if (tag == READ_TIMEOUT) {
            super.handle(subject, tag);
            return;
        }
        if (tag == CHECK_TIMEOUT) {
            Request r = (Request) subject;
            Check c = checks.remove(r);
            if (c != null) { // not answered in time: it goes on for nobody
                r.orphan = true;
                r.abandoned = true;
                checked(c.backend(), false);
            }
            return;
        }
        for (int i = 0; i < backends.length; i++) {
            if (deregistered[i]) {
                continue; // not a target now: not checked
            }
            if (backends[i].target().isDown() && !backends[i].target().isBlackholed()) {
                checked(i, false); // refused at once
            } else {
                check(i);
            }
        }
        engine.schedule(healthInterval, this, null, HEALTH_CHECK);
    }

    /** A health check of backend {@code i}. */
    private void check(int i) {
        Request r = requests.take();
        r.reset(this, engine, engine.now(), 0);
        r.isStatic = true;
        checks.put(r, new Check(i, engine.schedule(healthTimeout, this, r, CHECK_TIMEOUT)));
        r.call(backends[i], null);
    }

    /** A health check answered (or failed at once). */
    @Override
    public void finished(Request r, boolean ok) {
        Check c = checks.remove(r);
        if (c != null) {
            engine.cancel(c.timer());
            checked(c.backend(), ok);
        }
        requests.give(r);
    }

    /** The result of a health check of backend {@code i}. */
    private void checked(int i, boolean good) {
        if (!good) {
            goodChecks[i] = 0;
            if (++failedChecks[i] >= unhealthy) {
                fresh[i] = false; // unhealthy now: back only after the healthy threshold
                if (!out[i]) {
                    out[i] = true;
                    eject(i);
                }
            }
        } else {
            failedChecks[i] = 0;
            if (++goodChecks[i] >= (fresh[i] ? initial : healthy)) {
                out[i] = false;
                fresh[i] = false;
            }
        }
    }
}
