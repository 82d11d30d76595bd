package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --set KEY=VALUE}: settings put into a scenario as if its file said them. */
final class SettingsTest {

    private static final Path STAGE_2 = Path.of("..", "scenarios", "stage-2-gunicorn.yaml");

    private static Scenario load(String... settings) throws ScenarioException {
        return ScenarioLoader.load(STAGE_2, List.of(settings));
    }

    private static String problems(String... settings) {
        return assertThrows(ScenarioException.class, () -> load(settings)).getMessage();
    }

    @Test
    void settingsChangeTheScenarioAndAreRecorded() throws Exception {
        Scenario s = load("services.gunicorn.workers=9", "hosts.web.cores=4", "requests.page.share=60%",
                "requests.api.share=35%", "requests.page.view.calls.0.times=3");
        assertEquals(9, ((AppServerSpec) s.services().get("gunicorn")).workers());
        assertEquals(4, s.hosts().get("web").cores());
        assertEquals(0.60, s.requests().get("page").share(), 1e-12);
        assertEquals(3, s.requests().get("page").view().calls().get(0).times());
        assertEquals(List.of("services.gunicorn.workers=9", "hosts.web.cores=4", "requests.page.share=60%",
                "requests.api.share=35%", "requests.page.view.calls.0.times=3"), s.overrides());
        assertEquals(List.of(), ScenarioLoader.load(STAGE_2).overrides());
    }

    // null removes a key, as in extends: an open workload becomes a closed one.
    @Test
    void nullRemovesAKey() throws Exception {
        Scenario s = load("services.browser.rate=null", "services.browser.users=50");
        assertInstanceOf(WorkloadSpec.Closed.class, s.browser().workload());
    }

    @Test
    void aMistypedKeyIsLocatedAtTheSettingWithTheNearestName() {
        String m = problems("services.gunicorn.workrs=9");
        assertTrue(m.contains("--set services.gunicorn.workrs=9: services.gunicorn.workrs: unknown key (did you mean "
                + "'workers'?)"), m);
        m = problems("services.gunicron.workers=9");
        assertTrue(m.contains("--set services.gunicron.workers=9: services: no 'gunicron' in services (did you mean "
                + "'gunicorn'?)"), m);
        m = problems("sevices.gunicorn.workers=9");
        assertTrue(m.contains("no 'sevices' section (did you mean 'services'?)"), m);
    }

    @Test
    void badValuesAndPathsAreLocatedAtTheSetting() {
        String m = problems("hosts.web.cores=four");
        assertTrue(m.contains("--set hosts.web.cores=four: hosts.web.cores:"), m);
        m = problems("requests.page.view.calls.7.times=3");
        assertTrue(m.contains("'requests.page.view.calls' is a list of 1 items: give an index from 0 to 0 in place "
                + "of '7'"), m);
        m = problems("services.gunicorn.workers.max=3");
        assertTrue(m.contains("'services.gunicorn.workers' is a single value ('5'), so it has no 'max'"), m);
        m = problems("workers");
        assertTrue(m.contains("--set workers: expected KEY=VALUE"), m);
        m = problems("requests.page.share=60%");
        assertTrue(m.contains("the shares add up to 90%"), m);
    }
}
