package io.stagesim.run;

import io.stagesim.analytic.Mva;
import io.stagesim.analytic.MvaResult;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What {@code explain} says about a run of a scenario: the operational analysis of its result
 * (demand per page view at every resource and the throughput each allows), the page views offered
 * per second, and for a closed workload the exact MVA curve beside what was simulated (null for an
 * open workload, or when no service centre was measured), and each service's CPU per page view (ms at
 * reference speed: the work it asked for, its calls' included).
 */
public record Explanation(OperationalAnalysis.Result analysis, double offeredPerS, Closed closed,
        java.util.Map<String, Double> cpuMsPerView) {

    /**
     * A closed workload of {@code users} thinking {@code thinkSeconds} on average: exact Mean Value
     * Analysis (Reiser and Lavenberg) at growing populations, and the simulated throughput (page
     * views/s) and mean page-view time (ms) at the scenario's own.
     */
    public record Closed(int users, double thinkSeconds, List<Step> curve, double simulatedPerS, double simulatedMs) {
    }

    /** MVA's throughput (page views/s) and response time (ms) at {@code users}. */
    public record Step(int users, double throughputPerS, double responseMs) {
    }

    /** The explanation of {@code r}, a run of {@code s}. */
    public static Explanation of(Scenario s, ScenarioResult r) {
        OperationalAnalysis.Result a = OperationalAnalysis.of(r);
        Closed closed = s.browser().workload() instanceof WorkloadSpec.Closed c
                ? closed(a, c.users(), c.think().mean() / 1e9, r.all().throughputPerS().mean(),
                        r.all().latencyMs().mean().mean())
                : null;
        java.util.Map<String, Double> cpu = new java.util.LinkedHashMap<>();
        double completed = r.all().completed().mean();
        for (ScenarioResult.CounterResult c : r.counters()) {
            if (c.what().equals(io.stagesim.nodes.Node.CPU_US) && completed > 0) {
                cpu.put(c.service(), c.count().mean() / 1000 / completed);
            }
        }
        return new Explanation(a, r.all().offeredPerS().mean(), closed, cpu);
    }

    /**
     * MVA on the measured demands of the service centres (CPUs, disks; pools are holding times, not
     * queues), each a multi-server station with as many servers as it has units (a two-core CPU
     * serves two page views at once, each at one core's speed, so one user alone takes the whole
     * demand), with the users' think time: 1 to 10 users, doubling from there, and the scenario's
     * population; null when there is no service centre.
     */
    private static Closed closed(OperationalAnalysis.Result a, int users, double thinkSeconds, double measuredX,
            double measuredRms) {
        // service centres only: a pool's holding time spans the CPUs it waits on, so it is no queue of its own
        List<OperationalAnalysis.Row> centres = a.rows().stream().filter(r -> !r.holding()).toList();
        if (centres.isEmpty()) {
            return null;
        }
        double[] demands = centres.stream().mapToDouble(r -> r.demandMs() / 1000).toArray();
        int[] servers = centres.stream().mapToInt(OperationalAnalysis.Row::capacity).toArray();
        MvaResult mva = Mva.solve(demands, servers, new double[0], thinkSeconds, users);
        TreeSet<Integer> ns = new TreeSet<>();
        for (int n = 1; n <= users; n = n < 10 ? n + 1 : n * 2) {
            ns.add(n);
        }
        ns.add(users);
        List<Step> curve = new ArrayList<>();
        for (int n : ns) {
            curve.add(new Step(n, mva.throughput(n), 1000 * mva.responseTime(n)));
        }
        return new Closed(users, thinkSeconds, List.copyOf(curve), measuredX, measuredRms);
    }
}
