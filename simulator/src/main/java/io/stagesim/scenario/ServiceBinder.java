package io.stagesim.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Binds one entry of {@code services}: its {@code type} names the kind in {@link ServiceKind}, its
 * {@code host} (for the kinds placed on one) must be a host of the scenario, and the kind's binder
 * reads the rest. Defaults come from {@code ../shared/calibration.md}; each kind names the row
 * each of its defaults follows.
 */
final class ServiceBinder {

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
        if (kind.placement() != ServiceKind.Placement.NONE) {
            host = kind.placement() == ServiceKind.Placement.OPTIONAL_HOST ? f.string("host", null) : f.required("host");
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
        ServiceSpec s = kind.binder().bind(name, host, cores, f);
        f.finish();
        return s;
    }

    /** The names listed under {@code key}, which must be there and name at least one service. */
    static List<String> requiredNames(Fields f, String key) {
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
}
