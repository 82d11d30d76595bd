package io.stagesim.scenario;

import io.stagesim.random.Constant;
import io.stagesim.random.Distribution;

/**
 * uWSGI running a Django app: {@code processes} × {@code threads} request slots fed by the
 * socket's {@code listen} queue (when it is full the kernel drops the SYN and the client retries,
 * as for Gunicorn's backlog); a request that holds a worker longer than {@code harakiri} gets the
 * worker killed (0: never), its replacement serving {@code respawn} later; with {@code maxRequests}
 * set, a worker restarts after serving that many requests (0: never). Defaults from the uWSGI
 * documentation's options reference (processes 1, threads 1, listen 100, harakiri and max-requests
 * off).
 */
public record UwsgiSpec(String name, String host, int processes, int threads, int listen, long harakiri,
        int maxRequests, long respawn, long memoryPerWorker, Distribution staticCpu, Distribution afterResponseCpu,
        DjangoConnections django)
        implements ServiceSpec {

    private static final long MS = 1_000_000L;
    private static final long MIB = 1L << 20;

    /** Checks the bounds. */
    public UwsgiSpec {
        Require.atLeast("processes", processes, 1);
        Require.atLeast("threads", threads, 1);
        Require.atLeast("listen", listen, 1);
        Require.atLeast("harakiri", harakiri, 0);
        Require.atLeast("max_requests", maxRequests, 0);
        Require.atLeast("respawn", respawn, 0);
        Require.atLeast("memory_per_worker", memoryPerWorker, 0);
        Require.present("static_cpu", staticCpu);
        Require.present("after_response_cpu", afterResponseCpu);
        Require.present("django", django);
    }

    /** uWSGI's HTTP side closes a connection after each response unless {@code --http-keepalive} is set. */
    @Override
    public ClientFront clientFront() {
        return new ClientFront(null, false, false, 0);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.UWSGI;
    }

    @Override
    public long memory() {
        return processes * memoryPerWorker;
    }

    @Override
    public String explainHop(Scenario s, RequestSpec r) {
        return "uWSGI: one of " + processes + " × " + threads + " worker slots on host " + host + ", held to the end"
                + (harakiri > 0 ? ", killed past harakiri " + Units.formatDuration(harakiri) : "")
                + explainConnections(s, r);
    }

    @Override
    public String explainStatic() {
        return "CPU " + Units.mean(staticCpu) + ", holding a worker";
    }

    static UwsgiSpec bind(String name, String host, int cores, Fields f) {
        return new UwsgiSpec(name, host,
                f.integer("processes", 1, 1, 100_000), // uWSGI: --processes, 1 unless set
                f.integer("threads", 1, 1, 10_000), // uWSGI: --threads, 1 unless set
                f.integer("listen", 100, 1, 1_000_000), // uWSGI: --listen, 100 (capped by net.core.somaxconn)
                f.duration("harakiri", 0), // uWSGI: --harakiri, 0 = off
                f.integer("max_requests", 0, 0, 100_000_000), // uWSGI: --max-requests, 0 = never
                f.duration("respawn", 100 * MS), // ours: a fork of the master, which holds the loaded app
                f.size("memory_per_worker", 100 * MIB), // A.4: the same Django app as under Gunicorn
                f.distribution("static_cpu", new Constant(1 * MS)),
                f.distribution("after_response_cpu", AppServerSpec.NONE), // as under Gunicorn
                DjangoConnections.bind(f));
    }
}
