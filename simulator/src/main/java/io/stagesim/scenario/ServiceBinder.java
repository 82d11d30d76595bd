package io.stagesim.scenario;

import io.stagesim.random.Constant;
import io.stagesim.random.Distribution;
import io.stagesim.random.Lognormal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Binds one entry of {@code services} by its {@code type}. Defaults come from
 * {@code ../shared/calibration.md}; the row each default follows is named beside it.
 */
final class ServiceBinder {

    private static final long MS = 1_000_000L;
    private static final long US = 1_000L;
    private static final long MIB = 1L << 20;

    private ServiceBinder() {
    }

    static ServiceSpec bind(String name, YNode node, String path, Problems problems, Path baseDir,
            Map<String, HostSpec> hosts) {
        Fields f = Fields.of(node, path, problems, baseDir);
        if (f == null) {
            return null;
        }
        String type = f.required("type");
        if (type == null) {
            return null;
        }
        ServiceKind kind = ServiceKind.ofType(type);
        if (kind == null) {
            f.problem("type", "unknown service type '" + type + "'" + Suggest.didYouMean(type, ServiceKind.types())
                    + "; known types: " + String.join(", ", ServiceKind.types()));
            return null;
        }
        String host = null;
        int cores = 2;
        if (kind != ServiceKind.BROWSER && kind != ServiceKind.OBJECT_STORAGE) {
            boolean optional = kind == ServiceKind.LOAD_BALANCER;
            host = optional ? f.string("host", null) : f.required("host");
            if (host != null) {
                HostSpec h = hosts.get(host);
                if (h == null) {
                    f.problem("host", "no host named '" + host + "'" + Suggest.didYouMean(host, hosts.keySet())
                            + (hosts.isEmpty() ? "; the scenario defines no hosts" : "; hosts: " + String.join(", ", hosts.keySet())));
                } else {
                    cores = h.cores();
                }
            }
        }
        ServiceSpec s = switch (kind) {
            case BROWSER -> browser(name, f);
            case DEV_SERVER -> new ServiceSpec.DevServer(name, host, f.bool("threading", true),
                    f.distribution("overhead", new Constant(4 * MS)), // A.2: 3–6 ms per request
                    f.distribution("static_cpu", new Constant(1 * MS)), f.size("memory", 60 * MIB));
            case APP_SERVER -> appServer(name, host, cores, f);
            case PROXY -> proxy(name, host, cores, f);
            case LOAD_BALANCER -> loadBalancer(name, host, cores, f);
            case DATABASE -> database(name, host, f);
            case CACHE -> cache(name, host, f);
            case TASK_QUEUE -> new ServiceSpec.TaskQueue(name, host, f.integer("concurrency", cores, 1, 100_000),
                    f.distribution("enqueue_cpu", new Constant(600 * US)), // A.11: 1/1,666 s per enqueue
                    f.distribution("broker_cpu", new Constant(20 * US)), // A.8: Redis op ~10–20 µs
                    f.distribution("task_overhead", new Constant(1 * MS)), // A.11: ~1 ms per task
                    f.size("memory_per_worker", 60 * MIB));
            case OBJECT_STORAGE -> new ServiceSpec.ObjectStorage(name,
                    f.distribution("first_byte", Lognormal.ofMeanP99(70 * MS, 250 * MS)), // A.9
                    f.size("bandwidth", 100_000_000L), // bytes per second per transfer
                    f.rate("get_limit", 5500), f.rate("put_limit", 3500)); // A.9 per prefix
        };
        f.finish();
        return s;
    }

    private static ServiceSpec.LoadBalancer loadBalancer(String name, String host, int cores, Fields f) {
        List<String> backends = requiredNames(f, "backends");
        return new ServiceSpec.LoadBalancer(name, host,
                f.choice("policy", "round_robin", List.of("round_robin", "least_conn", "random", "two_choices")),
                backends,
                f.distribution("cpu", new Constant(20 * US)), // A.5: ~7 µs proxy hop + base
                f.integer("worker_connections", 512 * cores, 1, 10_000_000),
                f.duration("managed_latency", 500 * US), f.size("memory", 20 * MIB),
                f.positiveDuration("fail_timeout", 10_000 * MS), // A.10: nginx max_fails=1, fail_timeout=10s
                f.positiveDuration("health_interval", 30_000 * MS), // A.10: ALB interval 30 s
                f.integer("unhealthy_threshold", 2, 1, 100), f.integer("healthy_threshold", 5, 1, 100), // A.10
                f.positiveDuration("read_timeout", 60_000 * MS), // A.5: proxy_read_timeout; ALB idle 60 s
                f.positiveDuration("health_timeout", 5_000 * MS), // A.10: ALB health check timeout 5 s
                f.integer("workers", cores, 1, 1024), // A.5: worker_processes auto = cores
                f.bool("zone", false), // A.10: without a zone, each worker tracks failures on its own
                autoscaling(f, backends.size()));
    }

