package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.Conservation;
import io.stagesim.run.ReplicationResult;
import io.stagesim.stats.ConfidenceInterval;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What stage 8 pays for dropping NGINX (scenarios/clients/): with 30 % of page views on mobile
 * links, a Gunicorn sync worker behind the managed balancer is held while its client downloads;
 * with a buffering NGINX in front of it, it is free once its view is done. The workers' extra
 * busy time is worked out by hand from the sizes and links the files declare.
 */
final class SlowClientsStoryTest {

    private static final Path DIR = Path.of("..", "scenarios", "clients");
    private static final String[] APPS = {"gunicorn", "gunicorn2", "gunicorn3"};

    /** Mean utilisation of the three app servers' workers in each replication of {@code file}. */
    private static double[] workersBusy(String file) throws ScenarioException {
        Scenario s = ScenarioLoader.load(DIR.resolve(file));
        double[] out = new double[s.run().replications()];
        for (int i = 0; i < out.length; i++) {
            ReplicationResult r = Conservation.replication(s, i);
            double sum = 0;
            for (String app : APPS) {
                sum += r.resources().stream().filter(x -> x.service().equals(app)).findFirst().orElseThrow()
                        .utilization();
            }
            out[i] = sum / APPS.length;
        }
        return out;
    }

    // Per app host 40 requests/s (120/s round robin over three) on 5 workers. Without a buffering
    // proxy a worker is also held for what the kernel's 16 KiB send buffer cannot take: a 50 KB
    // page leaves 33,616 B, 26.26 ms at 10.24 Mbit/s (70 % of clients) or 168.08 ms at 1.6 Mbit/s
    // (30 %), plus 0.08 ms through the 5 Gbit/s interface; a post's 2 KB body takes 1.56 ms or
    // 21.33 ms (750 kbit/s) to read; API answers (5 KB) fit the buffer (0.008 ms of interface).
    // Per request 0.7 × 68.888 + 0.25 × 0.008 + 0.05 × 7.495 = 48.598 ms more: utilisation
    // 40 × 0.048598 / 5 = 0.3888 higher than behind NGINX, where all of it is NGINX's.
    @Test
    void stage8_slowClientsHoldTheSyncWorkers_aBufferingNginxFreesThem() throws ScenarioException {
        double[] without = workersBusy("slow-clients-stage-8.yaml");
        double[] with = workersBusy("slow-clients-stage-8-nginx.yaml");
        double[] diff = new double[without.length];
        for (int i = 0; i < diff.length; i++) {
            diff[i] = without[i] - with[i];
        }
        ConfidenceInterval d = ConfidenceInterval.of(diff, 0.999);
        double hand = 40 * (0.7 * (0.7 * 26.2625 + 0.3 * 168.08 + 0.08) + 0.25 * 0.008
                + 0.05 * (0.7 * 1.5625 + 0.3 * 2000 / 93.75 + 0.0016)) / 1000 / 5;
        String line = "workers busy, without NGINX minus with: hand " + hand + ", simulated " + d;
        System.out.println(line);
        assertTrue(d.contains(hand), line);
        assertTrue(d.halfWidth() < 0.1 * hand, "interval too wide: " + line);
    }
}
