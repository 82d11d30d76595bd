package io.stagesim.scenario;

import io.stagesim.random.Constant;
import io.stagesim.random.Distribution;
import java.util.List;

/** A cache: Redis (one command thread) or Memcached (several). */
public record CacheSpec(String name, String host, String engine, int threads, long memory) implements ServiceSpec {

    /** The engines modelled. */
    public static final List<String> ENGINES = List.of("redis", "memcached");
    /** CPU of a GET or SET when a call gives none: 20 µs (A.8). */
    public static final Distribution DEFAULT_OP_CPU = new Constant(20_000);

    private static final long MIB = 1L << 20;

    /** Checks the bounds. */
    public CacheSpec {
        Require.oneOf("engine", engine, ENGINES);
        Require.atLeast("threads", threads, 1);
        Require.atLeast("memory", memory, 0);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.CACHE;
    }

    static CacheSpec bind(String name, String host, int cores, Fields f) {
        String engine = f.choice("engine", "redis", ENGINES);
        return new CacheSpec(name, host, engine,
                f.integer("threads", "redis".equals(engine) ? 1 : 4, 1, 4096), // A.8
                f.size("memory", 64 * MIB));
    }
}
