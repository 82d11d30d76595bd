package io.stagesim.report;

import io.stagesim.run.Explanation;
import io.stagesim.run.OperationalAnalysis;
import io.stagesim.run.RequestPaths;
import io.stagesim.scenario.Units;
import java.util.List;
import java.util.Locale;

/**
 * {@code explain}: each request class's path through the model with the mean demand written at
 * each step ({@link RequestPaths}), then the operational analysis of a run, demand per page view at
 * every resource and the throughput each allows, the lowest being the bound, and for a closed
 * workload the MVA curve ({@link Explanation}).
 */
public final class ExplainReporter {

    private ExplainReporter() {
    }

    private static String ms(Long ns) {
        return ns == null ? "default" : Units.formatDuration(ns);
    }

    /** The paths of every request class. */
    public static String paths(RequestPaths p) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Page views arrive at %s; round trip %s (a new connection adds TCP's and TLS's).%n",
                p.target(), Units.formatDuration(p.rtt())));
        for (RequestPaths.ClassPath r : p.classes()) {
            sb.append(String.format(Locale.ROOT, "%n%s (%.1f%% of page views)%n", r.name(), r.share() * 100));
            sb.append("  HTML: ").append(r.html()).append('\n');
            sb.append("    view: CPU ").append(ms(r.viewCpu())).append(" (mean), half before and half after its calls\n");
            calls(sb, r.calls(), "      ");
            if (r.assets() > 0) {
                sb.append(String.format(Locale.ROOT, "  then %d static assets of %d KB, %d at a time, from %s%n",
                        r.assets(), r.assetSize() / 1000, r.atATime(), r.assetsFrom()));
            }
        }
        return sb.toString();
    }

    private static void calls(StringBuilder sb, List<RequestPaths.Call> calls, String indent) {
        for (RequestPaths.Call c : calls) {
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
            if (!c.replicas().isEmpty()) {
                sb.append(", each query to a replica (").append(String.join(", ", c.replicas())).append("; ")
                        .append(c.routing().replace('_', ' ')).append(')');
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

    /** The operational analysis as a table and a sentence, then for a closed workload the MVA curve, 100 columns wide. */
    public static String analysis(Explanation e) {
        return analysis(e, TextTable.DEFAULT_WIDTH);
    }

    /**
     * The operational analysis as a table and a sentence, then for a closed workload the MVA curve, within
     * {@code width} columns: resources by their short names ("gunicorn workers (5)"), never cut, the
     * sentences wrapped.
     */
    public static String analysis(Explanation e, int width) {
        OperationalAnalysis.Result a = e.analysis();
        StringBuilder sb = new StringBuilder();
        sb.append('\n').append(TextTable.wrap(String.format(Locale.ROOT, "Measured at %.1f page views/s offered, %.1f/s "
                + "completed. Demand per page view D = busy units / X; each resource allows at most capacity / D:",
                e.offeredPerS(), a.throughputPerS()), width, "")).append('\n');
        TextTable t = new TextTable(List.of(TextTable.Column.wrapping("resource", "resource", 0),
                TextTable.Column.figure("capacity", "cap.", 3), TextTable.Column.figure("utilisation", "util.", 0),
                TextTable.Column.figure("D ms/view", "D ms", 2), TextTable.Column.figure("bound views/s", "bound/s", 0)));
        for (OperationalAnalysis.Row r : a.rows()) {
            t.row(name(r), String.valueOf(r.capacity()), String.format(Locale.ROOT, "%.1f%%", 100 * r.utilization()),
                    String.format(Locale.ROOT, "%.3f", r.demandMs()), String.format(Locale.ROOT, "%.1f", r.boundPerS()));
        }
        sb.append(t.render(width));
        OperationalAnalysis.Row b = a.bottleneck();
        if (b != null) {
            sb.append('\n').append(TextTable.wrap(String.format(Locale.ROOT, "Bound: %.1f page views/s, set by %s: D = %.3f "
                    + "ms over %d. No load above it can complete; queueing makes the usable capacity lower, as 'stress' "
                    + "measures.", b.boundPerS(), name(b), b.demandMs(), b.capacity()), width, ""));
        }
        if (!e.cpuMsPerView().isEmpty()) {
            StringBuilder cpu = new StringBuilder("CPU per page view by service (ms at reference speed, the work each "
                    + "asked for):");
            double sum = 0;
            for (java.util.Map.Entry<String, Double> c : e.cpuMsPerView().entrySet()) {
                cpu.append(String.format(Locale.ROOT, " %s %.3f;", c.getKey(), c.getValue()));
                sum += c.getValue();
            }
            cpu.append(String.format(Locale.ROOT, " together %.3f.", sum));
            sb.append('\n').append(TextTable.wrap(cpu.toString(), width, ""));
        }
        if (e.closed() != null) {
            closed(sb, e.closed(), width);
        }
        return sb.toString();
    }

    /** A resource's short name: "app1 CPU (2 cores)", "gunicorn workers (5)". */
    private static String name(OperationalAnalysis.Row r) {
        return ResourceNames.of(r.service(), r.resource(), r.capacity());
    }

    private static void closed(StringBuilder sb, Explanation.Closed c, int width) {
        sb.append('\n').append(TextTable.wrap(String.format(Locale.ROOT, "Closed workload: %d users thinking %.3g s "
                + "on average. Exact MVA on the demands above:", c.users(), c.thinkSeconds()), width, ""));
        sb.append(String.format(Locale.ROOT, "%n%8s %16s %16s%n", "users", "views/s (MVA)", "response ms (MVA)"));
        for (Explanation.Step s : c.curve()) {
            sb.append(String.format(Locale.ROOT, "%8d %16.1f %16.1f%n", s.users(), s.throughputPerS(), s.responseMs()));
        }
        sb.append('\n').append(TextTable.wrap(String.format(Locale.ROOT, "Simulated at %d users: %.1f views/s, mean "
                + "page-view time %.1f ms (MVA leaves out network delays and pools that run out; a page view's parallel "
                + "requests count as one at a time; each CPU is as many servers as it has cores).",
                c.users(), c.simulatedPerS(), c.simulatedMs()), width, ""));
    }
}
