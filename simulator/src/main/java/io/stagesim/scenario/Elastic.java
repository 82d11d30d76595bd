package io.stagesim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * App servers started and stopped during a run: a balancer's autoscaling group, and the green
 * copies of a blue-green deploy. Checks them, then writes out the app servers they may start:
 * copies of the template app server, each on a copy of the template's host, named
 * {@code <template>+<k>} on {@code <host>+<k>} (a green copy: {@code <target>+green} on
 * {@code <host>+green}), added to the balancers' backends (out of rotation until started). Their
 * hosts, and those of the app servers they replace, are paid for only while they run.
 */
public final class Elastic {

    private Elastic() {
    }

    /** Records a problem for every autoscaling group that cannot be built. */
    static void check(Scenario s, YNode.Mapping root, Problems problems) {
        Map<String, String> onHost = new LinkedHashMap<>();
        for (ServiceSpec sp : s.services().values()) {
            if (sp.host() != null) {
                onHost.merge(sp.host(), sp.name(), (a, b) -> a + ", " + b);
            }
        }
        checkBlueGreen(s, root, problems, onHost);
        for (LoadBalancerSpec lb : LoadBalancerSpec.in(s.services())) {
            if (lb.autoscaling() == null) {
                continue;
            }
            String path = "services." + lb.name() + ".autoscaling";
            AutoscalingSpec a = lb.autoscaling();
            String template = template(lb);
            if (!lb.backends().contains(template)) {
                problems.add(ScenarioChecks.locate(root, "services", lb.name(), "autoscaling", "template"),
                        path + ".template", "'" + template + "' is not one of the backends ("
                                + String.join(", ", lb.backends()) + "); the template is the app server copied");
                continue;
            }
            for (int i = 0; i < lb.backends().size(); i++) {
                String name = lb.backends().get(i);
                ServiceSpec b = s.services().get(name);
                Location at = ScenarioChecks.locate(root, "services", lb.name(), "backends", i);
                if (b == null || !b.replicable()) {
                    problems.add(at, "services." + lb.name() + ".backends", "'" + name + "' is "
                            + (b == null ? "not a service" : "a " + b.kind().type())
                            + "; an autoscaled balancer's backends are app_servers, started and stopped with their hosts");
                } else if (!onHost.get(b.host()).equals(name)) {
                    problems.add(at, "services." + lb.name() + ".backends", "'" + name + "' shares its host '"
                            + b.host() + "' with " + onHost.get(b.host()).replace(name + ", ", "").replace(", " + name, "")
                            + "; autoscaling starts and stops whole hosts, so give each app server a host of its own");
                }
            }
            ServiceSpec t = s.services().get(template);
            for (int k = a.initial() + 1; k <= a.max() && t != null; k++) {
                String service = template + "+" + k;
                String host = t.host() + "+" + k;
                if (s.services().containsKey(service) || s.hosts().containsKey(host)) {
                    problems.add(ScenarioChecks.locate(root, "services", lb.name(), "autoscaling"), path,
                            "the instance it would launch as '" + service + "' on '" + host
                                    + "' clashes with a name in the file; rename that service or host");
                    break;
                }
            }
        }
    }

    /** Records a problem for every blue-green deploy that cannot be built. */
    private static void checkBlueGreen(Scenario s, YNode.Mapping root, Problems problems, Map<String, String> onHost) {
        for (int i = 0; i < s.faults().size(); i++) {
            if (!(s.faults().get(i) instanceof FaultSpec.Deploy f)) {
                continue;
            }
            if (f.reload()) {
                checkReload(s, root, problems, i, f);
            }
            if (!f.blueGreen()) {
                continue;
            }
            Location at = ScenarioChecks.locate(root, "faults", i, "target");
            String path = "faults[" + i + "].target";
            for (String t : f.targets()) {
                ServiceSpec sp = s.services().get(t);
                List<LoadBalancerSpec> front = balancersOf(s, t);
                if (sp == null || !sp.replicable()) {
                    problems.add(at, path, "'" + t + "' is not an app_server; a blue-green deploy starts a copy of "
                            + "an app server on a new host");
                } else if (front.isEmpty()) {
                    problems.add(at, path, "no load_balancer sends to '" + t + "', so nothing can switch traffic to "
                            + "its green copy; use strategy: rolling (a restart in place), or put a balancer in front");
                } else if (!onHost.get(sp.host()).equals(t)) {
                    problems.add(at, path, "'" + t + "' shares its host '" + sp.host() + "' with other services; "
                            + "a blue-green deploy replaces whole hosts, so give the app server a host of its own");
                } else if (front.stream().anyMatch(lb -> lb.autoscaling() != null)) {
                    problems.add(at, path, "'" + t + "' is in an autoscaling group; deploy it with strategy: rolling "
                            + "(an instance refresh restarts instances in place)");
                } else if (s.services().containsKey(FaultSpec.Deploy.green(t))
                        || s.hosts().containsKey(FaultSpec.Deploy.green(sp.host()))) {
                    problems.add(at, path, "its green copy '" + FaultSpec.Deploy.green(t) + "' on '"
                            + FaultSpec.Deploy.green(sp.host()) + "' clashes with a name in the file; rename that");
                }
            }
        }
    }

