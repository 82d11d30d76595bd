package io.stagesim.run;

import io.stagesim.assembly.ModelBuilder;
import io.stagesim.assembly.WebModel;
import io.stagesim.model.PoolResult;
import io.stagesim.model.PsHost;
import io.stagesim.model.StationResult;
import io.stagesim.nodes.ClassStats;
import io.stagesim.nodes.ErrorKind;
import io.stagesim.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a scenario: each replication built, run and measured; the whole set summarised. */
public final class ScenarioRun {

    private ScenarioRun() {
    }

    /** Runs every replication of {@code scenario} on up to {@code threads} threads. */
    public static ScenarioResult run(Scenario scenario, int threads, ReplicationRunner.Progress progress) {
        List<ReplicationResult> reps = ReplicationRunner.run(scenario.run().replications(), threads,
                i -> replication(scenario, i), progress);
        return ScenarioResult.of(scenario, reps);
    }

    /** Builds, runs and measures replication {@code index}. */
    public static ReplicationResult replication(Scenario scenario, int index) {
        WebModel m = ModelBuilder.build(scenario, scenario.run().seed(), index);
        long end = scenario.run().duration();
        m.simulation().run(end);
        var windows = m.simulation().windows();
        int from = windows.firstWindowFrom(scenario.run().warmup());
        long measured = end - windows.start(from);
        double seconds = measured / 1e9;

        List<ReplicationResult.ClassRow> classes = new ArrayList<>();
        for (ClassStats c : m.classStats()) {
            Map<String, Long> errors = new LinkedHashMap<>();
            for (ErrorKind k : ErrorKind.values()) {
                errors.put(k.key(), c.errors[k.ordinal()].sum(from));
            }
            classes.add(new ReplicationResult.ClassRow(c.name, c.offered.sum(from), c.completed.sum(from), errors,
                    c.wastedCpu / 1e9, c.latency.summarize(from)));
        }
        List<ReplicationResult.HostRow> hosts = new ArrayList<>();
        for (Map.Entry<String, PsHost> e : m.hostCpus().entrySet()) {
            StationResult r = e.getValue().result(from, measured);
            hosts.add(new ReplicationResult.HostRow(e.getKey(), r.servers(), r.utilization(), r.meanInside()));
        }
        List<ReplicationResult.ResourceRow> resources = new ArrayList<>();
        for (WebModel.LabelledPool p : m.pools()) {
            PoolResult r = p.pool().result(from);
            resources.add(new ReplicationResult.ResourceRow(p.service(), p.resource(), "pool", r.units(),
                    r.utilization(), r.meanInUse(), r.meanWaiting(), r.waitTime(), r.requests(), r.rejections(),
                    r.timeouts()));
        }
        for (WebModel.LabelledStation st : m.stations()) {
            StationResult r = st.station().result(from, measured);
            resources.add(new ReplicationResult.ResourceRow(st.owner(), st.resource(), "station", r.servers(),
                    r.servers() > 0 ? r.utilization() : Double.NaN, r.meanInside(), 0, r.waiting(), r.arrivals(),
                    r.rejections(), 0));
        }
        List<ReplicationResult.TaskRow> tasks = new ArrayList<>();
        for (WebModel.TaskStats t : m.tasks()) {
            tasks.add(new ReplicationResult.TaskRow(t.service(), t.enqueued().sum(from), t.completed().sum(from),
                    t.failed().sum(from), t.latency().summarize(from)));
        }
        return new ReplicationResult(seconds, classes, hosts, resources, tasks, m.simulation().engine().eventCount());
    }
}
