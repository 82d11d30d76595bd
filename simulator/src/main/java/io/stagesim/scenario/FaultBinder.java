package io.stagesim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Binds the {@code faults} list: each fault's type, timing and target, checked against the hosts. */
final class FaultBinder {

    private FaultBinder() {
    }

    static List<FaultSpec> faults(Fields top, Map<String, HostSpec> hosts) {
        return faults(top, hosts, null);
    }

    /** As above; {@code services}, when given, checks service targets. */
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
            Fields f = Fields.of(seq.items().get(i), "faults[" + i + "]", top.problems(), top.baseDir());
            if (f == null) {
                continue;
            }
            String type = f.required("type");
            if (type != null && !FaultSpec.TYPES.contains(type)) {
                f.problem("type", "unknown fault type '" + type + "'" + Suggest.didYouMean(type, FaultSpec.TYPES)
                        + "; known types: " + String.join(", ", FaultSpec.TYPES));
                type = null;
            }
            long at = f.duration("at", 0);
            long duration = f.has("for") ? f.positiveDuration("for", 1) : FaultSpec.PERMANENT;
            double probability = f.fraction("probability", 1);
            if (probability <= 0) {
                f.problem("probability", "a fault that never happens is not a fault: give a probability above 0%, "
                        + "or remove it");
            }
            String target = null;
            String to = null;
            double amount = 1;
            long delay = 0;
            FaultSpec.Rollout rollout = null;
            if ("noisy_neighbour".equals(type)) {
                target = host(f, "target", hosts);
                amount = f.fraction("steal", 0.4);
                if (amount <= 0) {
                    f.problem("steal", "must take some of the CPU (more than 0%)");
                }
            } else if ("traffic_spike".equals(type)) {
                amount = f.number("factor", 2, 0, 1000);
            } else if ("host_crash".equals(type) || "host_hang".equals(type)) {
                target = host(f, "target", hosts);
            } else if ("slow_dependency".equals(type) || "db_failover".equals(type)) {
                target = service(f, services, type);
                amount = "slow_dependency".equals(type) ? f.number("factor", 5, 1e-3, 1e6) : 1;
            } else if ("storage_outage".equals(type) || "storage_throttle".equals(type)) {
                target = service(f, services, "storage");
                if ("storage_throttle".equals(type)) {
                    amount = f.fraction("limit", 0.1);
                    if (amount <= 0) {
                        f.problem("limit", "must leave some of the request-rate limit (more than 0%); "
                                + "use storage_outage for none");
                    }
                }
            } else if ("cache_flush".equals(type)) {
                target = service(f, services, "cache_flush");
                amount = f.integer("keys", 10_000, 1, 100_000_000);
            } else if ("deploy".equals(type)) {
                if (f.has("for")) {
                    f.problem("for", "a deploy lasts as long as its rollout takes; set 'interval', 'drain' and 'boot' "
                            + "instead");
                }
                rollout = rollout(f, services);
                long n = rollout.targets().size();
                duration = Math.max(1, rollout.reload() ? (n - 1) * rollout.interval() + reloadLength(rollout, services, hosts)
                        : (rollout.blueGreen() ? 0 : (n - 1) * rollout.interval()) + rollout.drain() + rollout.boot());
            } else if ("partition".equals(type)) {
                target = host(f, "target", hosts);
                to = host(f, "to", hosts);
                if (target != null && target.equals(to)) {
                    f.problem("to", "a partition separates two different hosts");
                }
            } else if ("latency".equals(type)) {
                target = host(f, "target", hosts);
                to = host(f, "to", hosts);
                delay = f.positiveDuration("delay", 50_000_000);
            }
            f.finish();
            if (type != null) {
                out.add(new FaultSpec(type, at, duration, target, to, amount, delay, rollout, probability));
            }
        }
        return out;
    }

    /** A deploy's targets (app servers) and timings. */
    private static FaultSpec.Rollout rollout(Fields f, Map<String, ServiceSpec> services) {
        List<String> targets = f.names("target");
        if (targets.isEmpty() && !f.has("target")) {
            f.problem("type", "a deploy needs 'target': the app servers to restart, in order, e.g. "
                    + "'target: [gunicorn, gunicorn2]'");
        }
        for (String name : targets) {
            ServiceSpec sp = services == null ? null : services.get(name);
            if (services != null && sp == null) {
                f.problem("target", "no service named '" + name + "'" + Suggest.didYouMean(name, services.keySet())
                        + "; services: " + String.join(", ", services.keySet()));
            } else if (sp != null && !(sp instanceof AppServerSpec) && !(sp instanceof DevServerSpec)) {
                f.problem("target", "'" + name + "' is " + article(ServiceKind.of(sp).type())
                        + "; a deploy restarts app servers (app_server or dev_server)");
            }
        }
        String strategy = f.choice("strategy", "rolling", FaultSpec.Rollout.STRATEGIES);
        boolean blueGreen = "blue_green".equals(strategy);
        boolean reload = "reload".equals(strategy);
        long drain = f.duration("drain", 30_000_000_000L);
        long boot = f.positiveDuration("boot", blueGreen ? 120_000_000_000L : reload ? 2_000_000_000L : 5_000_000_000L);
        for (String name : targets) {
            ServiceSpec sp = services == null ? null : services.get(name);
            if (reload && sp != null && !(sp instanceof AppServerSpec)) {
                f.problem("target", "'" + name + "' is " + article(ServiceKind.of(sp).type())
                        + "; strategy: reload is Gunicorn's HUP reload, for app_servers");
            }
        }
        if (reload && f.has("drain")) {
            f.problem("drain", "a reload drains nothing: the old workers finish their requests while the new ones "
                    + "serve; 'drain' is for strategy: rolling or blue_green");
        }
        long interval = f.positiveDuration("interval", 60_000_000_000L);
        if (blueGreen && f.has("interval")) {
            f.problem("interval", "a blue-green deploy switches every target at once; 'interval' is for strategy: rolling");
        } else if (interval < boot && !blueGreen && !reload) {
            f.problem("interval", "must be at least 'boot' (" + Units.formatDuration(boot)
                    + "), or two app servers would be restarting at once");
        }
        return new FaultSpec.Rollout(targets, drain, boot, interval, strategy);
    }

    /**
     * The shortest a reload's new workers can take to boot on the busiest target: workers × boot
     * CPU over the host's cores (more when the host is busy with requests).
     */
    private static long reloadLength(FaultSpec.Rollout r, Map<String, ServiceSpec> services,
            Map<String, HostSpec> hosts) {
        long most = r.boot();
        for (String t : r.targets()) {
            if (services != null && services.get(t) instanceof AppServerSpec a && hosts.get(a.host()) != null) {
                HostSpec h = hosts.get(a.host());
                most = Math.max(most, (long) Math.ceil(a.workers() * (double) r.boot() / (h.cores() * h.speed())));
            }
        }
        return most;
    }

    private static String service(Fields f, Map<String, ServiceSpec> services, String type) {
        String name = f.required("target");
        if (name == null || services == null) {
            return name;
        }
        ServiceSpec sp = services.get(name);
        if (sp == null) {
            f.problem("target", "no service named '" + name + "'" + Suggest.didYouMean(name, services.keySet())
                    + "; services: " + String.join(", ", services.keySet()));
        } else if (type.equals("db_failover") && !(sp instanceof DatabaseSpec)) {
            f.problem("target", "'" + name + "' is " + article(ServiceKind.of(sp).type()) + "; db_failover applies to a database");
        } else if (type.equals("storage") && !(sp instanceof ObjectStorageSpec)) {
            f.problem("target", "'" + name + "' is " + article(ServiceKind.of(sp).type())
                    + "; storage faults apply to object_storage");
        } else if (type.equals("cache_flush") && !(sp instanceof CacheSpec)) {
            f.problem("target", "'" + name + "' is " + article(ServiceKind.of(sp).type()) + "; cache_flush applies to a cache");
        }
        return name;
    }

    private static String host(Fields f, String key, Map<String, HostSpec> hosts) {
        String name = f.required(key);
        if (name != null && !hosts.containsKey(name)) {
            f.problem(key, "no host named '" + name + "'" + Suggest.didYouMean(name, hosts.keySet()) + "; hosts: "
                    + String.join(", ", hosts.keySet()));
        }
        return name;
    }

    /** "a database", "an app_server". */
    private static String article(String kind) {
        return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }
}
