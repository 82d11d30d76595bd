package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.report.ExplainReporter;
import io.stagesim.report.Topology;
import io.stagesim.run.ReplicationResult;
import io.stagesim.run.RequestPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every kind in the registry must do, so that a half-added kind fails here rather than
 * running as something else: it is documented in {@code reference.yaml} (so {@link DefaultsTest}
 * covers its defaults), binds from the keys the reference marks required, answers as its kind, is
 * built into a model, explained and drawn, and a small scenario around it (shaped by its role: a
 * front serves page views, a router passes them to an app server, an edge serves their assets, a
 * called service is called by one) runs with every page view accounted for: offered + open at the
 * start = completed + failed + unfinished, per class.
 */
final class ServiceKindContractTest {

    private static final Path DIR = ReferenceYaml.FILE.toAbsolutePath().getParent();
    private static final String APP = "contract-app";
    private static final Pattern REQUIRED = Pattern.compile("\\brequired\\b");

    @ParameterizedTest
    @EnumSource(ServiceKind.class)
    void everyKind_isDocumentedBindsBuildsAndConservesPageViews(ServiceKind kind) throws ScenarioException {
        ReferenceYaml ref = ReferenceYaml.read();
        Scenario reference = ScenarioLoader.loadText("reference.yaml", ref.text(), DIR);
        String name = reference.services().values().stream().filter(sp -> sp.kind() == kind).map(ServiceSpec::name)
                .findFirst().orElse(null);
        assertNotNull(name, "reference.yaml shows a service of type " + kind.type());

        Map<String, String> minimal = minimal(ref, name);
        ServiceSpec spec = bind(name, flow(minimal), reference.hosts());
        assertSame(kind, spec.kind());
        assertTrue(kind.specClass().isInstance(spec), spec.getClass() + " is not " + kind.specClass());
        assertEquals(name, spec.name());
        assertTrue(spec.memory() >= 0, "memory " + spec.memory());
        if (kind.placement() == ServiceKind.Placement.NONE) {
            assertNull(spec.host(), "a " + kind.type() + " runs on none of our hosts");
        }

        Scenario s = ScenarioLoader.loadText("contract-" + kind.type() + ".yaml",
                scenario(kind, name, spec, minimal, reference), DIR);
        assertFalse(ExplainReporter.paths(RequestPaths.of(s)).isBlank());
        assertTrue(Topology.svg(s, null).contains(">" + kind.type() + "<"), "the topology names the kind");
        ReplicationResult r = Conservation.replication(s, 0);
        for (ReplicationResult.ClassRow c : r.classes()) {
            assertEquals(c.offered() + c.openAtStart(), c.completed() + c.failed() + c.unfinished(),
                    kind.type() + ", class " + c.name() + ": page views conserved");
            assertTrue(c.completed() > 0, kind.type() + ": page views were served");
        }
    }

    /** The keys of service {@code name} in the reference that it marks required, and its type, as written. */
    private static Map<String, String> minimal(ReferenceYaml ref, String name) {
        String prefix = "services." + name + ".";
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        for (ReferenceYaml.Entry e : ref.entries()) {
            boolean child = e.path().startsWith(prefix) && !e.path().substring(prefix.length()).contains(".");
            if (child && (e.key().equals("type") || REQUIRED.matcher(e.comment()).find())) {
                keys.put(e.key(), e.value());
            }
        }
        return keys;
    }

