package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.Estimate;
import io.stagesim.run.ScenarioResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped memory stories: a neighbour taking 3.5 GiB of a 4 GiB web server for a minute (60 to
 * 120 s), against the same files without it and against each other (same seeds). Without swap, on
 * stage 3 the OOM killer kills PostgreSQL (1,256 MiB, the largest process) and then two of Gunicorn's
 * 150 MiB workers; each is killed again as it comes back while the neighbour stays, so the kills are
 * exact in every replication: PostgreSQL at 60, 65 … 115 s (its 5 s restart), 12; each worker at 60,
 * 62 … 118 s (its 2 s boot), 30 each. With 4 GiB of swap nothing is killed and the server runs at half
 * speed. On stage 5 (PostgreSQL on its own host) only the two workers are killed.
 */
final class MemoryPressureStoryTest {

    private static Scenario load(String name) throws ScenarioException {
        return ScenarioLoader.load(Path.of("..", "scenarios", "failures", name));
    }

    private static Estimate kills(ScenarioResult r, String service) {
        return r.counters().stream().filter(c -> c.service().equals(service) && c.what().equals("oom_kills"))
                .findFirst().orElseThrow().count();
    }

    @Test
    void withoutSwap_theOomKillerTakesPostgres_andTheSiteIsDown_whileWithSwapItIsSlower() throws ScenarioException {
        Scenario pressure = load("memory-pressure-stage-3.yaml");
        ScenarioResult killed = Conservation.run(pressure, 2);
        ScenarioResult without = Conservation.run(pressure.withFaults(List.of()), 2);
        ScenarioResult swapped = Conservation.run(load("memory-swap-stage-3.yaml"), 2);
        ScenarioResult.FaultResult k = killed.faults().get(0);
        ScenarioResult.FaultResult s = swapped.faults().get(0);
        String line = String.format("no swap: availability %s, kills db %s gunicorn %s; swap: availability %s, "
                + "p99 %s ms; without the neighbour: p99 %s ms", k.availability(), kills(killed, "db"),
                kills(killed, "gunicorn"), s.availability(), s.p99Ms(), without.all().latencyMs().p99());
        System.out.println(line);
        assertEquals(12, kills(killed, "db").mean(), 0, line);
        assertEquals(0, kills(killed, "db").ci95(), 0, line);
        assertEquals(60, kills(killed, "gunicorn").mean(), 0, line);
        assertEquals(0, kills(killed, "gunicorn").ci95(), 0, line);
        assertTrue(k.availability().mean() < 0.02, line);
        assertEquals(0, without.all().errorRate().mean(), 0, line);
        assertEquals(0, kills(swapped, "db").mean(), 0, line);
        assertEquals(0, kills(swapped, "gunicorn").mean(), 0, line);
        assertEquals(0, s.failed().mean(), 0, line);
        Estimate base = without.all().latencyMs().p99();
        assertTrue(s.p99Ms().mean() - s.p99Ms().ci95() > base.mean() + base.ci95(), "swapping is slower: " + line);
    }

    @Test
    void withPostgresOnItsOwnHost_onlyTwoWorkersAreKilled() throws ScenarioException {
        ScenarioResult r = Conservation.run(load("memory-pressure-stage-5.yaml"), 2);
        ScenarioResult.FaultResult f = r.faults().get(0);
        String line = "availability " + f.availability() + ", kills " + kills(r, "gunicorn");
        System.out.println(line);
        assertEquals(60, kills(r, "gunicorn").mean(), 0, line);
        assertEquals(0, kills(r, "gunicorn").ci95(), 0, line);
        assertTrue(f.availability().mean() > 0.999, line);
    }
}
