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
 * saturates like any service. Dead backends are found passively, as NGINX does with max_fails = 1:
 * a connection refused or reset, or a backend silent past the read timeout, marks the backend
 * down for {@code failTimeout} and the request is passed to the next backend, at most once per
 * backend. Each of its {@code workers} processes keeps its own view of which backends are down
 * (one view shared by all with a {@code zone}); requests take the workers in turn.
 */
public final class NginxBalancerNode extends LoadBalancerNode {

    private final PsHost cpu;
    private final Pool connections;
    private final Sampler base;
    private final long failTimeout;
    private final CountRecorder passiveRetries;
    /** Until when each worker takes each backend to be down: index worker × backends + backend. */
    private long[] downUntil = new long[0];

    /**
     * A balancer on {@code cpu} with its connection table; {@code workers} views of which backends
     * are down; requests passed to the next backend after a failed attempt are counted in
     * {@code passiveRetries}.
     */
    public NginxBalancerNode(String name, Engine engine, RequestPool requests, PsHost cpu, Pool connections,
            Sampler base, BalancingPolicy.Kind policy, RandomStream random, int workers, long failTimeout,
            long readTimeout, CountRecorder passiveRetries) {
        super(name, engine, requests, readTimeout, policy, random, workers);
        this.cpu = cpu;
        this.connections = connections;
        this.base = base;
        this.failTimeout = failTimeout;
        this.passiveRetries = passiveRetries;
    }

    /** The connection table. */
    public Pool connections() {
        return connections;
    }

    @Override
    void connected() {
        downUntil = new long[backends.length * workers];
    }

    @Override
    boolean usable(int i, int worker) {
        return !deregistered[i] && engine.now() >= downUntil[worker * backends.length + i];
    }

    @Override
    protected void start(Request r) {
        r.phase(CONNECTION);
        connections.acquire(r);
    }

    @Override
    void stepped(Request r, int outcome) {
        if (r.phase() != CONNECTION) {
            throw new IllegalStateException(name + ": phase " + r.phase());
        }
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

    @Override
    boolean retried(Request r, int i) {
        boolean retryable = r.error() == ErrorKind.HOST_DOWN || r.error() == ErrorKind.UPSTREAM_TIMEOUT;
        if (!retryable || registered() <= 1) {
            return false;
        }
        // passive detection: the backend is marked down, the request goes to the next one
        downUntil[(int) r.value() * backends.length + i] = engine.now() + failTimeout;
        eject(i);
        int tries = r.b() + 1;
        if (tries >= backends.length) {
            return false;
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
