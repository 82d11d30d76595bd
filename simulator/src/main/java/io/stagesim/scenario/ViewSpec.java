package io.stagesim.scenario;

import io.stagesim.random.Distribution;
import java.util.List;
import java.util.Map;

/**
 * What the application does for one request: Python CPU (half before the calls, half after, as a
 * view queries then renders) and the calls it makes, in order.
 */
public record ViewSpec(Distribution cpu, List<CallSpec> calls) {

    /** Copies the list. */
    public ViewSpec {
        calls = List.copyOf(calls);
    }

    /**
     * The first service among {@code services} that this view's calls (a cache's miss path
     * included, tasks not) open a connection to, or null.
     */
    public ServiceSpec firstConnection(Map<String, ServiceSpec> services) {
        return firstConnection(calls, services);
    }

    private static ServiceSpec firstConnection(List<CallSpec> calls, Map<String, ServiceSpec> services) {
        for (CallSpec c : calls) {
            ServiceSpec target = services.get(c.service());
            if (target != null && target.connectionCpu() != null) {
                return target;
            }
            ServiceSpec nested = firstConnection(c.onMiss(), services);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }
}
