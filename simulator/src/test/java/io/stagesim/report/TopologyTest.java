package io.stagesim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.ScenarioResult;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The topology picture's structure: arrows that do not read as passing through, the GIL on its host,
 * and every arrow's rate in a label clear of the boxes and of the other labels.
 */
final class TopologyTest {

    private static final Pattern PATH = Pattern.compile("<path d=\"M(\\d+) (\\d+) (?:L|C [^\"]*,) ?(\\d+) (\\d+)\" "
            + "class=\"a\"/>");

    // Stage 6: NGINX calls Gunicorn on the same host, Gunicorn calls the database on another. The
    // first arrow used to end where the second began (Gunicorn's right edge), reading as NGINX ->
    // database; now an arrow between neighbours in a host runs straight down, and no arrow ends
    // where another begins.
    @Test
    void stage6_noArrowEndsWhereAnotherBegins() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("..", "scenarios", "stage-6-object-storage.yaml"));
        String svg = Topology.svg(s, null);
        Set<String> starts = new HashSet<>();
        List<String> ends = new ArrayList<>();
        int vertical = 0;
        Matcher m = PATH.matcher(svg);
        while (m.find()) {
            starts.add(m.group(1) + " " + m.group(2));
            ends.add(m.group(3) + " " + m.group(4));
            if (m.group(0).contains(" L ") && m.group(1).equals(m.group(3))) {
                vertical++;
            }
        }
        assertTrue(ends.size() >= 4, svg);
        for (String e : ends) {
            assertFalse(starts.contains(e), "an arrow ends where another begins, at " + e);
        }
        assertEquals(1, vertical, "NGINX straight down to Gunicorn, its neighbour in the web host");
    }

    // Stage 1: runserver's GIL is one core's worth of Python on a 1-core laptop; the host's line
    // names the GIL's utilisation beside the CPU's, and the service names its busiest resource.
    @Test
    void stage1_hostShowsTheGil_serviceNamesItsBusiestResource() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("..", "scenarios", "stage-1-runserver.yaml"));
        s = s.withRun(s.run().with(20_000_000_000L, 2_000_000_000L, 1, 1));
        ScenarioResult r = Conservation.run(s, 1);
        double gil = r.resources().stream().filter(x -> x.resource().contains("GIL")).findFirst().orElseThrow()
                .utilization().mean();
        String svg = Topology.svg(s, r);
        assertTrue(svg.contains(String.format(Locale.ROOT, " · GIL %.0f%%</text>", 100 * gil)), svg);
        assertTrue(svg.contains("busiest: "), svg);
        assertFalse(svg.contains("busiest resource"), "the busiest resource is named, not left anonymous");
    }

    private static final Pattern RECT = Pattern.compile("<rect x=\"(-?\\d+)\" y=\"(-?\\d+)\" width=\"(\\d+)\" "
            + "height=\"(\\d+)\" rx=\"(\\d+)\"([^>]*)/>");
    private static final Pattern LABEL = Pattern.compile("class=\"rb\"/><text x=\"\\d+\" y=\"\\d+\" "
            + "class=\"r\">([^<]+)</text>");

    // Every edge of the run is an arrow, and each arrow carries its calls per second in a label
    // ("120/s") that overlaps no service's box, no host's title line and no other label, on the
    // shipped stages whose pictures are the busiest: arrows fanning out of a balancer to three app
    // servers and back into one database, services stacked in one host, a task queue, a CDN, a
    // pooler, read replicas, direct uploads. The rectangles are read back from the SVG.
    @ParameterizedTest
    @ValueSource(strings = {"stage-3-nginx.yaml", "stage-4-several-apps.yaml", "stage-6-object-storage.yaml",
        "stage-6c-proxy-host.yaml", "stage-7-load-balancer.yaml", "stage-8-managed-lb.yaml", "tasks-on-host.yaml",
        "tasks-separate.yaml", "cache-service.yaml", "edge/stage-6-cdn.yaml", "connections/stage-7-pgbouncer.yaml",
        "failures/replica-crash-stage-5.yaml", "production/stage-8-managed-lb-production.yaml", "edge/media-upload-direct.yaml"})
    void rateLabels_overlapNoBoxAndNoOtherLabel(String file) throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("..", "scenarios", file));
        s = s.withRun(s.run().with(4_000_000_000L, 0, 1, 1));
        ScenarioResult r = Conservation.run(s, 1);
        String svg = Topology.svg(s, r);
        List<int[]> boxes = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        List<int[]> heads = new ArrayList<>();
        Matcher m = RECT.matcher(svg);
        while (m.find()) {
            int[] b = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4))};
            switch (m.group(5)) {
                case "5" -> boxes.add(b);
                case "3" -> labels.add(b);
                default -> heads.add(new int[] {b[0], b[1], b[2], 30}); // a host: its title line
            }
        }
        int arrows = 0;
        Matcher a = PATH.matcher(svg);
        while (a.find()) {
            arrows++;
        }
        java.util.Map<String, Double> rates = new java.util.HashMap<>();
        r.edges().forEach(e -> rates.put(e.from() + " " + e.to(), e.callsPerS().mean()));
        int expected = 0;
        for (var e : Topology.calls(s).entrySet()) {
            for (String t : e.getValue()) {
                expected += rates.containsKey(e.getKey() + " " + t) && s.services().containsKey(t) ? 1 : 0;
            }
        }
        assertTrue(arrows >= 3 && labels.size() == expected && expected == arrows && expected == r.edges().size(),
                file + ": " + arrows + " arrows, " + labels.size() + " labels, " + expected + " edges drawn with a rate, "
                + r.edges().size() + " edges: " + rates.keySet());
        for (int i = 0; i < labels.size(); i++) {
            int[] l = labels.get(i);
            assertTrue(l[0] >= 0 && l[1] >= 0, file + ": a label off the picture");
            for (int[] b : boxes) {
                assertFalse(overlap(l, b), file + ": label " + java.util.Arrays.toString(l) + " on box "
                        + java.util.Arrays.toString(b));
            }
            for (int[] h : heads) {
                assertFalse(overlap(l, h), file + ": label " + java.util.Arrays.toString(l) + " on a host's title");
            }
            for (int j = i + 1; j < labels.size(); j++) {
                assertFalse(overlap(l, labels.get(j)), file + ": labels " + java.util.Arrays.toString(l) + " and "
                        + java.util.Arrays.toString(labels.get(j)));
            }
        }
        // the texts are the rates of the run
        Matcher t = LABEL.matcher(svg);
        List<String> texts = new ArrayList<>();
        while (t.find()) {
            texts.add(t.group(1));
        }
        assertEquals(labels.size(), texts.size());
        String front = Topology.rateText(rates.get(s.browser().name() + " " + s.browser().target()));
        assertTrue(texts.contains(front), file + ": " + front + " not among " + texts);
    }

    private static boolean overlap(int[] a, int[] b) {
        return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
    }

    // A rate reads at a glance: whole calls from 10/s, tenths below, hundredths below 1/s.
    @Test
    void rateText_isShort() {
        assertEquals("1,234/s", Topology.rateText(1234.4));
        assertEquals("120/s", Topology.rateText(119.6));
        assertEquals("4.5/s", Topology.rateText(4.46));
        assertEquals("0.25/s", Topology.rateText(0.249));
    }
}