    /**
     * A balancer's {@code autoscaling}, or null. Defaults follow EC2 Auto Scaling's target tracking:
     * 1-minute metrics, 3 periods above the target to scale out, 15 below to scale in, a 300 s
     * cooldown and deregistration delay (calibration A.10); the boot time is our estimate.
     */
    private static ServiceSpec.Autoscaling autoscaling(Fields lb, int initial) {
        if (!lb.has("autoscaling")) {
            return null;
        }
        Fields f = Fields.of(lb.raw("autoscaling"), lb.child("autoscaling"), lb.problems(), lb.baseDir());
        if (f == null) {
            return null;
        }
        int max = f.integer("max", -1, 1, 1000);
        if (!f.has("max")) {
            f.problems().add(f.location(), f.child("max"), "missing; the most instances the group may run, e.g. 'max: 10'");
        }
        int min = f.integer("min", Math.max(1, initial), 1, 1000);
        double target = f.fraction("target_cpu", 0.5);
        if (target <= 0) {
            f.problem("target_cpu", "must be above 0%, e.g. 'target_cpu: 50%'");
        }
        double requests = f.rate("target_requests", 0);
        if (f.has("target_requests") && f.has("target_cpu")) {
            f.problem("target_requests", "track one metric: target_cpu or target_requests, not both");
        } else if (f.has("target_requests") && !(requests > 0)) {
            f.problem("target_requests", "must be above 0/s, e.g. 'target_requests: 100/s' (per instance)");
        }
        ServiceSpec.Autoscaling a = new ServiceSpec.Autoscaling(f.string("template", null), List.of(), initial, min,
                Math.max(max, 0), target, f.positiveDuration("period", 60_000 * MS), f.integer("scale_out_after", 3, 1, 1000),
                f.integer("scale_in_after", 15, 1, 1000), f.positiveDuration("boot", 120_000 * MS),
                f.duration("cooldown", 300_000 * MS), f.duration("drain", 300_000 * MS), requests);
        // min <= backends written <= max, one message for each key that breaks it (min <= max follows)
        if (max >= 1 && initial > max) {
            f.problem("max", "must be at least the number of backends written (" + initial + "), was " + max
                    + "; they are the instances running at the start");
        }
        if (initial > 0 && min > initial) {
            f.problem("min", "must be at most the number of backends written (" + initial + "), was " + min
                    + "; they are the instances running at the start");
        }
        f.finish();
        return a;
    }

    private static List<String> requiredNames(Fields f, String key) {
        if (!f.has(key)) {
            f.problems().add(f.location(), f.child(key), "missing; list the services to send requests to");
            return List.of();
        }
        List<String> names = f.names(key);
        if (names.isEmpty()) {
            f.problem(key, "must name at least one service");
        }
        return names;
    }

    private static ServiceSpec.Browser browser(String name, Fields f) {
        WorkloadSpec workload = workload(f);
        return new ServiceSpec.Browser(name, workload, f.required("target"), f.string("static_from", null),
                f.duration("rtt", 40 * MS), // A.1: Lighthouse desktop preset
                f.positiveDuration("timeout", 60 * 1000 * MS), // C.3: browser ~60–300 s
                f.integer("connections_per_host", 6, 1, 1000),
                new ServiceSpec.Browser.Retry(f.integer("retries", 0, 0, 10), f.positiveDuration("retry_backoff", 100 * MS),
                        f.fraction("retry_budget", 0.1), f.duration("attempt_timeout", 0)));
    }

    private static WorkloadSpec workload(Fields f) {
        boolean open = f.has("rate") || f.has("profile");
        boolean closed = f.has("users");
        if (open == closed) {
            f.problems().add(f.location(), f.path(), open
                    ? "give either an open workload (rate or profile) or a closed one (users and think), not both"
                    : "missing a workload: 'rate: 50/s' (open arrivals) or 'users: 100' with 'think' (closed)");
            return new WorkloadSpec.Open(List.of(new WorkloadSpec.RatePoint(0, 0)));
        }
        if (closed) {
            return new WorkloadSpec.Closed(f.integer("users", 1, 1, 10_000_000),
                    f.distribution("think", new io.stagesim.random.Exponential(5e9)));
        }
        if (f.has("rate")) {
            if (f.has("profile")) {
                f.problem("profile", "give either 'rate' or 'profile', not both");
            }
            return new WorkloadSpec.Open(List.of(new WorkloadSpec.RatePoint(0, f.rate("rate", 0))));
        }
        List<WorkloadSpec.RatePoint> points = new ArrayList<>();
        YNode raw = f.raw("profile");
        if (!(raw instanceof YNode.Sequence seq) || seq.items().isEmpty()) {
            f.problem("profile", "expected a list of points such as '- {at: 0s, rate: 10/s}'");
            return new WorkloadSpec.Open(List.of(new WorkloadSpec.RatePoint(0, 0)));
        }
        long last = 0;
        for (int i = 0; i < seq.items().size(); i++) {
            Fields p = Fields.of(seq.items().get(i), f.child("profile") + "[" + i + "]", f.problems(), f.baseDir());
            if (p == null) {
                continue;
            }
            long at = p.duration("at", 0);
            if (at < last) {
                p.problem("at", "points must be in time order: " + Units.formatDuration(at) + " comes after "
                        + Units.formatDuration(last));
            }
            last = Math.max(last, at);
            points.add(new WorkloadSpec.RatePoint(at, p.rate("rate", 0)));
            p.finish();
        }
        return new WorkloadSpec.Open(points);
    }

