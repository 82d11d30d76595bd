package io.stagesim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code explain}'s MVA on a multi-core host. */
final class ExplanationTest {

    // The case: one user without think time, 13.7 ms of CPU per page view on a two-core
    // host. One request runs on one core, so the page view takes 13.7 ms and one user makes
    // 1/0.0137 = 72.99 page views/s — in the simulation and in MVA. (Treating the two cores as one
    // core twice as fast, as explain did, predicted 146/s and 6.85 ms.) Constant demands, so the
    // only error is a page view cut by the ends of the 20 s window: at most 1 in 1,460.
    @Test
    void oneUserOnTwoCoresTakesTheWholeDemandInMvaAsInTheRun() throws Exception {
        Scenario s = ScenarioLoader.loadText("one-user.yaml", """
                name: one-user
                run: {duration: 20s, warmup: 1s, replications: 1, seed: 1}
                hosts:
                  server: {cores: 2, memory: 1GiB}
                services:
                  browser: {type: browser, users: 1, think: constant(0s), rtt: 0s, target: app}
                  app: {type: app_server, host: server, workers: 2, memory_per_worker: 100MiB}
                requests:
                  page:
                    view: {cpu: constant(13.7ms)}
                """, Path.of("."));
        ScenarioResult r = Conservation.run(s, 1);
        double exact = 1 / 0.0137;
        assertEquals(exact, r.all().throughputPerS().mean(), exact / 1460);
        Explanation.Closed c = Explanation.of(s, r).closed();
        Explanation.Step one = c.curve().get(0);
        assertEquals(1, one.users());
        assertEquals(exact, one.throughputPerS(), exact / 1460);
        assertEquals(13.7, one.responseMs(), 13.7 / 1460);
    }
}
