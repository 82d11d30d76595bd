package io.stagesim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Binds the {@code faults} list: each fault's type (looked up in {@link FaultKind}), timing and
 * probability, then its kind's own keys, checked against the hosts and services. Keys are read in
 * the order the messages list them ("known keys here: type, at, for, probability, target, …").
 */
final class FaultBinder {

    /** A noisy neighbour's default share of the host's CPU. */
    private static final double DEFAULT_STEAL = 0.4;
    /** A traffic spike's default factor, and the largest accepted (0 stops the traffic). */
    private static final double DEFAULT_SPIKE = 2;
    private static final double MAX_SPIKE = 1000;
    /** A latency fault's default delay per round trip: 50 ms. */
    private static final long DEFAULT_DELAY = 50_000_000L;
    /** A slow dependency's default factor, and the bounds of any. */
    private static final double DEFAULT_SLOWDOWN = 5;
    private static final double MIN_SLOWDOWN = 1e-3;
    private static final double MAX_SLOWDOWN = 1e6;
    /** A storage throttle's default share of the limits left. */
    private static final double DEFAULT_LIMIT = 0.1;
    /** A cache flush's default number of hot keys, and the most allowed. */
    private static final int DEFAULT_KEYS = 10_000;
    private static final int MAX_KEYS = 100_000_000;
    /** A memory leak's default growth per request. */
    private static final long DEFAULT_LEAK = 1L << 20;

    private FaultBinder() {
    }

    /**
     * One fault being read: its keys, what every fault has (read first), the hosts and services its
     * targets may name, and the number of problems before it (a record is made only without new ones).
     */
    record Read(Fields f, long at, long duration, double probability, Map<String, HostSpec> hosts,
            Map<String, ServiceSpec> services, int problemsBefore) {

        /** True when nothing about this fault was wrong so far. */
        boolean clean() {
            return f.problems().size() == problemsBefore;
        }
    }

    /** The faults of the scenario, in the file's order; {@code services} checks service targets. */
    static List<FaultSpec> faults(Fields top, Map<String, HostSpec> hosts, Map<String, ServiceSpec> services) {
        List<FaultSpec> out = new ArrayList<>();
        YNode raw = top.raw("faults");
        if (raw == null) {
            return out;
        }
        if (!(raw instanceof YNode.Sequence seq)) {
            top.problem("faults", "expected a list of faults such as '- {type: noisy_neighbour, target: web, at: 60s, "
                    + "for: 60s, steal: 40%}', found " + raw.kind());
            return out;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            int before = top.problems().size();
            Fields f = Fields.of(seq.items().get(i), "faults[" + i + "]", top.problems(), top.baseDir());
            if (f == null) {
                continue;
            }
            String type = f.required("type");
            FaultKind kind = FaultKind.ofType(type);
            if (type != null && kind == null) {
                f.problem("type", "unknown fault type '" + type + "'" + Suggest.didYouMean(type, FaultKind.types())
                        + "; known types: " + String.join(", ", FaultKind.types()));
            }
            long at = f.duration("at", 0);
            long duration = f.has("for") ? f.positiveDuration("for", 1) : FaultSpec.PERMANENT;
            double probability = f.fraction("probability", 1);
            if (probability <= 0) {
                f.problem("probability", "a fault that never happens is not a fault: give a probability above 0%, "
                        + "or remove it");
            }
            FaultSpec spec = kind == null ? null
                    : kind.bind(new Read(f, at, duration, probability, hosts, services, before));
            f.finish();
            if (spec != null) {
                out.add(spec);
            }
        }
        return out;
    }

    /** A neighbour taking CPU ({@code steal}, 40 % by default) or memory ({@code memory}: then no CPU by default). */
    static FaultSpec noisyNeighbour(Read r) {
        String host = host(r, "target");
        long memory = r.f().size("memory", 0);
        double steal = r.f().fraction("steal", memory > 0 ? 0 : DEFAULT_STEAL);
        if (steal <= 0 && memory <= 0) {
            r.f().problem(r.f().has("steal") ? "steal" : "memory", "must take some of the CPU (more than 0%) or "
                    + "some memory (memory: 1GiB)");
        }
        if (memory > 0 && host != null) {
            for (ServiceSpec sp : r.services().values()) {
                if (sp instanceof AppServerSpec a && host.equals(a.host()) && a.bootTime() == 0) {
                    r.f().problem("memory", "a worker the OOM killer kills is back after its server's boot_time; "
                            + "give '" + a.name() + "' a boot_time above 0s, such as 2s");
                }
            }
        }
        return r.clean() ? new FaultSpec.NoisyNeighbour(host, r.at(), r.duration(), steal, memory, r.probability())
                : null;
    }

    static FaultSpec trafficSpike(Read r) {
        double factor = r.f().number("factor", DEFAULT_SPIKE, 0, MAX_SPIKE);
        return r.clean() ? new FaultSpec.TrafficSpike(r.at(), r.duration(), factor, r.probability()) : null;
    }

    static FaultSpec latency(Read r) {
        String host = host(r, "target");
        String to = host(r, "to");
        long delay = r.f().positiveDuration("delay", DEFAULT_DELAY);
        return r.clean() ? new FaultSpec.Latency(host, to, r.at(), r.duration(), delay, r.probability()) : null;
    }

    static FaultSpec partition(Read r) {
        String host = host(r, "target");
        String to = host(r, "to");
        if (host != null && host.equals(to)) {
            r.f().problem("to", "a partition separates two different hosts");
        }
        return r.clean() ? new FaultSpec.Partition(host, to, r.at(), r.duration(), r.probability()) : null;
    }