    /** A HUP reload runs old and new workers side by side: their host must hold both. */
    private static void checkReload(Scenario s, YNode.Mapping root, Problems problems, int i, FaultSpec.Deploy f) {
        for (String t : f.targets()) {
            AppServerSpec a = (AppServerSpec) s.services().get(t); // the fault's binder let only app servers reload
            long used = 0;
            for (ServiceSpec sp : s.services().values()) {
                used += a.host().equals(sp.host()) ? sp.memory() : 0;
            }
            long during = used + a.memory();
            HostSpec h = s.hosts().get(a.host());
            if (during > h.memory()) {
                problems.add(ScenarioChecks.locate(root, "faults", i, "target"), "faults[" + i + "].target",
                        String.format("reloading '%s' runs its %d old and %d new workers side by side: host '%s' "
                                + "needs %d MiB then but has %d MiB; give it more memory or use strategy: rolling", t,
                                a.workers(), a.workers(), h.name(), during >> 20, h.memory() >> 20));
            }
        }
    }

    private static List<LoadBalancerSpec> balancersOf(Scenario s, String backend) {
        List<LoadBalancerSpec> out = new ArrayList<>();
        for (LoadBalancerSpec lb : LoadBalancerSpec.in(s.services())) {
            if (lb.backends().contains(backend)) {
                out.add(lb);
            }
        }
        return out;
    }

    /** The app server an autoscaling group copies: the one named, else the last backend written. */
    private static String template(LoadBalancerSpec lb) {
        String t = lb.autoscaling().template();
        return t != null ? t : lb.backends().isEmpty() ? "" : lb.backends().get(lb.backends().size() - 1);
    }

    /** {@code s} with every autoscaling group's instances written out (a checked scenario). */
    static Scenario expand(Scenario s) {
        Map<String, HostSpec> hosts = new LinkedHashMap<>(s.hosts());
        Map<String, ServiceSpec> services = new LinkedHashMap<>(s.services());
        boolean changed = false;
        for (LoadBalancerSpec lb : LoadBalancerSpec.in(s.services())) {
            if (lb.autoscaling() == null) {
                continue;
            }
            AutoscalingSpec a = lb.autoscaling();
            String template = template(lb);
            ServiceSpec t = s.services().get(template);
            HostSpec th = s.hosts().get(t.host());
            List<String> group = new ArrayList<>(lb.backends());
            for (int k = a.initial() + 1; k <= a.max(); k++) {
                String name = template + "+" + k;
                String host = t.host() + "+" + k;
                hosts.put(host, th.named(host));
                services.put(name, t.replica(name, host));
                group.add(name);
            }
            services.put(lb.name(), lb.with(group, a.withGroup(group, template)));
            changed = true;
        }
        for (FaultSpec fault : s.faults()) {
            if (!(fault instanceof FaultSpec.Deploy f) || !f.blueGreen()) {
                continue;
            }
            for (String t : f.targets()) {
                ServiceSpec a = s.services().get(t);
                HostSpec h = s.hosts().get(a.host());
                String host = FaultSpec.Deploy.green(a.host());
                String name = FaultSpec.Deploy.green(t);
                hosts.put(host, h.named(host));
                services.put(name, a.replica(name, host));
                for (LoadBalancerSpec lb : balancersOf(s, t)) {
                    LoadBalancerSpec now = (LoadBalancerSpec) services.get(lb.name());
                    List<String> backends = new ArrayList<>(now.backends());
                    backends.add(name);
                    services.put(lb.name(), now.with(backends, now.autoscaling()));
                }
                changed = true;
            }
        }
        if (!changed) {
            return s;
        }
        return new Scenario(s.name(), s.description(), s.file(), s.run(), s.network(), hosts, services, s.requests(),
                s.slo(), s.faults(), s.prices(), s.overrides());
    }

    /**
     * {@code s} without the green copies of the blue-green deploys among {@code before} that it no
     * longer has: their services, hosts and places among balancers' backends.
     */
    static Scenario withoutGreens(Scenario s, List<FaultSpec> before) {
        Set<String> gone = new LinkedHashSet<>();
        for (FaultSpec f : before) {
            if (f instanceof FaultSpec.Deploy d && d.blueGreen() && !s.faults().contains(f)) {
                for (String t : d.targets()) {
                    gone.add(FaultSpec.Deploy.green(t));
                }
            }
        }
        gone.removeIf(g -> !s.services().containsKey(g));
        if (gone.isEmpty()) {
            return s;
        }
        Map<String, HostSpec> hosts = new LinkedHashMap<>(s.hosts());
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        for (ServiceSpec sp : s.services().values()) {
            if (gone.contains(sp.name())) {
                hosts.remove(sp.host());
            } else if (sp.kind() == ServiceKind.LOAD_BALANCER) {
                LoadBalancerSpec lb = (LoadBalancerSpec) sp;
                services.put(lb.name(), lb.with(lb.backends().stream().filter(b -> !gone.contains(b)).toList(),
                        lb.autoscaling()));
            } else {
                services.put(sp.name(), sp);
            }
        }
        return new Scenario(s.name(), s.description(), s.file(), s.run(), s.network(), hosts, services, s.requests(),
                s.slo(), s.faults(), s.prices(), s.overrides());
    }

    /**
     * Hosts paid for only while they run: those of every autoscaling group's app servers, and of a
     * blue-green deploy's targets and their green copies.
     */
    public static Set<String> hosts(Scenario s) {
        Set<String> out = new LinkedHashSet<>();
        for (LoadBalancerSpec lb : LoadBalancerSpec.in(s.services())) {
            if (lb.autoscaling() != null) {
                for (String name : lb.autoscaling().group()) {
                    out.add(s.services().get(name).host());
                }
            }
        }
        for (FaultSpec f : s.faults()) {
            if (f instanceof FaultSpec.Deploy d && d.blueGreen()) {
                for (String t : d.targets()) {
                    out.add(s.services().get(t).host());
                    out.add(s.services().get(FaultSpec.Deploy.green(t)).host());
                }
            }
        }
        return out;
    }
}
