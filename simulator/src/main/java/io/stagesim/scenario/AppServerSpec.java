package io.stagesim.scenario;

import io.stagesim.random.Constant;
import io.stagesim.random.Distribution;
import java.util.List;

/**
 * Gunicorn: workers × threads, a listen backlog, a worker timeout; {@code afterResponseCpu} is the CPU a
 * worker spends after each response has gone (Django's {@code request_finished} work), still holding its slot.
 */
public record AppServerSpec(String name, String host, String workerClass, int workers, int threads, int backlog,
        long timeout, long bootTime, long memoryPerWorker, Distribution staticCpu, Distribution afterResponseCpu,
        DjangoConnections django)
        implements ServiceSpec {

    /** The worker classes modelled: one request per worker, or threads per worker. */
    public static final List<String> WORKER_CLASSES = List.of("sync", "gthread");

    private static final long MS = 1_000_000L;
    private static final long MIB = 1L << 20;
    /** How long a gthread worker keeps an idle client connection: Gunicorn's {@code keepalive}, 2 s (A.4). */
    public static final long GUNICORN_KEEPALIVE = 2_000 * MS;

    /** No work after the response: the default. */
    public static final Distribution NONE = new Constant(0);

    /** Checks the bounds. */
    public AppServerSpec {
        Require.oneOf("worker_class", workerClass, WORKER_CLASSES);
        Require.atLeast("workers", workers, 1);
        Require.atLeast("threads", threads, 1);
        Require.atLeast("backlog", backlog, 1);
        Require.atLeast("timeout", timeout, 1);
        Require.atLeast("boot_time", bootTime, 0);
        Require.atLeast("memory_per_worker", memoryPerWorker, 0);
        Require.present("static_cpu", staticCpu);
        Require.present("after_response_cpu", afterResponseCpu);
        Require.present("django", django);
    }

    /** Sync workers close a connection after each response (Gunicorn's design docs); gthread keeps it. */
    @Override
    public ClientFront clientFront() {
        return new ClientFront(null, false, !"sync".equals(workerClass), GUNICORN_KEEPALIVE);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.APP_SERVER;
    }

    @Override
    public long memory() {
        return workers * memoryPerWorker;
    }

    /** The same server with another number of workers. */
    public AppServerSpec withWorkers(int other) {
        return new AppServerSpec(name, host, workerClass, other, threads, backlog, timeout, bootTime, memoryPerWorker,
                staticCpu, afterResponseCpu, django);
    }

    @Override
    public boolean replicable() {
        return true;
    }

    @Override
    public AppServerSpec replica(String otherName, String otherHost) {
        return new AppServerSpec(otherName, otherHost, workerClass, workers, threads, backlog, timeout, bootTime,
                memoryPerWorker, staticCpu, afterResponseCpu, django);
    }

    @Override
    public String explainHop(Scenario s, RequestSpec r) {
        return "one of " + workers + " × " + threads + " worker slots on host " + host + ", held to the end"
                + explainConnections(s, r);
    }

    @Override
    public String explainStatic() {
        return "CPU " + Units.mean(staticCpu) + ", holding a worker";
    }

    static AppServerSpec bind(String name, String host, int cores, Fields f) {
        String workerClass = f.choice("worker_class", "sync", WORKER_CLASSES);
        int threads = f.integer("threads", 1, 1, 10_000);
        if ("sync".equals(workerClass) && threads > 1) {
            f.problem("threads", "sync workers serve one request at a time; with threads > 1 gunicorn switches to "
                    + "gthread, so write 'worker_class: gthread'");
        }
        return new AppServerSpec(name, host, workerClass,
                f.integer("workers", 2 * cores + 1, 1, 100_000), // A.4: (2 × cores) + 1
                threads, f.integer("backlog", 2048, 1, 1_000_000), // A.4
                f.positiveDuration("timeout", 30_000 * MS), f.duration("boot_time", 2_000 * MS), // A.4
                f.size("memory_per_worker", 100 * MIB), // A.4: 100–300 MB real apps
                f.distribution("static_cpu", new Constant(1 * MS)),
                f.distribution("after_response_cpu", NONE),
                DjangoConnections.bind(f));
    }
}
