package io.stagesim.scenario;

import io.stagesim.random.Constant;
import io.stagesim.random.Distribution;
import java.util.List;
import java.util.Map;

/**
 * A load balancer: on a host of ours (NGINX: it saturates, see {@link SelfHosted}) or managed
 * (ELB-like: added latency only, see {@link Managed}), choosing among its backends by
 * {@code policy}. A backend that has not answered within {@code readTimeout} counts as failed:
 * self-hosted, the request goes to the next backend; managed, the client gets a 504.
 * {@code autoscaling}, when set, starts and stops the backends' hosts.
 */
public record LoadBalancerSpec(String name, String host, String policy, List<String> backends, long readTimeout,
        SelfHosted selfHosted, Managed managed, AutoscalingSpec autoscaling) implements ServiceSpec {

    /** The balancing policies. */
    public static final List<String> POLICIES = List.of("round_robin", "least_conn", "random", "two_choices");

    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final long MIB = 1L << 20;

    /**
     * A balancer on a host of ours, as NGINX: CPU per request, a connection table, its memory, its
     * {@code workers} processes, and passive detection of dead backends: a failed connection marks
     * a backend down for {@code failTimeout} and the request is tried on the next one. Each worker
     * process counts failures on its own, as NGINX does without a {@code zone}. A connection to a
     * backend whose host is gone fails after {@code connectTimeout} (proxy_connect_timeout); a
     * request that was sent and is not idempotent is passed on only with {@code nonIdempotent}
     * ({@code proxy_next_upstream ... non_idempotent}).
     */
    public record SelfHosted(Distribution cpu, int workerConnections, long memory, int workers, boolean zone,
            long failTimeout, long connectTimeout, boolean nonIdempotent) {
        /** Checks the bounds. */
        public SelfHosted {
            Require.present("cpu", cpu);
            Require.atLeast("worker_connections", workerConnections, 1);
            Require.atLeast("memory", memory, 0);
            Require.atLeast("workers", workers, 1);
            Require.atLeast("fail_timeout", failTimeout, 1);
            Require.atLeast("connect_timeout", connectTimeout, 1);
        }

        /**
         * How many separate views of which backends are down it keeps: one per NGINX worker
         * process, or one shared by all with a {@code zone}.
         */
        public int healthStates() {
            return zone ? 1 : workers;
        }
    }

    /**
     * A managed balancer, as an ELB: an added latency, and active health checks every
     * {@code healthInterval}: {@code unhealthyThreshold} failed checks in a row take a backend out,
     * {@code healthyThreshold} good ones bring it back, {@code initialThreshold} a newly registered
     * one (a check a hung backend does not answer fails after {@code healthTimeout}); when every
     * backend is out it sends to all of them (fails open). A connection to a backend whose host is
     * gone fails after {@code connectTimeout} (a 504). With {@code tls} (null for none) it terminates the
     * browsers' TLS (the round trips are the browsers', the CPU its provider's); {@code http2} as a proxy's.
     */
    public record Managed(long latency, long healthInterval, int unhealthyThreshold, int healthyThreshold,
            int initialThreshold, long healthTimeout, long connectTimeout, TlsSpec tls, boolean http2) {
        /** Checks the bounds. */
        public Managed {
            Require.atLeast("managed_latency", latency, 0);
            Require.atLeast("health_interval", healthInterval, 1);
            Require.atLeast("unhealthy_threshold", unhealthyThreshold, 1);
            Require.atLeast("healthy_threshold", healthyThreshold, 1);
            Require.atLeast("initial_threshold", initialThreshold, 1);
            Require.atLeast("health_timeout", healthTimeout, 1);
            Require.atLeast("managed_connect_timeout", connectTimeout, 1);
        }
    }

    /** Copies the list; checks the bounds. */
    public LoadBalancerSpec {
        Require.oneOf("policy", policy, POLICIES);
        backends = List.copyOf(backends);
        Require.atLeast("read_timeout", readTimeout, 1);
        Require.present("self-hosted settings", selfHosted);
        Require.present("managed settings", managed);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.LOAD_BALANCER;
    }

    /**
     * A balancer facing the browsers: its TLS (a self-hosted one's too: NGINX terminating it, the
     * handshake's CPU on its host) and, managed, HTTP/2; it keeps client connections alive.
     */
    @Override
    public ClientFront clientFront() {
        if (isManaged()) {
            return new ClientFront(managed.tls(), managed.http2(), true, readTimeout); // A.10: one idle timeout
        }
        return managed.tls() == null ? ClientFront.PLAIN
                : new ClientFront(managed.tls(), false, true, ClientFront.NGINX_KEEPALIVE);
    }

    /** True when it runs on no host of ours. */
    public boolean isManaged() {
        return host == null;
    }

    @Override
    public long memory() {
        return isManaged() ? 0 : selfHosted.memory();
    }

    @Override
    public Routes routes() {
        return new Routes("backends", backends);
    }

    @Override
    public String explainHop(Scenario s, RequestSpec r) {
        return policy + " over " + backends.size() + ": " + String.join(", ", backends);
    }

    /** The same balancer with other backends and autoscaling. */
    public LoadBalancerSpec with(List<String> otherBackends, AutoscalingSpec otherScaling) {
        return new LoadBalancerSpec(name, host, policy, otherBackends, readTimeout, selfHosted, managed, otherScaling);
    }

    /** The balancers among {@code services}, in order. */
    static List<LoadBalancerSpec> in(Map<String, ServiceSpec> services) {
        return services.values().stream().filter(sp -> sp.kind() == ServiceKind.LOAD_BALANCER)
                .map(LoadBalancerSpec.class::cast).toList();
    }

    static LoadBalancerSpec bind(String name, String host, int cores, Fields f) {
        // keys read in the order the message for an unknown key lists them
        List<String> backends = ServiceBinder.requiredNames(f, "backends");
        String policy = f.choice("policy", "round_robin", POLICIES);
        Distribution cpu = f.distribution("cpu", new Constant(20 * US)); // A.5: ~7 µs proxy hop + base
        int workerConnections = f.integer("worker_connections", 768 * cores, 1, 10_000_000); // A.5: Debian's 768 per worker
        long latency = f.duration("managed_latency", 500 * US);
        long memory = f.size("memory", 20 * MIB);
        long failTimeout = f.positiveDuration("fail_timeout", 10_000 * MS); // A.10: nginx max_fails=1, fail_timeout=10s
        long healthInterval = f.positiveDuration("health_interval", 30_000 * MS); // A.10: ALB interval 30 s
        int unhealthy = f.integer("unhealthy_threshold", 2, 1, 100); // A.10
        int healthy = f.integer("healthy_threshold", 5, 1, 100); // A.10
        long readTimeout = f.positiveDuration("read_timeout", 60_000 * MS); // A.5: proxy_read_timeout; ALB idle 60 s
        long healthTimeout = f.positiveDuration("health_timeout", 5_000 * MS); // A.10: ALB health check timeout 5 s
        int workers = f.integer("workers", cores, 1, 1024); // A.5: worker_processes auto = cores
        boolean zone = f.bool("zone", false); // A.10: without a zone, each worker tracks failures on its own
        long connectTimeout = f.positiveDuration("connect_timeout", 60_000 * MS); // A.5: proxy_connect_timeout 60 s
        boolean nonIdempotent = f.bool("non_idempotent", false); // A.10: proxy_next_upstream error timeout
        int initial = f.integer("initial_threshold", 1, 1, 100); // A.10: a new target passes one check
        long managedConnect = f.positiveDuration("managed_connect_timeout", 10_000 * MS); // A.10: ALB 10 s
        TlsSpec tls = TlsSpec.bind(f);
        boolean http2 = f.bool("http2", host == null); // A.10: an ALB speaks HTTP/2 to clients unless turned off
        if (host != null && http2) {
            f.problem("http2", "HTTP/2 is modelled at a proxy or a managed balancer, not at a self-hosted one: put a"
                    + " proxy (type: proxy, http2: true) in front of it");
        }
        AutoscalingSpec autoscaling = AutoscalingSpec.bind(f, backends.size());
        return new LoadBalancerSpec(name, host, policy, backends, readTimeout,
                new SelfHosted(cpu, workerConnections, memory, workers, zone, failTimeout, connectTimeout,
                        nonIdempotent),
                new Managed(latency, healthInterval, unhealthy, healthy, initial, healthTimeout, managedConnect, tls, http2),
                autoscaling);
    }
}
