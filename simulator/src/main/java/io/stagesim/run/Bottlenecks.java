package io.stagesim.run;

import java.util.List;
import java.util.Map;

/**
 * Names the bottleneck: the resource (host CPU, a dev server's GIL, or a pool of workers,
 * connections, threads or a lock) with the highest utilisation, in a sentence that also reports the
 * failures it causes, if any.
 */
final class Bottlenecks {

    private Bottlenecks() {
    }

    static ScenarioResult.Bottleneck find(List<ScenarioResult.HostResult> hosts,
            List<ScenarioResult.ResourceResult> resources, List<ScenarioResult.ClassResult> classes) {
        String service = null;
        String resource = null;
        double best = -1;
        for (ScenarioResult.HostResult h : hosts) {
            if (h.cpuUtilization().mean() > best) {
                best = h.cpuUtilization().mean();
                service = h.name();
                resource = "CPU of host " + h.name() + " (" + h.cores() + (h.cores() == 1 ? " core)" : " cores)");
            }
        }
        for (ScenarioResult.ResourceResult r : resources) {
            double u = r.utilization().mean();
            if (!Double.isNaN(u) && r.capacity() > 0 && u > best) {
                best = u;
                service = r.service();
                resource = r.resource() + " of " + r.service();
            }
        }
        StringBuilder sb = new StringBuilder();
        if (resource == null) {
            return new ScenarioResult.Bottleneck(null, null, 0, "No resource was measured.");
        }
        if (best >= 0.9) {
            sb.append(String.format("The bottleneck is the %s: busy %.0f%% of the time, so requests queue for it.",
                    resource, best * 100));
        } else if (best >= 0.6) {
            sb.append(String.format("The busiest resource is the %s at %.0f%%; it will saturate first as load grows.",
                    resource, best * 100));
        } else {
            sb.append(String.format("No resource is near saturation; the busiest is the %s at %.0f%%.",
                    resource, best * 100));
        }
        double offered = 0;
        double failed = 0;
        String worstKind = null;
        double worst = 0;
        for (ScenarioResult.ClassResult c : classes) {
            offered += c.offered().mean();
            for (Map.Entry<String, Estimate> e : c.errors().entrySet()) {
                failed += e.getValue().mean();
                if (e.getValue().mean() > worst) {
                    worst = e.getValue().mean();
                    worstKind = e.getKey();
                }
            }
        }
        if (offered > 0 && failed / offered >= 0.001) {
            sb.append(String.format(" %.2f%% of page views fail, mostly %s.", 100 * failed / offered, worstKind));
        }
        return new ScenarioResult.Bottleneck(service, resource, best, sb.toString());
    }
}
