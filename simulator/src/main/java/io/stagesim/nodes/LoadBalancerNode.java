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
 */
public final class LoadBalancerNode extends Node {

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
    private int next;

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

    private int choose() {
        int n = backends.length;
        switch (policy) {
            case ROUND_ROBIN: {
                int i = next;
                next = (next + 1) % n;
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
                int best = next;
                for (int k = 1; k < n; k++) {
                    int i = (next + k) % n;
                    if (inFlight[i] < inFlight[best]) {
                        best = i;
                    }
                }
                next = (next + 1) % n; // ties rotate instead of always hitting the first backend
                return best;
            }
        }
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
                int i = choose();
                inFlight[i]++;
                r.a(i);
                r.phase(BACKEND);
                r.call(backends[i], null);
            }
            case BACKEND -> {
                inFlight[r.a()]--;
                r.ret(outcome == Outcome.OK);
            }
            default -> throw new IllegalStateException(name + ": phase " + r.phase());
        }
    }
}
