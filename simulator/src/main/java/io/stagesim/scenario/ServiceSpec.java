package io.stagesim.scenario;

import io.stagesim.random.Distribution;
import java.util.List;

/**
 * A service of the architecture, by kind. Each kind's fields, units and defaults are documented
 * in {@code scenarios/reference.yaml} and the README; durations are nanoseconds, sizes bytes.
 */
public sealed interface ServiceSpec {

    /** The service's name (its key under {@code services}). */
    String name();

    /** The host it runs on, or null for a service outside our machines (object storage, managed LB). */
    String host();

    /** The browsers: where page views come from and how they fetch. */
    record Browser(String name, WorkloadSpec workload, String target, String staticFrom, long rtt,
            long timeout, int connectionsPerHost, Retry retry) implements ServiceSpec {

        /**
         * Client retries: how many per page view, the backoff base (ns), the budget (retries per page
         * view), and how long a client waits for one request before it abandons it (ns, 0 for no limit).
         */
        public record Retry(int retries, long backoff, double budget, long attemptTimeout) {
            /** No retries. */
            public static final Retry NONE = new Retry(0, 0, 0, 0);
        }

        @Override
        public String host() {
            return null;
        }
    }

    /** Django's runserver: a thread per connection (or one at a time), Python on one core (GIL). */
    record DevServer(String name, String host, boolean threading, Distribution overhead, Distribution staticCpu,
            long memory) implements ServiceSpec {
    }

    /** Gunicorn: workers × threads, a listen backlog, a worker timeout. */
    record AppServer(String name, String host, String workerClass, int workers, int threads, int backlog,
            long timeout, long bootTime, long memoryPerWorker, Distribution staticCpu, boolean persistentDbConnections,
            Distribution dbConnectCpu) implements ServiceSpec {
    }

    /**
     * NGINX in front: connections, CPU per request, static files, TLS, gzip, and its upstreams (the
     * first is the default; a request class naming another one with {@code app} goes there).
     */
    record Proxy(String name, String host, int workers, int workerConnections, Distribution cpu,
            boolean serveStatic, Distribution staticCpu, double staticCpuPerKb, Distribution tlsHandshakeCpu,
            double newConnectionShare, double gzipCpuPerKb, long htmlSize, List<String> upstreams,
            long readTimeout, long memory) implements ServiceSpec {
        /** Copies the list. */
        public Proxy {
            upstreams = List.copyOf(upstreams);
        }
    }

    /**
     * A load balancer: on a host of ours (it saturates) or managed (added latency only). Self-hosted
     * (NGINX) it detects dead backends passively: a failed connection marks a backend down for
     * {@code failTimeout} and the request is tried on the next one. Managed (ELB-like) it checks
     * every {@code healthInterval}: {@code unhealthyThreshold} failed checks in a row take a backend
     * out, {@code healthyThreshold} good ones bring it back (a check a hung backend does not answer
     * fails after {@code healthTimeout}); when every backend is out it sends to. Self-hosted, each of
     * its {@code workers} processes counts failures on its own, as NGINX does without a {@code zone}
     * all of them (fails open). A backend that has not answered within {@code readTimeout} counts as
     * failed: self-hosted, the request goes to the next backend; managed, the client gets a 504.
     */
    record LoadBalancer(String name, String host, String policy, List<String> backends, Distribution cpu,
            int workerConnections, long managedLatency, long memory, long failTimeout, long healthInterval,
            int unhealthyThreshold, int healthyThreshold, long readTimeout, long healthTimeout, int workers,
            boolean zone, Autoscaling autoscaling) implements ServiceSpec {
        /** Copies the list. */
        public LoadBalancer {
            backends = List.copyOf(backends);
        }

        /** The same balancer with other backends and autoscaling. */
        public LoadBalancer with(List<String> otherBackends, Autoscaling otherScaling) {
            return new LoadBalancer(name, host, policy, otherBackends, cpu, workerConnections, managedLatency, memory,
                    failTimeout, healthInterval, unhealthyThreshold, healthyThreshold, readTimeout, healthTimeout,
                    workers, zone, otherScaling);
        }

        /**
         * How many separate views of which backends are down a self-hosted balancer keeps: one per
         * NGINX worker process, or one shared by all with a {@code zone}.
         */
        public int healthStates() {
            return zone ? 1 : workers;
        }
    }

    /**
     * Target-tracking autoscaling of a balancer's app servers, as EC2 Auto Scaling does it. Every
     * {@code period} the mean CPU utilisation of the group's hosts that were in service for the
     * whole period is compared with {@code targetCpu} (or, when {@code targetRequests} is above 0,
     * the mean requests per second each served, as ALBRequestCountPerTarget, with it). After {@code scaleOutAfter} periods above it
     * in a row, the group grows to ceil(measured × utilisation / target) instances (at most
     * {@code max}; instances still booting count as launched); after {@code scaleInAfter} periods
     * below it, with nothing booting and no scaling in the last {@code cooldown}, it shrinks to that
     * number (at least {@code min}), newest instances first. A launched instance boots for
     * {@code boot} ns before it accepts connections; a removed one leaves its balancers' rotation
     * and drains for at most {@code drain} ns. {@code group} names every app server the group can
     * run, the {@code initial} ones written in the file first (running from the start), then copies
     * of {@code template} on copies of its host, in launch order.
     */
    record Autoscaling(String template, List<String> group, int initial, int min, int max, double targetCpu,
            long period, int scaleOutAfter, int scaleInAfter, long boot, long cooldown, long drain,
            double targetRequests) {
        /** Copies the list. */
        public Autoscaling {
            group = List.copyOf(group);
        }

        /** The same settings for another group. */
        public Autoscaling withGroup(List<String> other, String otherTemplate) {
            return new Autoscaling(otherTemplate, other, initial, min, max, targetCpu, period, scaleOutAfter,
                    scaleInAfter, boot, cooldown, drain, targetRequests);
        }
    }

    /**
     * A database: PostgreSQL-like (connection limit) or SQLite-like (one writer at a time). Backed up
     * every {@code backupInterval} ns (at its multiples; 0: never), so a crash of its host loses the
     * writes committed since the last backup.
     */
    record Database(String name, String host, String engine, int maxConnections, int reservedConnections,
            Distribution connectCpu, long memoryPerConnection, long lockTimeout, Distribution commitTime,
            long memory, long backupInterval) implements ServiceSpec {
    }

    /** A cache: Redis (one thread) or Memcached (several). */
    record Cache(String name, String host, String engine, int threads, long memory) implements ServiceSpec {
    }

    /** A task queue: a broker and a pool of worker processes on a host. */
    record TaskQueue(String name, String host, int concurrency, Distribution enqueueCpu, Distribution brokerCpu,
            Distribution taskOverhead, long memoryPerWorker) implements ServiceSpec {
    }

    /** S3-like object storage: first-byte latency, transfer bandwidth, request-rate limits. */
    record ObjectStorage(String name, Distribution firstByte, double bandwidth, double getLimit, double putLimit)
            implements ServiceSpec {
        @Override
        public String host() {
            return null;
        }
    }
}
