package io.stagesim.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagesim.run.Estimate;
import io.stagesim.run.ScenarioResult;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link ScenarioResult} as {@code results.json}: every figure as {@code {"mean": …,
 * "ci95": …}}, keys in snake_case, in a fixed order, so the same results give the same bytes.
 * The README documents every field.
 */
public final class JsonReporter {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReporter() {
    }

    /** The JSON text of {@code r}. */
    public static String toJson(ScenarioResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("scenario", r.scenario());
        root.put("description", r.description());
        root.put("seed", r.seed());
        root.put("replications", r.replications());
        root.put("duration_s", r.durationS());
        root.put("warmup_s", r.warmupS());
        root.put("warmup_mode", r.warmupMode());
        root.put("measured_s", r.measuredS());
        root.put("events", r.events());
        root.put("partial", r.isPartial());
        root.put("replications_stopped_early", r.stoppedEarly());
        ArrayNode why = root.putArray("stopped_early");
        r.partial().forEach(why::add);
        ObjectNode requests = root.putObject("requests");
        List<ScenarioResult.ClassResult> rows = new ArrayList<>(r.requests());
        rows.add(r.all());
        for (ScenarioResult.ClassResult c : rows) {
            ObjectNode n = requests.putObject(c.name());
            put(n, "offered", c.offered());
            put(n, "completed", c.completed());
            put(n, "unfinished", c.unfinished());
            put(n, "open_at_start", c.openAtStart());
            n.put("oldest_unfinished_s", c.oldestUnfinishedS());
            ObjectNode errors = n.putObject("errors");
            for (Map.Entry<String, Estimate> e : c.errors().entrySet()) {
                put(errors, e.getKey(), e.getValue());
            }
            put(n, "offered_per_s", c.offeredPerS());
            put(n, "throughput_per_s", c.throughputPerS());
            put(n, "error_rate", c.errorRate());
            put(n, "not_served_rate", c.notServedRate());
            latency(n.putObject("latency_ms"), c.latencyMs());
            put(n, "wasted_cpu_s", c.wastedCpuS());
        }
        ArrayNode resources = root.putArray("resources");
        for (ScenarioResult.ResourceResult x : r.resources()) {
            ObjectNode n = resources.addObject();
            n.put("service", x.service());
            n.put("resource", x.resource());
            n.put("kind", x.kind());
            n.put("capacity", x.capacity());
            put(n, "utilization", x.utilization());
            put(n, "mean_in_use", x.meanInUse());
            put(n, "mean_queue_length", x.meanQueueLength());
            put(n, "mean_wait_ms", x.meanWaitMs());
            put(n, "p99_wait_ms", x.p99WaitMs());
            put(n, "requests", x.requests());
            put(n, "rejected", x.rejected());
            put(n, "timed_out", x.timedOut());
        }
        ObjectNode hosts = root.putObject("hosts");
        for (ScenarioResult.HostResult h : r.hosts()) {
            ObjectNode n = hosts.putObject(h.name());
            n.put("cores", h.cores());
            put(n, "cpu_utilization", h.cpuUtilization());
        }
        ObjectNode tasks = root.putObject("task_queues");
        for (ScenarioResult.TaskResult t : r.tasks()) {
            ObjectNode n = tasks.putObject(t.service());
            put(n, "enqueued", t.enqueued());
            put(n, "completed", t.completed());
            put(n, "failed", t.failed());
            latency(n.putObject("latency_ms"), t.latencyMs());
        }
        ArrayNode faults = root.putArray("faults");
        for (ScenarioResult.FaultResult f : r.faults()) {
            ObjectNode n = faults.addObject();
            n.put("fault", f.fault());
            put(n, "offered", f.offered());
            put(n, "availability", f.availability());
            put(n, "goodput", f.goodput());
            put(n, "p99_ms", f.p99Ms());
            put(n, "data_lost_writes", f.dataLost());
            put(n, "detect_s", f.detectS());
            put(n, "recover_s", f.recoverS());
            put(n, "failed", f.failed());
            put(n, "unfinished", f.unfinished());
            put(n, "wasted_cpu_s", f.wastedCpuS());
            put(n, "happened", f.happened());
            put(n, "lasted_s", f.lastedS());
            ObjectNode causes = n.putObject("errors");
            for (var e : f.errors().entrySet()) {
                if (e.getValue().mean() > 0) {
                    put(causes, e.getKey(), e.getValue());
                }
            }
        }
        ObjectNode counters = root.putObject("counters");
        for (ScenarioResult.CounterResult c : r.counters()) {
            put(counters.has(c.service()) ? (ObjectNode) counters.get(c.service()) : counters.putObject(c.service()),
                    c.what(), c.count());
        }
        ObjectNode levels = root.putObject("levels");
        for (ScenarioResult.LevelResult l : r.levels()) {
            ObjectNode n = (levels.has(l.service()) ? (ObjectNode) levels.get(l.service()) : levels.putObject(l.service()))
                    .putObject(l.what());
            put(n, "mean", l.mean());
            put(n, "max", l.max());
        }
        put(root, "cost_per_hour", r.costPerHour());
        ObjectNode b = root.putObject("bottleneck");
        b.put("service", r.bottleneck().service());
        b.put("resource", r.bottleneck().resource());
        b.put("utilization", r.bottleneck().utilization());
        b.put("explanation", r.bottleneck().explanation());
        try {
            StringWriter w = new StringWriter();
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
            try (JsonGenerator g = MAPPER.getFactory().createGenerator(w)) {
                g.setPrettyPrinter(pp);
                MAPPER.writeTree(g, root);
            }
            return w.toString() + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static void latency(ObjectNode n, ScenarioResult.Latency l) {
        put(n, "mean", l.mean());
        put(n, "p50", l.p50());
        put(n, "p75", l.p75());
        put(n, "p90", l.p90());
        put(n, "p95", l.p95());
        put(n, "p99", l.p99());
        put(n, "p999", l.p999());
        put(n, "max", l.max());
    }

    private static void put(ObjectNode parent, String key, Estimate e) {
        ObjectNode n = parent.putObject(key);
        number(n, "mean", e.mean());
        number(n, "ci95", e.ci95());
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(key);
        } else {
            n.put(key, v);
        }
    }
}
