package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NGINX's passive health checks are per worker process unless the upstream has a zone: each
 * worker finds a dead backend on its own, and each probes it again once per fail_timeout
 * (calibration A.10: "one probe request per worker per 10 s hits the dead backend"). Stage 7 loses
 * app1 from 60 s to 120 s: every worker's first attempt after the crash fails (a reset of work
 * under way, or a refused connection), then one probe at each of ~70, 80, 90, 100 and 110 s: six
 * passed-on requests per worker, plus any further requests under way on app1 at the crash: at most
 * its 5 sync workers' 5 (its backlog empty at a quarter of its capacity), one of which is a worker's
 * first failed attempt, so at most 4 more.
 */
final class PassiveHealthTest {

    @TempDir
    Path dir;

    private long[] retries(String balancer) throws Exception {
        Path f = dir.resolve("w.yaml");
        Files.writeString(f, "extends: " + Path.of("..", "scenarios", "failures", "crash-app-stage-7.yaml").toAbsolutePath()
                + "\nrun: {replications: 4}\nservices:\n  balancer: " + balancer + "\n");
        Scenario s = ScenarioLoader.load(f);
        long[] out = new long[4];
        for (int i = 0; i < 4; i++) {
            ReplicationResult r = Conservation.replication(s, i);
            out[i] = r.counters().stream().filter(c -> c.what().equals("passive_retries")).findFirst().orElseThrow()
                    .count();
            long writes = r.counters().stream().filter(c -> c.what().equals("writes_not_passed_on")).findFirst()
                    .orElseThrow().count();
            assertEquals(writes, r.all().errors().values().stream().mapToLong(Long::longValue).sum(),
                    "only the writes under way fail");
            out[i] += writes; // a failed attempt too, only not passed on
        }
        return out;
    }

    @Test
    void eachWorkerFindsTheDeadBackendOnItsOwn() throws Exception {
        long[] one = retries("{workers: 1}");
        long[] four = retries("{workers: 4}");
        long[] zone = retries("{workers: 4, zone: true}");
        for (int i = 0; i < 4; i++) {
            String line = "replication " + i + ": 1 worker " + one[i] + ", 4 workers " + four[i] + ", 4 with a zone "
                    + zone[i];
            System.out.println(line);
            assertTrue(one[i] >= 6 && one[i] <= 6 + 4, line);
            assertTrue(four[i] >= 24 && four[i] <= 24 + 4, line);
            assertEquals(one[i], zone[i], "a zone shares one view: " + line);
        }
    }
}
