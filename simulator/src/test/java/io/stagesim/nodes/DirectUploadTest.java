package io.stagesim.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.Conservation;
import io.stagesim.run.Bill;
import io.stagesim.run.ReplicationResult;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A browser's upload straight to object storage (calibration A.22) by hand: one user with a
 * constant think time; the view signs the URL in 1 ms; then the browser PUTs 2 MB to a bucket
 * 40 ms away (its rtt) with a constant 50 ms first byte and 100 MB/s, over a connection open
 * from the previous page view ({@code connection_reuse: 100%}) or a new one (TLS 1.3 or 1.2).
 */
final class DirectUploadTest {

    private static final String SCENARIO = """
            name: direct-upload
            run: {duration: 100s, warmup: 0s, replications: 1, seed: 1}
            network: {same_host_rtt: 0s, datacenter_rtt: 0s}
            prices: aws-us-east-1
            hosts:
              apphost: {cores: 2, memory: 4GiB}
            services:
              browser: {type: browser, users: 1, think: 1s, rtt: 40ms, target: app, connection_reuse: %s}
              app: {type: app_server, host: apphost, workers: 1}
              media: {type: object_storage, first_byte: 50ms, bandwidth: 100MB, tls: '%s'}
            requests:
              photo:
                direct_upload: {storage: media, size: 2MB}
                view: {cpu: 1ms}
            """;

    // A page view: the HTML over a new connection (2 × 40 ms) and the view's 1 ms, then the PUT:
    // 40 ms, the first byte's 50 ms and 2 MB at 100 MB/s, 20 ms: 191 ms. Every view makes one PUT
    // and no GET, and sends no byte out to the internet.
    @Test
    void theBrowserPutsTheFile_oneRoundTripAndTheTransfer() throws ScenarioException {
        ReplicationResult r = run("100%", "1.3");
        assertEquals(80 + 1 + 40 + 50 + 20, r.all().latency().mean() / 1e6, 1e-6);
        double perHour = 3600 / r.measuredSeconds();
        assertEquals(r.all().completed() * perHour, line(r, "media PUT requests").quantity(), perHour);
        assertEquals(0, line(r, "media GET requests").quantity(), 1e-12);
        assertEquals(0, line(r, "data transfer out from media").quantity(), 1e-12);
    }

    // A new connection to the bucket for every upload (the front, Gunicorn's sync workers, opens one
    // for the HTML anyway): TCP's round trip and TLS 1.3's before the PUT's own, 3 × 40 ms, then the
    // first byte and the transfer: 80 + 1 + 120 + 50 + 20 = 271 ms; TLS 1.2 one round trip more, 311 ms.
    @Test
    void newConnection_paysTcpAndTlsBeforeThePut() throws ScenarioException {
        assertEquals(80 + 1 + 3 * 40 + 50 + 20, run("0%", "1.3").all().latency().mean() / 1e6, 1e-6);
        assertEquals(80 + 1 + 4 * 40 + 50 + 20, run("0%", "1.2").all().latency().mean() / 1e6, 1e-6);
    }

    private static ReplicationResult run(String reuse, String tls) throws ScenarioException {
        return Conservation.replication(ScenarioLoader.loadText("upload.yaml", SCENARIO.formatted(reuse, tls),
                Path.of("..", "scenarios")), 0);
    }

    private static Bill.Line line(ReplicationResult r, String item) {
        return r.bill().stream().filter(l -> l.item().equals(item)).findFirst().orElseThrow();
    }
}