    private static String flow(Map<String, String> keys) {
        return keys.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static ServiceSpec bind(String name, String yaml, Map<String, HostSpec> hosts) {
        Problems problems = new Problems();
        YNode node = YamlReader.read("minimal.yaml", yaml, problems);
        ServiceSpec spec = ServiceBinder.bind(name, node, "services." + name, problems, DIR, hosts);
        assertTrue(problems.isEmpty(), yaml + " binds:\n" + problems.format());
        return spec;
    }

    /** The smallest scenario the kind's role allows, around the service as bound from its minimal keys. */
    private static String scenario(ServiceKind kind, String name, ServiceSpec spec, Map<String, String> minimal,
            Scenario reference) {
        StringBuilder sb = new StringBuilder("name: contract-" + kind.type() + "\n"
                + "run: {duration: 20s, warmup: 2s, replications: 1, seed: 1}\nhosts:\n");
        for (HostSpec h : reference.hosts().values()) {
            sb.append("  ").append(h.name()).append(": {cores: ").append(h.cores()).append(", memory: ")
                    .append(h.memory()).append("B}\n");
        }
        String webHost = reference.hosts().keySet().iterator().next();
        String app = "  " + APP + ": {type: app_server, host: " + webHost + "}\n";
        String call = "";
        String assets = "";
        sb.append("services:\n");
        switch (kind.role()) {
            case CLIENT -> {
                minimal.put("target", APP);
                sb.append("  ").append(name).append(": ").append(flow(minimal)).append('\n').append(app);
            }
            case VIEWS -> sb.append("  browser: {type: browser, rate: 10/s, target: ").append(name).append("}\n")
                    .append("  ").append(name).append(": ").append(flow(minimal)).append('\n');
            case ROUTER -> {
                minimal.put(spec.routes().key(), "[" + APP + "]");
                sb.append("  browser: {type: browser, rate: 10/s, target: ").append(name).append("}\n")
                        .append("  ").append(name).append(": ").append(flow(minimal)).append('\n').append(app);
            }
            case CALLED -> {
                sb.append("  browser: {type: browser, rate: 10/s, target: ").append(APP).append("}\n")
                        .append("  ").append(name).append(": ").append(flow(minimal)).append('\n').append(app);
                if (spec instanceof PoolerSpec pg) { // a pooler needs its database
                    sb.append("  ").append(pg.database()).append(": {type: database, host: ").append(webHost)
                            .append("}\n");
                }
                call = "[" + referenceCall(reference, name) + "]";
            }
            case EDGE -> { // serves the page's assets, from an object store behind it
                minimal.put(spec.routes().key(), "contract-origin");
                sb.append("  browser: {type: browser, rate: 10/s, target: ").append(APP).append(", static_from: ")
                        .append(name).append("}\n  ").append(name).append(": ").append(flow(minimal)).append('\n')
                        .append(app).append("  contract-origin: {type: object_storage}\n");
                assets = ", assets: 4";
            }
        }
        sb.append("requests:\n  page: {view: {cpu: 2ms, calls: ").append(call.isEmpty() ? "[]" : call).append("}")
                .append(assets).append("}\n");
        return sb.toString();
    }

    /** The first call the reference makes to {@code name}, without the calls nested in it (to services not here). */
    private static String referenceCall(Scenario reference, String name) {
        List<CallSpec> all = new ArrayList<>();
        for (RequestSpec r : reference.requests().values()) {
            collect(r.view().calls(), all);
        }
        CallSpec c = all.stream().filter(x -> x.service().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("reference.yaml shows a call to " + name));
        StringBuilder sb = new StringBuilder("{service: " + name + ", times: " + c.times() + ".." + c.timesMax());
        if (c.hitRatio() > 0) {
            sb.append(", hit_ratio: ").append(c.hitRatio());
        }
        if (c.write()) {
            sb.append(", write: true");
        }
        if (c.download() > 0) {
            sb.append(", download: ").append(c.download()).append('B');
        }
        if (c.upload() > 0) {
            sb.append(", upload: ").append(c.upload()).append('B');
        }
        if (c.task() != null) {
            sb.append(", task: {cpu: ").append(Math.max(1, Math.round(c.task().cpu().mean()))).append("ns}");
        }
        return sb.append('}').toString();
    }

    private static void collect(List<CallSpec> calls, List<CallSpec> out) {
        for (CallSpec c : calls) {
            out.add(c);
            collect(c.onMiss(), out);
            if (c.task() != null) {
                collect(c.task().calls(), out);
            }
        }
    }
}