    static FaultSpec hostCrash(Read r) {
        String host = host(r, "target");
        String mode = r.f().choice("mode", "blackhole", FaultSpec.HostCrash.MODES);
        return r.clean() ? new FaultSpec.HostCrash(host, r.at(), r.duration(), mode, r.probability()) : null;
    }

    static FaultSpec hostHang(Read r) {
        String host = host(r, "target");
        return r.clean() ? new FaultSpec.HostHang(host, r.at(), r.duration(), r.probability()) : null;
    }

    static FaultSpec slowDependency(Read r) {
        String service = service(r, null, null);
        double factor = r.f().number("factor", DEFAULT_SLOWDOWN, MIN_SLOWDOWN, MAX_SLOWDOWN);
        return r.clean() ? new FaultSpec.SlowDependency(service, r.at(), r.duration(), factor, r.probability()) : null;
    }

    /**
     * A memory leak at a Gunicorn app server (sync or gthread workers). Its {@code limit} defaults to what a
     * worker may grow to before the host's memory is full, every worker growing alike: its own
     * memory plus an equal share of what the services on the host leave free.
     */
    static FaultSpec memoryLeak(Read r) {
        String service = service(r, AppServerSpec.class, "memory_leak applies to an app_server (Gunicorn)");
        long perRequest = r.f().size("per_request", DEFAULT_LEAK);
        if (perRequest <= 0) {
            r.f().problem("per_request", "a leak must grow the worker: give a size above 0, such as 1MiB");
        }
        ServiceSpec sp = service == null ? null : r.services().get(service);
        long limit = 0;
        if (sp instanceof AppServerSpec a) {
            long used = 0;
            for (ServiceSpec other : r.services().values()) {
                if (a.host().equals(other.host())) {
                    used += other.memory();
                }
            }
            HostSpec h = r.hosts().get(a.host());
            long fallback = a.memoryPerWorker() + Math.max(0, (h == null ? 0 : h.memory()) - used) / a.workers();
            limit = r.f().size("limit", fallback);
            if (limit <= a.memoryPerWorker()) {
                r.f().problem("limit", "must be above the worker's own memory_per_worker ("
                        + Units.formatSize(a.memoryPerWorker()) + "), was " + Units.formatSize(limit));
            }
        }
        return r.clean() ? new FaultSpec.MemoryLeak(service, r.at(), r.duration(), perRequest, limit, r.probability())
                : null;
    }

    /**
     * A database failing over; without {@code for}, a Multi-AZ database's lasts its
     * {@code failover_time}, and a single-AZ one (no standby to fail over to) stays down.
     */
    static FaultSpec dbFailover(Read r) {
        String db = service(r, DatabaseSpec.class, "db_failover applies to a database");
        long duration = r.duration();
        if (duration == FaultSpec.PERMANENT && db != null && r.services().get(db) instanceof DatabaseSpec d
                && d.multiAz()) {
            duration = d.failoverTime();
        }
        return r.clean() ? new FaultSpec.DbFailover(db, r.at(), duration, r.probability()) : null;
    }

    static FaultSpec storageOutage(Read r) {
        String storage = service(r, ObjectStorageSpec.class, "storage faults apply to object_storage");
        return r.clean() ? new FaultSpec.StorageOutage(storage, r.at(), r.duration(), r.probability()) : null;
    }

    static FaultSpec storageThrottle(Read r) {
        String storage = service(r, ObjectStorageSpec.class, "storage faults apply to object_storage");
        double limit = r.f().fraction("limit", DEFAULT_LIMIT);
        if (limit <= 0) {
            r.f().problem("limit", "must leave some of the request-rate limit (more than 0%); "
                    + "use storage_outage for none");
        }
        return r.clean() ? new FaultSpec.StorageThrottle(storage, r.at(), r.duration(), limit, r.probability()) : null;
    }

    static FaultSpec cacheFlush(Read r) {
        String cache = service(r, CacheSpec.class, "cache_flush applies to a cache");
        int keys = r.f().integer("keys", DEFAULT_KEYS, 1, MAX_KEYS);
        return r.clean() ? new FaultSpec.CacheFlush(cache, r.at(), r.duration(), keys, r.probability()) : null;
    }

    /** The service named by {@code target}; when {@code wanted} is given, one of that kind, else {@code appliesTo}. */
    private static String service(Read r, Class<? extends ServiceSpec> wanted, String appliesTo) {
        Fields f = r.f();
        String name = f.required("target");
        if (name == null) {
            return null;
        }
        ServiceSpec sp = r.services().get(name);
        if (sp == null) {
            f.problem("target", "no service named '" + name + "'" + Suggest.didYouMean(name, r.services().keySet())
                    + "; services: " + String.join(", ", r.services().keySet()));
        } else if (wanted != null && !wanted.isInstance(sp)) {
            f.problem("target", "'" + name + "' is " + article(ServiceKind.of(sp).type()) + "; " + appliesTo);
        }
        return name;
    }

    private static String host(Read r, String key) {
        String name = r.f().required(key);
        if (name != null && !r.hosts().containsKey(name)) {
            r.f().problem(key, "no host named '" + name + "'" + Suggest.didYouMean(name, r.hosts().keySet())
                    + "; hosts: " + String.join(", ", r.hosts().keySet()));
        }
        return name;
    }

    /** "a database", "an app_server". */
    static String article(String kind) {
        return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }
}
