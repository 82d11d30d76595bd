package io.stagesim.scenario;

import java.nio.file.Path;
import java.util.Map;

/**
 * A validated scenario: one deployment stage with its hosts, services, request classes, network
 * and run settings. Maps keep the file's order.
 */
public record Scenario(String name, String description, Path file, RunSpec run, NetworkSpec network,
        Map<String, HostSpec> hosts, Map<String, ServiceSpec> services, Map<String, RequestSpec> requests) {

    /** Immutable copies. */
    public Scenario {
        hosts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hosts));
        services = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
        requests = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requests));
    }

    /** The browser service: every scenario has exactly one. */
    public ServiceSpec.Browser browser() {
        for (ServiceSpec s : services.values()) {
            if (s instanceof ServiceSpec.Browser b) {
                return b;
            }
        }
        throw new IllegalStateException("scenario has no browser");
    }
}
