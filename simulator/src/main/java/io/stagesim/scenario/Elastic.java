package io.stagesim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * App servers started and stopped during a run: a balancer's autoscaling group. Checks it, then
 * writes out the instances it may launch: copies of the template app server, each on a copy of the
 * template's host, named {@code <template>+<k>} on {@code <host>+<k>}, added to the balancer's
 * backends (out of rotation until launched). Their hosts are paid for only while they run.
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
        for (ServiceSpec sp : s.services().values()) {
            if (!(sp instanceof ServiceSpec.LoadBalancer lb) || lb.autoscaling() == null) {
                continue;
            }
            String path = "services." + lb.name() + ".autoscaling";
            ServiceSpec.Autoscaling a = lb.autoscaling();
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
                if (!(b instanceof ServiceSpec.AppServer)) {
                    problems.add(at, "services." + lb.name() + ".backends", "'" + name + "' is "
                            + (b == null ? "not a service" : "a " + ServiceKind.of(b).type())
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

    /** The app server an autoscaling group copies: the one named, else the last backend written. */
    private static String template(ServiceSpec.LoadBalancer lb) {
        String t = lb.autoscaling().template();
        return t != null ? t : lb.backends().isEmpty() ? "" : lb.backends().get(lb.backends().size() - 1);
    }

    /** {@code s} with every autoscaling group's instances written out (a checked scenario). */
    static Scenario expand(Scenario s) {
        Map<String, HostSpec> hosts = new LinkedHashMap<>(s.hosts());
        Map<String, ServiceSpec> services = new LinkedHashMap<>(s.services());
        boolean changed = false;
        for (ServiceSpec sp : s.services().values()) {
            if (!(sp instanceof ServiceSpec.LoadBalancer lb) || lb.autoscaling() == null) {
                continue;
            }
            ServiceSpec.Autoscaling a = lb.autoscaling();
            String template = template(lb);
            ServiceSpec.AppServer t = (ServiceSpec.AppServer) s.services().get(template);
            HostSpec th = s.hosts().get(t.host());
            List<String> group = new ArrayList<>(lb.backends());
            for (int k = a.initial() + 1; k <= a.max(); k++) {
                String name = template + "+" + k;
                String host = t.host() + "+" + k;
                hosts.put(host, new HostSpec(host, th.cores(), th.speed(), th.memory(), th.costPerHour()));
                services.put(name, new ServiceSpec.AppServer(name, host, t.workerClass(), t.workers(), t.threads(),
                        t.backlog(), t.timeout(), t.bootTime(), t.memoryPerWorker(), t.staticCpu(),
                        t.persistentDbConnections(), t.dbConnectCpu()));
                group.add(name);
            }
            services.put(lb.name(), lb.with(group, a.withGroup(group, template)));
            changed = true;
        }
        if (!changed) {
            return s;
        }
        return new Scenario(s.name(), s.description(), s.file(), s.run(), s.network(), hosts, services, s.requests(),
                s.slo(), s.faults());
    }

    /** Hosts paid for only while they run: those of every autoscaling group's app servers. */
    public static Set<String> hosts(Scenario s) {
        Set<String> out = new LinkedHashSet<>();
        for (ServiceSpec sp : s.services().values()) {
            if (sp instanceof ServiceSpec.LoadBalancer lb && lb.autoscaling() != null) {
                for (String name : lb.autoscaling().group()) {
                    out.add(s.services().get(name).host());
                }
            }
        }
        return out;
    }
}
