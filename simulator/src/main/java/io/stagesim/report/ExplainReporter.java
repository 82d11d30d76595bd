package io.stagesim.report;

import io.stagesim.random.Distribution;
import io.stagesim.run.OperationalAnalysis;
import io.stagesim.scenario.BrowserSpec;
import io.stagesim.scenario.CallSpec;
import io.stagesim.scenario.RequestSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ServiceSpec;
import io.stagesim.scenario.Units;
import java.util.List;
import java.util.Locale;

/**
 * {@code explain}: each request class's path through the model with the mean demand written at
 * each step, then the operational analysis of a run: demand per page view at every resource and
 * the throughput each allows, the lowest being the bound.
 */
public final class ExplainReporter {

    private ExplainReporter() {
    }

    private static String ms(Distribution d) {
        return Units.mean(d);
    }

    /** The paths of every request class, from the scenario's specs. */
    public static String paths(Scenario s) {
        StringBuilder sb = new StringBuilder();
        BrowserSpec b = s.browser();
        sb.append(String.format(Locale.ROOT, "Page views arrive at %s; round trip %s (one more for a new connection).%n",
                b.target(), Units.formatDuration(b.rtt())));
        for (RequestSpec r : s.requests().values()) {
            sb.append(String.format(Locale.ROOT, "%n%s (%.1f%% of page views)%n", r.name(), r.share() * 100));
            sb.append("  HTML: ").append(front(s, b.target(), r)).append('\n');
            sb.append("    view: CPU ").append(ms(r.view().cpu())).append(" (mean), half before and half after its calls\n");
            calls(sb, r.view().calls(), "      ");
            if (r.assets() > 0) {
                sb.append(String.format(Locale.ROOT, "  then %d static assets of %d KB, %d at a time, from %s%n",
                        r.assets(), r.assetSize() / 1000, b.connectionsPerHost(),
                        b.staticFrom() != null ? b.staticFrom() + " (object storage)" : staticServer(s, b.target())));
            }
        }
        return sb.toString();
    }

    /** A service on the path of a page view of class {@code r}, as it describes itself, then the rest of the path. */
    private static String front(Scenario s, String name, RequestSpec r) {
        ServiceSpec sp = s.services().get(name);
        String detail = sp.explainHop(s, r);
        String next = sp.nextFor(r);
        return name + (detail == null ? "" : " (" + detail + ")") + (next == null ? "" : " -> " + front(s, next, r));
    }

    /** The service that serves static files sent to {@code name}: the first on the way that does not pass them on. */
    private static String staticServer(Scenario s, String name) {
        ServiceSpec sp = s.services().get(name);
        String detail = sp.explainStatic();
        if (detail != null) {
            return name + " (" + detail + ")";
        }
        List<String> next = sp.routes().names();
        return next.isEmpty() ? name : staticServer(s, next.get(0));
    }

    private static void calls(StringBuilder sb, List<CallSpec> calls, String indent) {
        for (CallSpec c : calls) {
            String times = c.timesMax() != c.times() ? c.times() + ".." + c.timesMax() : String.valueOf(c.times());
            sb.append(indent).append("-> ").append(c.service()).append(" × ").append(times);
            if (c.cpu() != null) {
                sb.append(", CPU ").append(ms(c.cpu())).append(" each");
            }
            if (c.io() != null) {
                sb.append(", disk ").append(ms(c.io())).append(" each");
            }
            if (c.hitRatio() > 0) {
                sb.append(String.format(Locale.ROOT, ", %.0f%% hits", c.hitRatio() * 100));
            }
            if (c.download() > 0) {
                sb.append(", download ").append(c.download() / 1000).append(" KB");
            }
            if (c.upload() > 0) {
                sb.append(", upload ").append(c.upload() / 1000).append(" KB");
            }
            if (c.write()) {
                sb.append(", write");
            }
            sb.append('\n');
            if (!c.onMiss().isEmpty()) {
                sb.append(indent).append("   on a miss:\n");
                calls(sb, c.onMiss(), indent + "     ");
            }
            if (c.task() != null) {
                sb.append(indent).append("   the task, later on a worker: CPU ").append(ms(c.task().cpu())).append('\n');
                calls(sb, c.task().calls(), indent + "     ");
            }
        }
    }

    /**
     * For a closed workload: exact Mean Value Analysis (Reiser and Lavenberg) on the measured
     * demands of the service centres (CPUs, disks; pools are holding times, not queues), each a
     * queue of demand D / capacity (a multi-core CPU approximated by one core that many times
     * faster), with the users' think time: throughput and response time
     * as the population grows, beside what the simulation measured at the scenario's population.
     */
    public static String mvaCurve(OperationalAnalysis.Result a, int users, double thinkSeconds, double measuredX,
            double measuredRms) {
        // service centres only: a pool's holding time spans the CPUs it waits on, so it is no queue of its own
        double[] demands = a.rows().stream().filter(r -> !r.holding())
                .mapToDouble(r -> r.demandMs() / 1000 / r.capacity()).toArray();
        if (demands.length == 0) {
            return "";
        }
        io.stagesim.analytic.MvaResult mva = io.stagesim.analytic.Mva.solve(demands, thinkSeconds, users);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%nClosed workload: %d users thinking %.3g s "
                + "on average. Exact MVA on the demands above:%n%n%8s %16s %16s%n", users, thinkSeconds, "users",
                "views/s (MVA)", "response ms (MVA)"));
        java.util.TreeSet<Integer> ns = new java.util.TreeSet<>();
        for (int n = 1; n <= users; n = n < 10 ? n + 1 : n * 2) {
            ns.add(n);
        }
        ns.add(users);
        for (int n : ns) {
            sb.append(String.format(Locale.ROOT, "%8d %16.1f %16.1f%n", n, mva.throughput(n), 1000 * mva.responseTime(n)));
        }
        sb.append(String.format(Locale.ROOT, "%nSimulated at %d users: %.1f views/s, mean page-view time %.1f ms "
                + "(MVA leaves out network delays, pools that run out, and treats a multi-core CPU as one fast core).%n", users, measuredX,
                measuredRms));
        return sb.toString();
    }

    /** The operational analysis as a table and a sentence. */
    public static String analysis(OperationalAnalysis.Result a, double offeredPerS) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%nMeasured at %.1f page views/s offered, %.1f/s completed. "
                + "Demand per page view D = busy units / X; each resource allows at most capacity / D:%n%n",
                offeredPerS, a.throughputPerS()));
        sb.append(String.format(Locale.ROOT, "%-52s %8s %12s %12s %14s%n", "resource", "capacity", "utilisation",
                "D ms/view", "bound views/s"));
        for (OperationalAnalysis.Row r : a.rows()) {
            String label = r.service() + ": " + r.resource();
            if (label.length() > 52) {
                label = label.substring(0, 51) + "…";
            }
            sb.append(String.format(Locale.ROOT, "%-52s %8d %11.1f%% %12.3f %14.1f%n", label, r.capacity(),
                    100 * r.utilization(), r.demandMs(), r.boundPerS()));
        }
        OperationalAnalysis.Row b = a.bottleneck();
        if (b != null) {
            String what = b.resource().startsWith("CPU of host") ? "the " + b.resource() : b.resource() + " of " + b.service();
            sb.append(String.format(Locale.ROOT, "%nBound: %.1f page views/s, set by %s (D = %.3f ms over %d). "
                    + "No load above it can complete; queueing makes the usable capacity lower, as 'stress' measures.%n",
                    b.boundPerS(), what, b.demandMs(), b.capacity()));
        }
        return sb.toString();
    }
}