    private static ServiceSpec.AppServer appServer(String name, String host, int cores, Fields f) {
        String workerClass = f.choice("worker_class", "sync", List.of("sync", "gthread"));
        int threads = f.integer("threads", 1, 1, 10_000);
        if ("sync".equals(workerClass) && threads > 1) {
            f.problem("threads", "sync workers serve one request at a time; with threads > 1 gunicorn switches to "
                    + "gthread, so write 'worker_class: gthread'");
        }
        return new ServiceSpec.AppServer(name, host, workerClass,
                f.integer("workers", 2 * cores + 1, 1, 100_000), // A.4: (2 × cores) + 1
                threads, f.integer("backlog", 2048, 1, 1_000_000), // A.4
                f.positiveDuration("timeout", 30_000 * MS), f.duration("boot_time", 2_000 * MS), // A.4
                f.size("memory_per_worker", 100 * MIB), // A.4: 100–300 MB real apps
                f.distribution("static_cpu", new Constant(1 * MS)),
                f.bool("persistent_db_connections", false), // A.7: CONN_MAX_AGE = 0 by default
                f.distribution("db_connect_cpu", new Constant(4_100 * US))); // A.7: ≈ 4.1 ms in the worker
    }

    private static ServiceSpec.Proxy proxy(String name, String host, int cores, Fields f) {
        boolean tls = f.bool("tls", false);
        boolean gzip = f.bool("gzip", false);
        Distribution handshake = f.distribution("tls_handshake_cpu", new Constant(500 * US)); // A.5: RSA 0.4–0.8 ms
        double share = f.fraction("new_connection_share", 0.1);
        double gzipPerKb = f.number("gzip_cpu_per_kb", 6_200, 0, 1e9); // A.5: level 1, 0.31 ms per 50 KB, ns
        List<String> upstreams = requiredNames(f, "upstreams");
        return new ServiceSpec.Proxy(name, host, f.integer("workers", cores, 1, 4096),
                f.integer("worker_connections", 512, 1, 10_000_000), // A.5
                f.distribution("cpu", new Constant(15 * US)), // A.5: base 10–20 µs
                f.bool("serve_static", true), f.distribution("static_cpu", new Constant(13 * US)), // A.5: 74k/s at 1 KB
                f.number("static_cpu_per_kb", 170, 0, 1e9), // A.5: 1 KB→100 KB costs 13→30 µs, ns per KB
                tls ? handshake : new Constant(0), tls ? share : 0, gzip ? gzipPerKb : 0,
                f.size("html_size", 50_000), upstreams, f.positiveDuration("read_timeout", 60_000 * MS),
                f.size("memory", 20 * MIB));
    }

    private static ServiceSpec.Database database(String name, String host, Fields f) {
        String engine = f.choice("engine", "postgres", List.of("postgres", "sqlite"));
        return new ServiceSpec.Database(name, host, engine,
                f.integer("max_connections", 100, 1, 1_000_000), // A.7
                f.integer("reserved_connections", 3, 0, 1_000_000), // A.7: superuser_reserved_connections
                f.distribution("connect_cpu", new Constant(3_200 * US)), // A.7: 3.0–3.3 ms fork + auth
                f.size("memory_per_connection", 10 * MIB), f.positiveDuration("lock_timeout", 5_000 * MS), // A.6
                f.distribution("commit_time", new Constant(830 * US)), // A.6: rollback journal, FULL
                f.size("memory", 256 * MIB), f.duration("backup_interval", 0));
    }

    private static ServiceSpec.Cache cache(String name, String host, Fields f) {
        String engine = f.choice("engine", "redis", List.of("redis", "memcached"));
        return new ServiceSpec.Cache(name, host, engine,
                f.integer("threads", "redis".equals(engine) ? 1 : 4, 1, 4096), // A.8
                f.size("memory", 64 * MIB));
    }
}
