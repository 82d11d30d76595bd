package io.stagesim.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A hang and a noisy neighbour on one host, traced by hand: each is its own factor on the host's CPU.
 * One user thinking 1 s sends one request of 4 s of CPU on a one-core host, no network delay; it is
 * the run's only completed request (the next one, sent 1 s after, is still running at 12 s).
 */
final class HangWithNeighbourTest {

    private static final long S = 1_000_000_000L;

    private static ReplicationResult run(String faults) throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("hang.yaml", """
                name: hang
                run: {duration: 12s, warmup: 0s, replications: 1, seed: 1}
                hosts:
                  web: {cores: 1}
                services:
                  browser: {type: browser, users: 1, think: 1s, rtt: 0s, target: app, timeout: 300s}
                  app: {type: app_server, host: web, workers: 1}
                requests:
                  page:
                    view: {cpu: 4s}
                faults:
                %s
                """.formatted(faults), Path.of(".")), 0);
    }

    // The neighbour takes half the CPU from 0 s; the host hangs from 3 to 4 s. The request, sent at
    // 1 s, does 1 s of work by 3 s, none during the hang, and its other 3 s at half speed after it:
    // done at 10 s, 9 s after it was sent (the end of the hang used to give the whole CPU back: 6 s).
    @Test
    void aHangsEnd_leavesTheNeighboursStealInPlace() throws ScenarioException {
        ReplicationResult r = run("""
                  - {type: noisy_neighbour, target: web, at: 0s, for: 30s, steal: 50%}
                  - {type: host_hang, target: web, at: 3s, for: 1s}
                """);
        assertEquals(1, r.all().completed());
        assertEquals(9 * S, r.all().latency().max(), 0);
    }

    // The host hangs from 3 to 5 s; a neighbour taking half the CPU arrives at 4 s, during the hang.
    // The request does 2 s of work by 3 s, none until 5 s, and its other 2 s at half speed: done at 9 s,
    // 8 s after it was sent (the neighbour's arrival used to wake the hung host at half speed, and the
    // hang's end to give it the whole CPU: 5.5 s).
    @Test
    void aNeighbourArrivingDuringAHang_doesNotWakeTheHost() throws ScenarioException {
        ReplicationResult r = run("""
                  - {type: host_hang, target: web, at: 3s, for: 2s}
                  - {type: noisy_neighbour, target: web, at: 4s, for: 30s, steal: 50%}
                """);
        assertEquals(1, r.all().completed());
        assertEquals(8 * S, r.all().latency().max(), 0);
    }
}
