package io.stagesim.nodes;

import io.stagesim.engine.Engine;
import io.stagesim.model.Outcome;
import io.stagesim.model.Pool;
import io.stagesim.model.PsHost;
import io.stagesim.random.RandomStream;
import io.stagesim.random.Sampler;
import io.stagesim.stats.CountRecorder;

/**
 * A self-hosted balancer, NGINX on a host of ours: each request takes a connection and CPU, so it
 * saturates like any service. Dead backends are found passively, as NGINX does with max_fails = 1
 * and {@code proxy_next_upstream error timeout}: a connection refused or reset, or a backend
 * silent past the connect or read timeout, marks the backend down for {@code failTimeout} and the
 * request is passed to the next backend, at most once per backend. Once {@code failTimeout} has
 * passed, the next request is a probe: NGINX sends it and skips the backend for another
 * {@code failTimeout} while it waits, until a request succeeds there (ngx_http_upstream_round_robin:
 * {@code checked}). A request that was sent and is not idempotent (a POST) is not passed on unless
 * {@code nonIdempotent} (NGINX 1.9.13 and later): it fails, counted in {@code writesFailed}. Each of
 * its {@code workers} processes keeps its own view of which backends are down (one view shared by
 * all with a {@code zone}); requests take the workers in turn.
 */
public final class NginxBalancerNode extends LoadBalancerNode {

    private final PsHost cpu;
    private Sampler handshake; // TLS, when it faces the browsers with it; else null
    private Sampler resumed;
    private CountRecorder fullHandshakes;
    private CountRecorder resumedHandshakes;
    private Pool processes; // the single-threaded worker processes: a CPU step holds one (null: no cap)
    /** Waiting for a worker process, the CPU to spend in {@code value}. */
    private static final int PROCESS = 3;
    private final Pool connections;
    private final Sampler base;
    private final long failTimeout;
    private final CountRecorder passiveRetries;
    private final boolean[] idempotent;
    private final boolean nonIdempotent;
    private final CountRecorder writesFailed;
    /** Until when each worker takes each backend to be down: index worker × backends + backend. */
    private long[] downUntil = new long[0];
    /** Whether each worker counts each backend as failed (until a request succeeds there). */
    private boolean[] failed = new boolean[0];

    /**
     * A balancer on {@code cpu} with its connection table; {@code workers} views of which backends
     * are down; requests passed to the next backend after a failed attempt are counted in
     * {@code passiveRetries}; {@code idempotent} says, per request class, whether its page may be
     * passed on after it was sent (static files always may).
     */
    public NginxBalancerNode(String name, Engine engine, RequestPool requests, PsHost cpu, Pool connections,
            Sampler base, BalancingPolicy.Kind policy, RandomStream random, int workers, long failTimeout,
            long readTimeout, CountRecorder passiveRetries, boolean[] idempotent, boolean nonIdempotent,
            CountRecorder writesFailed) {
        super(name, engine, requests, readTimeout, policy, random, workers);
        this.cpu = cpu;
        this.connections = connections;
        this.base = base;
        this.failTimeout = failTimeout;
        this.passiveRetries = passiveRetries;
        this.idempotent = idempotent.clone();
        this.nonIdempotent = nonIdempotent;
        this.writesFailed = writesFailed;
    }

    /** The connection table. */
    public Pool connections() {
        return connections;
    }

    @Override
    void connected() {
        downUntil = new long[backends.length * workers];
        failed = new boolean[backends.length * workers];
    }

    /** A backend counted as failed whose fail_timeout has passed gets one probe per fail_timeout. */
    @Override
    void chosen(int i, int worker) {
        int k = worker * backends.length + i;
        if (failed[k] && engine.now() >= downUntil[k]) {
            downUntil[k] = engine.now() + failTimeout;
        }
    }

    /**
     * A backend answered: its failure is forgotten and, if it was counted as failed (this was its
     * probe), it is back in turn at once, as NGINX resets a peer's fails when a request chosen after
     * its last failure succeeds; the probe's fail_timeout no longer holds it out.
     */
    @Override
    void answered(int i, int worker) {
        int k = worker * backends.length + i;
        if (failed[k]) {
            failed[k] = false;
            downUntil[k] = Math.min(downUntil[k], engine.now());
        }
    }

    @Override
    boolean usable(int i, int worker) {
        return !deregistered[i] && engine.now() >= downUntil[worker * backends.length + i];
    }

    /**
     * It terminates the browsers' TLS: a new client connection's handshake costs {@code full} (or
     * {@code resumedCpu} when it resumes a session) of its CPU, each counted.
     */
    public void tls(Sampler full, Sampler resumedCpu, CountRecorder fulls, CountRecorder resumeds) {
        this.handshake = full;
        this.resumed = resumedCpu;
        this.fullHandshakes = fulls;
        this.resumedHandshakes = resumeds;
    }

    @Override
    protected void start(Request r) {
        r.phase(CONNECTION);
        connections.acquire(r);
    }

    @Override
    void stepped(Request r, int outcome) {
        if (r.phase() != CONNECTION && r.phase() != PROCESS) {
            throw new IllegalStateException(name + ": phase " + r.phase());
        }
        if (r.phase() == CONNECTION && outcome != Outcome.OK) {
            r.fail(ErrorKind.PROXY_CONNECTIONS);
            return;
        }
        if (r.phase() == PROCESS) {
            r.hold(processes);
            r.phase(ROUTE);
            cpu.execute(r, r.value());
            return;
        }
        r.hold(connections);
        long work = base.sample();
        if (handshake != null && r.handshake != Request.NO_HANDSHAKE) { // it terminates the browsers' TLS
            boolean full = r.handshake == Request.FULL_HANDSHAKE;
            work += full ? handshake.sample() : resumed.sample();
            (full ? fullHandshakes : resumedHandshakes).increment();
            r.handshake = Request.NO_HANDSHAKE;
        }
        r.countCpu(work);
        if (processes != null) { // one core at a time per worker process, as a proxy's
            r.value(work);
            r.phase(PROCESS);
            processes.acquire(r);
            return;
        }
        r.phase(ROUTE);
        cpu.execute(r, work);
    }

    /**
     * The worker processes, each single-threaded: a request's CPU step holds one, so the balancer
     * uses at most as many cores as it has processes.
     */
    public void processes(Pool processes) {
        this.processes = processes;
    }

    @Override
    void routing(Request r) {
        if (processes != null) {
            r.releaseEarly(processes); // not held while a backend works
        }
    }

    @Override
    boolean retried(Request r, int i) {
        ErrorKind e = r.error();
        boolean retryable = e == ErrorKind.HOST_DOWN || e == ErrorKind.SERVICE_DOWN || e == ErrorKind.UPSTREAM_TIMEOUT
                || e == ErrorKind.CONNECT_TIMEOUT;
        if (!retryable || registered() <= 1) {
            return false;
        }
        // passive detection: the backend is marked down, the request goes to the next one
        int k = (int) r.value() * backends.length + i;
        downUntil[k] = engine.now() + failTimeout;
        failed[k] = true;
        eject(i);
        int tries = r.b() + 1;
        if (tries >= backends.length) {
            return false;
        }
        if (!nonIdempotent && r.wasSent() && !r.isStatic && !idempotent[r.requestClass]) {
            if (writesFailed != null) {
                writesFailed.increment();
            }
            return false; // a POST already sent: resending it might repeat the write
        }
        if (passiveRetries != null) {
            passiveRetries.increment();
        }
        r.b(tries);
        r.clearError();
        route(r);
        return true;
    }
}
