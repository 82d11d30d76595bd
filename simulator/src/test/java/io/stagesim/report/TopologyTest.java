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

/** The topology picture's structure: arrows that do not read as passing through, the GIL on its host. */
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
}
