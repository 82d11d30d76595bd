package io.stagesim;

import io.stagesim.assembly.WebModel;
import io.stagesim.model.Pool;
import io.stagesim.model.PsHost;
import io.stagesim.model.Station;
import io.stagesim.nodes.Node;
import io.stagesim.run.ReplicationResult;
import io.stagesim.run.ReplicationRunner;
import io.stagesim.run.ScenarioResult;
import io.stagesim.run.ScenarioRun;
import io.stagesim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The books every run must balance, checked when it ends: what came in is what went out plus what
 * is still inside, at every node, station and pool of the model, for every request class, and for
 * every fault's page views; and no resource is busy more than all the time. A violation fails with
 * the place and the numbers. Tests run their scenarios through {@link #replication} (or hand each
 * finished replication to {@link #check(ReplicationResult)}), so a model change that loses or
 * invents a request fails wherever a scenario runs, not only where a test looks for it.
 */
public final class Conservation {

    /** Rounding allowed on time-averages (a utilisation is a sum of many products). */
    private static final double EPS = 1e-9;

    private Conservation() {
    }

    /**
     * Replication {@code index} of {@code s}, as {@link ScenarioRun#replication(Scenario, int)} runs
     * it, its model's books and its results' checked.
     */
    public static ReplicationResult replication(Scenario s, int index) {
        long wall = s.run().maxWallMillis();
        long deadline = wall > 0 ? System.nanoTime() + wall * 1_000_000 : Long.MAX_VALUE;
        ReplicationResult r = ScenarioRun.replication(s, index, deadline, Conservation::check);
        check(r);
        return r;
    }

    /** Every replication of {@code s} on up to {@code threads} threads, each one's results checked */
    public static ScenarioResult run(Scenario s, int threads) {
        return ScenarioRun.run(s, threads, ReplicationRunner.Progress.none(), (r, i) -> check(r));
    }

    /**
     * The model at the end of a run: at every service node, requests in = requests out + frames
     * still on it; at every station (host CPUs included), arrivals = completions + rejections +
     * inside, and a CPU's heap holds exactly the jobs it counts inside; at every pool, requests =
     * grants + rejections + timeouts + waiting, with 0 to all units free.
     */
    public static void check(WebModel m) {
        List<String> broken = new ArrayList<>();
        for (Map.Entry<String, Node> e : m.nodes().entrySet()) {
            Node n = e.getValue();
            long inside = m.framesAt(n);
            if (n.requestsIn() != n.requestsOut() + inside) {
                broken.add("node " + e.getKey() + ": requests in " + n.requestsIn() + " != out " + n.requestsOut()
                        + " + inside " + inside);
            }
        }
        for (Map.Entry<String, PsHost> e : m.hostCpus().entrySet()) {
            station("host " + e.getKey() + " CPU", e.getValue(), broken);
        }
        for (WebModel.LabelledStation st : m.stations()) {
            station(st.owner() + " " + st.resource(), st.station(), broken);
        }
        for (WebModel.LabelledPool lp : m.pools()) {
            Pool p = lp.pool();
            long accounted = p.totalGrants() + p.totalRejections() + p.totalTimeouts() + p.waiting();
            if (p.totalRequests() != accounted) {
                broken.add("pool " + lp.service() + " " + lp.resource() + ": requests " + p.totalRequests()
                        + " != grants " + p.totalGrants() + " + rejections " + p.totalRejections() + " + timeouts "
                        + p.totalTimeouts() + " + waiting " + p.waiting());
            }
            if (p.free() < 0 || p.free() > p.units()) {
                broken.add("pool " + lp.service() + " " + lp.resource() + ": " + p.free() + " of " + p.units()
                        + " units free");
            }
        }
        fail(broken);
    }

    private static void station(String what, Station s, List<String> broken) {
        long accounted = s.totalCompletions() + s.totalRejections() + s.inside();
        if (s.totalArrivals() != accounted || s.inside() < 0) {
            broken.add(what + ": arrivals " + s.totalArrivals() + " != completions " + s.totalCompletions()
                    + " + rejections " + s.totalRejections() + " + inside " + s.inside());
        }
        if (s instanceof PsHost cpu && cpu.running() != cpu.inside()) {
            broken.add(what + ": " + cpu.running() + " jobs running but " + cpu.inside() + " counted inside");
        }
        int servers = s.servers();
        double busy = s.busyServers().level();
        if (busy < 0 || servers > 0 && busy > servers) {
            broken.add(what + ": " + busy + " servers busy of " + servers);
        }
    }

    /**
     * One replication's results: per request class (and all together), offered + open at the start
     * = completed + failed + unfinished, with one latency per completed page view; per fault,
     * offered = completed + failed + unfinished with its failures by cause adding up; utilisation
     * in [0, 1] at every host and resource; and, where the windows line up with the warm-up, the
     * window-by-window counts of the measured period adding up to its totals.
     */
    public static void check(ReplicationResult r) {
        List<String> broken = new ArrayList<>();
        List<ReplicationResult.ClassRow> rows = new ArrayList<>(r.classes());
        rows.add(r.all());
        for (ReplicationResult.ClassRow c : rows) {
            if (c.offered() + c.openAtStart() != c.completed() + c.failed() + c.unfinished()) {
                broken.add("class " + c.name() + ": offered " + c.offered() + " + open at start " + c.openAtStart()
                        + " != completed " + c.completed() + " + failed " + c.failed() + " + unfinished "
                        + c.unfinished());
            }
            if (c.latency().count() != c.completed()) {
                broken.add("class " + c.name() + ": " + c.latency().count() + " latencies for " + c.completed()
                        + " completed page views");
            }
        }
        long offered = r.classes().stream().mapToLong(ReplicationResult.ClassRow::offered).sum();
        long completed = r.classes().stream().mapToLong(ReplicationResult.ClassRow::completed).sum();
        if (offered != r.all().offered() || completed != r.all().completed()) {
            broken.add("all: offered " + r.all().offered() + ", completed " + r.all().completed()
                    + " but the classes add up to " + offered + " and " + completed);
        }
        for (ReplicationResult.FaultRow f : r.faults()) {
            long causes = f.errors().values().stream().mapToLong(Long::longValue).sum();
            if (f.offered() != f.completed() + f.failed() + f.unfinished() || causes != f.failed()
                    || f.completed() < 0 || f.unfinished() < 0 || f.good() > f.completed() + EPS) {
                broken.add("fault " + f.fault() + ": offered " + f.offered() + " != completed " + f.completed()
                        + " + failed " + f.failed() + " (by cause " + causes + ") + unfinished " + f.unfinished()
                        + ", or good " + f.good() + " above completed");
            }
        }
        for (ReplicationResult.HostRow h : r.hosts()) {
            if (!(h.cpuUtilization() >= 0 && h.cpuUtilization() <= 1 + EPS)) {
                broken.add("host " + h.name() + ": CPU utilisation " + h.cpuUtilization());
            }
        }
        for (ReplicationResult.ResourceRow x : r.resources()) {
            boolean infinite = x.kind().equals("station") && x.capacity() == 0; // a delay: no utilisation
            if (infinite ? !Double.isNaN(x.utilization())
                    : !(x.utilization() >= 0 && x.utilization() <= 1 + EPS)
                            || x.kind().equals("pool") && x.meanInUse() > x.capacity() + EPS) {
                broken.add(x.service() + " " + x.resource() + ": utilisation " + x.utilization() + ", mean in use "
                        + x.meanInUse() + " of " + x.capacity());
            }
        }
        series(r, broken);
        fail(broken);
    }

    /** The measured windows' counts against the measured totals, when the warm-up ends on a window boundary. */
    private static void series(ReplicationResult r, List<String> broken) {
        ReplicationResult.Series s = r.series();
        if (s == null) {
            return;
        }
        double windows = r.warmupSeconds() / s.windowSeconds();
        if (Math.abs(windows - Math.rint(windows)) > 1e-9) {
            return;
        }
        long offered = 0;
        long completed = 0;
        long failed = 0;
        for (int i = 0; i < s.start().length; i++) {
            if (s.start()[i] >= r.warmupSeconds() - 1e-9) {
                offered += s.offered()[i];
                completed += s.completed()[i];
                for (long[] e : s.errors().values()) {
                    failed += e[i];
                }
            }
        }
        if (offered != r.all().offered() || completed != r.all().completed() || failed != r.all().failed()) {
            broken.add("series: the measured windows count " + offered + " offered, " + completed + " completed, "
                    + failed + " failed; the totals " + r.all().offered() + ", " + r.all().completed() + ", "
                    + r.all().failed());
        }
    }

    private static void fail(List<String> broken) {
        if (!broken.isEmpty()) {
            throw new AssertionError("conservation broken:\n  " + String.join("\n  ", broken));
        }
    }
}
