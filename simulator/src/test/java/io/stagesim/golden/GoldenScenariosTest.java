package io.stagesim.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioLoader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped scenario, run with its faults (replication 0, the file's own duration and seed),
 * against an approved summary in {@code src/test/resources/golden/} (its books checked by
 * {@link Conservation} as well): a change anywhere in the model that moves a figure shows up here
 * as a failing test and, once approved, as a reviewed diff of the golden file.
 * {@code -Dgolden.update=true} rewrites the files instead of comparing; the docs quote their
 * figures from these files (see {@code DocsFiguresTest}).
 */
final class GoldenScenariosTest {

    /** Where the approved summaries live, relative to the simulator module. */
    public static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

    static Stream<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(Path.of("..", "scenarios"))) {
            return s.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getParent().getFileName().toString().equals("prices")) // price books
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void shippedScenario_matchesItsGoldenSummary(Path file) throws Exception {
        Scenario s = ScenarioLoader.load(file);
        String text = summary(s, Conservation.replication(s, 0)); // its books checked as well
        Path golden = GOLDEN.resolve(s.name() + ".json");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, text, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(golden), "no golden summary for " + file + ": run with -Dgolden.update=true, "
                + "review the new file and commit it");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), text, file + " moved from its golden summary "
                + golden + ": if the change is intended, rerun with -Dgolden.update=true and review the diff");
    }

    /** The figures a review would look at, to six significant digits, as indented JSON. */
    static String summary(Scenario s, ReplicationResult r) throws IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("scenario", s.name());
        root.put("measured_s", round(r.measuredSeconds()));
        root.put("events", r.events());
        root.put("stopped_because", r.stoppedBecause());
        ObjectNode classes = root.putObject("requests");
        for (ReplicationResult.ClassRow c : Stream.concat(r.classes().stream(), Stream.of(r.all())).toList()) {
            ObjectNode n = classes.putObject(c.name());
            n.put("offered", c.offered());
            n.put("completed", c.completed());
            n.put("failed", c.failed());
            ObjectNode errors = n.putObject("errors");
            for (Map.Entry<String, Long> e : c.errors().entrySet()) {
                if (e.getValue() != 0) {
                    errors.put(e.getKey(), e.getValue());
                }
            }
            n.put("unfinished", c.unfinished());
            n.put("open_at_start", c.openAtStart());
            n.put("mean_ms", round(c.latency().mean() / 1e6));
            n.put("p50_ms", round(c.latency().p50() / 1e6));
            n.put("p95_ms", round(c.latency().p95() / 1e6));
            n.put("p99_ms", round(c.latency().p99() / 1e6));
            n.put("wasted_cpu_s", round(c.wastedCpuSeconds()));
        }
        ObjectNode hosts = root.putObject("hosts");
        for (ReplicationResult.HostRow h : r.hosts()) {
            hosts.put(h.name(), round(h.cpuUtilization()));
        }
        for (ReplicationResult.HostRow h : r.hosts()) {
            if (h.credits() != null) {
                ObjectNode n = root.with("credits").putObject(h.name());
                n.put("ran_out_at_s", round(h.credits().ranOutAtS()));
                n.put("throttled_s", round(h.credits().throttledS()));
                n.put("surplus_vcpu_hours", round(h.credits().surplusVcpuHours()));
                n.put("surplus_cost", round(h.credits().surplusCost()));
                n.put("end_credits", round(h.credits().endCredits()));
            }
        }
        ObjectNode resources = root.putObject("resources");
        for (ReplicationResult.ResourceRow x : r.resources()) {
            ObjectNode n = resources.putObject(x.service() + ": " + x.resource());
            n.put("utilization", round(x.utilization()));
            n.put("mean_in_use", round(x.meanInUse()));
            n.put("requests", x.requests());
            n.put("rejected", x.rejected());
            n.put("timed_out", x.timedOut());
        }
        ObjectNode counters = root.putObject("counters");
        for (ReplicationResult.CounterRow c : r.counters()) {
            counters.put(c.service() + " " + c.what(), c.count());
        }
        ObjectNode faults = root.putObject("faults");
        for (ReplicationResult.FaultRow f : r.faults()) {
            ObjectNode n = faults.putObject(f.fault());
            n.put("happened", f.happened());
            n.put("offered", f.offered());
            n.put("completed", f.completed());
            n.put("failed", f.failed());
            n.put("good", round(f.good()));
            n.put("p99_ms", round(f.p99()));
            n.put("data_lost", f.dataLost());
            n.put("detect_s", round(f.detectS()));
            n.put("recover_s", round(f.recoverS()));
            n.put("wasted_cpu_s", round(f.wastedCpuS()));
            n.put("lasted_s", round(f.lastedS()));
        }
        ObjectNode levels = root.putObject("levels");
        for (ReplicationResult.LevelRow l : r.levels()) {
            levels.put(l.service() + " " + l.what() + " mean", round(l.mean()));
            levels.put(l.service() + " " + l.what() + " max", round(l.max()));
        }
        root.put("cost_per_hour", round(r.costPerHour()));
        root.put("cost_per_million_views", round(io.stagesim.run.Bill.perMillion(r.costPerHour(), r.all().completed(),
                r.measuredSeconds())));
        ObjectNode bill = root.putObject("bill");
        java.util.Map<String, Double> groups = new java.util.LinkedHashMap<>();
        io.stagesim.run.Bill.CATEGORIES.forEach(c -> groups.put(c, 0.0));
        for (io.stagesim.run.Bill.Line l : r.bill()) {
            ObjectNode n = bill.putObject(l.item());
            n.put("quantity", round(l.quantity()));
            n.put("unit", l.unit());
            n.put("per_hour", round(l.perHour()));
            groups.merge(l.category(), l.perHour(), Double::sum);
        }
        ObjectNode byGroup = root.putObject("bill_by_group");
        groups.forEach((g, v) -> byGroup.put(g, round(v)));
        return m.writeValueAsString(root) + "\n";
    }

    /** Six significant digits, as text for NaN and infinities (JSON has no number for them). */
    static String round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
