package io.stagesim.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The registry of fault kinds, keyed by the YAML {@code type} field: each kind's name, the record
 * it binds to, and its binder. It is the only place that lists the kinds, and the only place a
 * type name is looked up; code elsewhere names a kind by its constant or its record, so a misspelt
 * one does not compile. What each kind does to a running model is keyed by these constants in
 * {@code io.stagesim.operations}, where a kind without an action does not compile either.
 */
public enum FaultKind {
    /** A share of a host's CPU taken by another tenant. */
    NOISY_NEIGHBOUR("noisy_neighbour", FaultSpec.NoisyNeighbour.class, FaultBinder::noisyNeighbour),
    /** The offered load multiplied. */
    TRAFFIC_SPIKE("traffic_spike", FaultSpec.TrafficSpike.class, FaultBinder::trafficSpike),
    /** Delay added to every round trip between two hosts. */
    LATENCY("latency", FaultSpec.Latency.class, FaultBinder::latency),
    /** Two hosts that cannot reach each other. */
    PARTITION("partition", FaultSpec.Partition.class, FaultBinder::partition),
    /** A host down, then back empty. */
    HOST_CRASH("host_crash", FaultSpec.HostCrash.class, FaultBinder::hostCrash),
    /** A host answering nothing, then going on. */
    HOST_HANG("host_hang", FaultSpec.HostHang.class, FaultBinder::hostHang),
    /** A service's demands multiplied. */
    SLOW_DEPENDENCY("slow_dependency", FaultSpec.SlowDependency.class, FaultBinder::slowDependency),
    /** A managed database failing over. */
    DB_FAILOVER("db_failover", FaultSpec.DbFailover.class, FaultBinder::dbFailover),
    /** A cache emptied of its hot keys. */
    CACHE_FLUSH("cache_flush", FaultSpec.CacheFlush.class, FaultBinder::cacheFlush),
    /** Object storage answering 503. */
    STORAGE_OUTAGE("storage_outage", FaultSpec.StorageOutage.class, FaultBinder::storageOutage),
    /** Object storage's rate limits cut. */
    STORAGE_THROTTLE("storage_throttle", FaultSpec.StorageThrottle.class, FaultBinder::storageThrottle),
    /** App server workers growing with every request, killed as they pass a memory limit. */
    MEMORY_LEAK("memory_leak", FaultSpec.MemoryLeak.class, FaultBinder::memoryLeak),
    /** A new version of app servers rolled out. */
    DEPLOY("deploy", FaultSpec.Deploy.class, DeployBinder::deploy);

    private final String type;
    private final Class<? extends FaultSpec> spec;
    private final Function<FaultBinder.Read, FaultSpec> binder;

    FaultKind(String type, Class<? extends FaultSpec> spec, Function<FaultBinder.Read, FaultSpec> binder) {
        this.type = type;
        this.spec = spec;
        this.binder = binder;
    }

    /** The name written in {@code type:}. */
    public String type() {
        return type;
    }

    /** The record this kind binds to. */
    public Class<? extends FaultSpec> specClass() {
        return spec;
    }

    /** Reads the kind's own keys of one fault; null when they have problems (recorded). */
    FaultSpec bind(FaultBinder.Read read) {
        return binder.apply(read);
    }

    /** Every type name, in the order the kinds are listed, for messages. */
    public static List<String> types() {
        return Arrays.stream(values()).map(FaultKind::type).toList();
    }

    /** The kind with this type name, or null. */
    public static FaultKind ofType(String type) {
        for (FaultKind k : values()) {
            if (k.type.equals(type)) {
                return k;
            }
        }
        return null;
    }

    /** The kind of a fault. */
    public static FaultKind of(FaultSpec f) {
        for (FaultKind k : values()) {
            if (k.spec.isInstance(f)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no kind for " + f);
    }
}
