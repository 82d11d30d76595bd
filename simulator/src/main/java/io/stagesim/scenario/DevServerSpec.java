package io.stagesim.scenario;

import io.stagesim.random.Constant;
import io.stagesim.random.Distribution;

/**
 * Django's runserver: a thread per connection ({@code threading}, else one request at a time),
 * Python on one core (the GIL), {@code overhead} CPU per request besides the view.
 */
public record DevServerSpec(String name, String host, boolean threading, Distribution overhead, Distribution staticCpu,
        long memory) implements ServiceSpec {

    private static final long MS = 1_000_000L;
    private static final long MIB = 1L << 20;

    /** Checks the bounds. */
    public DevServerSpec {
        Require.present("overhead", overhead);
        Require.present("static_cpu", staticCpu);
        Require.atLeast("memory", memory, 0);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.DEV_SERVER;
    }

    @Override
    public String explainHop(Scenario s, RequestSpec r) {
        return "runserver: overhead " + Units.mean(overhead) + ", Python on one core";
    }

    @Override
    public String explainStatic() {
        return "CPU " + Units.mean(staticCpu) + " + overhead " + Units.mean(overhead);
    }

    static DevServerSpec bind(String name, String host, int cores, Fields f) {
        return new DevServerSpec(name, host, f.bool("threading", true),
                f.distribution("overhead", new Constant(4 * MS)), // A.2: 3–6 ms per request
                f.distribution("static_cpu", new Constant(1 * MS)), f.size("memory", 60 * MIB));
    }
}
