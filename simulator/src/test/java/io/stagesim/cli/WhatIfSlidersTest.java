package io.stagesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.scenario.LoadBalancerSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The what-if page's sliders: for every shipped stage, each slider's {@code --set} at its lowest and
 * highest value loads as a valid scenario and puts that value there; a stage offers only what it has
 * (no workers without an app server, app servers in rotation only behind a balancer, a cache's hit
 * ratio only where a view calls a cache), and the value a slider starts at is the stage's own.
 */
final class WhatIfSlidersTest {

    private static List<Path> stages() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "scenarios"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("stage-")).sorted().toList();
        }
    }

    @Test
    void everySlider_atBothEnds_loadsAndSetsItsValue() throws Exception {
        int checked = 0;
        int refused = 0;
        for (Path f : stages()) {
            WhatIf.Stage st = ServeCommand.stages(List.of(f)).get(0);
            for (WhatIf.Slider sl : st.sliders()) {
                assertTrue(sl.min() <= sl.value() && sl.value() <= sl.max(), f + " " + sl);
                for (double v : new double[] {sl.min(), sl.max()}) {
                    String setting = sl.setting(v, st.scenario());
                    Scenario s;
                    try {
                        s = ScenarioLoader.load(f, List.of(setting));
                    } catch (ScenarioException e) {
                        // 16 workers may not fit the host's memory: a located refusal the page shows (400)
                        assertTrue(e.getMessage().contains("MiB over") && v == sl.max(), setting + ": " + e.getMessage());
                        refused++;
                        continue;
                    }
                    if (sl.key().endsWith(".backends")) {
                        LoadBalancerSpec lb = (LoadBalancerSpec) s.services().get(sl.key().split("\\.")[1]);
                        assertEquals((int) v, lb.backends().size(), setting);
                    } else {
                        assertEquals(WhatIf.number(v) + sl.unit(), ScenarioLoader.value(f, List.of(setting), sl.key()),
                                setting);
                    }
                    checked++;
                }
            }
        }
        System.out.println("slider ends loaded: " + checked + ", refused for memory: " + refused);
        assertTrue(checked >= 60 && refused <= 4, "sliders checked at both ends: " + checked + ", refused " + refused);
    }

    @Test
    void aStage_offersOnlyWhatItHas() throws Exception {
        WhatIf.Stage one = ServeCommand.stages(List.of(Path.of("..", "scenarios", "stage-1-runserver.yaml"))).get(0);
        assertFalse(one.sliders().stream().anyMatch(s -> s.key().endsWith(".workers")),
                "runserver has no workers to set: " + one.sliders());
        assertEquals(10, one.rate(), "stage 1's 10 page views/s");

        WhatIf.Stage seven = ServeCommand.stages(List.of(Path.of("..", "scenarios", "stage-7-load-balancer.yaml")))
                .get(0);
        WhatIf.Slider rotation = seven.slider("services.balancer.backends");
        assertEquals(3, rotation.max());
        assertEquals(3, rotation.value());
        assertEquals("services.balancer.backends=[gunicorn, gunicorn2]", rotation.setting(2, seven.scenario()));
        assertEquals(5, seven.slider("services.gunicorn3.workers").value(), "stage 7's 5 workers on app3");
        assertEquals(120, seven.rate());

        WhatIf.Stage cache = ServeCommand.stages(List.of(Path.of("..", "scenarios", "cache-on-host.yaml"))).get(0);
        WhatIf.Slider hit = cache.slider("requests.page.view.calls.0.hit_ratio");
        assertEquals(80, hit.value(), "the file's 80%");
        assertEquals("requests.page.view.calls.0.hit_ratio=35%", hit.setting(35, cache.scenario()));
        assertTrue(seven.slider("requests.page.view.calls.0.hit_ratio") == null, "stage 7 calls no cache");
    }
}
