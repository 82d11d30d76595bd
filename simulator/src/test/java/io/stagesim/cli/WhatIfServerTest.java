package io.stagesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesim.assembly.WebModel;
import io.stagesim.run.ReplicationResult;
import io.stagesim.run.ScenarioResult;
import io.stagesim.run.ScenarioRun;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The what-if server over HTTP, on a port the system chooses: the token on every request, only the
 * files it was given and only their sliders, 429 when every slot and the queue are taken, the cache,
 * bounded runs and a page's newer request cancelling its older one. Nothing here waits on a clock:
 * the busy and cancelled cases hold a run with a latch.
 */
final class WhatIfServerTest {

    private static final Path STAGE2 = Path.of("..", "scenarios", "stage-2-gunicorn.yaml");
    private static final Path MM1 = Path.of("..", "scenarios", "textbook-mm1.yaml");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WhatIfServer server(WhatIfServer.Simulator sim, long maxEvents, int slots, int queue) {
        WhatIfServer.Limits limits = ServeCommand.limits("5s", "60s", 1, 7L, maxEvents, slots, queue);
        return WhatIfServer.start(ServeCommand.stages(List.of(STAGE2, MM1)), limits, sim, "127.0.0.1", 0);
    }

    private static WhatIfServer server(WhatIf.Stage stage, WhatIfServer.Searcher searcher, int slots, int queue,
            WhatIfCapacity.Search search) {
        WhatIfServer.Limits limits = ServeCommand.limits("5s", "60s", 1, 7L, 50_000_000, slots, queue, search);
        List<WhatIf.Stage> stages = new java.util.ArrayList<>(ServeCommand.stages(List.of(STAGE2)));
        if (stage != null) {
            stages.add(WhatIf.stage(1, stage.file(), stage.scenario()));
        }
        return WhatIfServer.start(stages, limits, WhatIfServer.real(), searcher, "127.0.0.1", 0);
    }

    private static CompletableFuture<HttpResponse<String>> getLater(WhatIfServer s, String path) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return get(s, path, s.token());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static HttpResponse<String> get(WhatIfServer s, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path));
        if (token != null) {
            b.header("X-Stagesim-Token", token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyRequest_needsTheToken() throws Exception {
        try (WhatIfServer s = server(WhatIfServer.real(), 50_000_000, 1, 0)) {
            assertEquals(48, s.token().length(), "24 random bytes in hex");
            for (String path : List.of("/", "/echarts.min.js", "/api/stages", "/api/run?stage=1&rate=5")) {
                HttpResponse<String> none = get(s, path, null);
                assertEquals(401, none.statusCode(), path);
                assertTrue(none.body().contains("access token"), none.body());
                assertEquals(401, get(s, path, s.token() + "0").statusCode(), path);
            }
            assertEquals(200, get(s, "/api/stages", s.token()).statusCode());
            HttpResponse<String> page = get(s, "/?token=" + s.token(), null);
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("Set-Cookie").orElse("").contains("SameSite=Strict"));
            assertTrue(!page.body().contains("http://") && !page.body().contains("https://"),
                    "the page loads nothing from elsewhere");
            HttpResponse<String> lib = get(s, "/echarts.min.js", s.token());
            assertEquals(200, lib.statusCode());
            assertTrue(lib.body().length() > 1_000_000, "ECharts from its webjar: " + lib.body().length());
        }
    }

    @Test
    void onlyTheGivenFiles_andOnlyTheirSliders_canBeRun() throws Exception {
        try (WhatIfServer s = server(WhatIfServer.real(), 50_000_000, 1, 0)) {
            HttpResponse<String> r = get(s, "/api/run?stage=2&rate=5", s.token());
            assertEquals(404, r.statusCode());
            assertTrue(r.body().contains("only the 2 files given"), r.body());
            assertEquals(404, get(s, "/api/run?stage=..%2Fetc%2Fpasswd&rate=5", s.token()).statusCode());
            r = get(s, "/api/run?stage=0&rate=5&set=services.gunicorn.host=db", s.token());
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("has no slider 'services.gunicorn.host'"), r.body());
            r = get(s, "/api/run?stage=0&rate=5&set=services.gunicorn.workers=17", s.token());
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("services.gunicorn.workers must be a number from 1 to 16, was '17'"),
                    r.body());
            assertEquals(400, get(s, "/api/run?stage=0&rate=1e9", s.token()).statusCode());
            JsonNode stages = JSON.readTree(get(s, "/api/stages", s.token()).body());
            assertEquals("stage-2-gunicorn", stages.get(0).get("name").asText());
            assertEquals("services.gunicorn.workers", stages.get(0).get("sliders").get(0).get("key").asText());
            assertEquals(5, stages.get(0).get("sliders").get(0).get("value").asInt(), "stage 2's 5 workers");
            assertEquals("textbook-mm1", stages.get(1).get("name").asText());
        }
    }

    @Test
    void busy_refusesWith429_andSaysWhy() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WhatIfServer.Simulator held = sc -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new CancellationException("stopped");
            }
            return WhatIfServer.real().run(sc);
        };
        try (WhatIfServer s = server(held, 50_000_000, 1, 0)) {
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return get(s, "/api/run?stage=1&rate=5", s.token());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            entered.await();
            HttpResponse<String> second = get(s, "/api/run?stage=1&rate=6", s.token());
            assertEquals(429, second.statusCode());
            assertTrue(second.body().startsWith("busy: 1 what-if is running (at most one per core; a capacity "
                    + "search counts as one) and 0 are waiting (at most 0)"), second.body());
            release.countDown();
            assertEquals(200, first.get().statusCode());
        }
    }

    @Test
    void sameSettingsAndSeed_comeFromTheCache() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        WhatIfServer.Simulator counted = sc -> {
            runs.incrementAndGet();
            return WhatIfServer.real().run(sc);
        };
        try (WhatIfServer s = server(counted, 50_000_000, 1, 0)) {
            String q = "/api/run?stage=0&rate=20&set=services.gunicorn.workers=6";
            JsonNode a = JSON.readTree(get(s, q, s.token()).body());
            JsonNode b = JSON.readTree(get(s, q, s.token()).body());
            assertEquals(1, runs.get());
            assertTrue(!a.get("cached").asBoolean() && b.get("cached").asBoolean());
            assertEquals(a.get("raw"), b.get("raw"));
            assertEquals("[\"services.gunicorn.workers=6\"]", a.get("settings").toString());
            assertEquals(7, a.get("seed").asLong(), "serve's --seed");
            get(s, "/api/run?stage=0&rate=20&set=services.gunicorn.workers=7", s.token());
            assertEquals(2, runs.get(), "other settings: another run");
        }
    }

    @Test
    void everyRun_isBoundedInSimulatedTimeEventsAndWallTime() throws Exception {
        try (WhatIfServer s = server(WhatIfServer.real(), 1000, 1, 0)) {
            WhatIf.Stage st = ServeCommand.stages(List.of(STAGE2)).get(0);
            Scenario sc = s.scenario(st, List.of(), "20/s");
            assertEquals(5_000_000_000L, sc.run().duration());
            assertEquals(1000, sc.run().maxEvents(), "stage 2 says no limit: serve's");
            assertEquals(60_000, sc.run().maxWallMillis(), "stage 2 says 10 min (the reference): serve's 60 s");
            JsonNode a = JSON.readTree(get(s, "/api/run?stage=0&rate=20", s.token()).body());
            assertTrue(a.get("partial").toString().contains("event limit of 1000"), a.toString());
            assertTrue(a.get("events").asLong() <= 1000, a.toString());
        }
    }

    @Test
    void aNewerRequestFromThePage_cancelsTheOlder() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        WhatIfServer.Simulator sim = sc -> {
            if (calls.incrementAndGet() == 1) {
                entered.countDown();
                try {
                    new CountDownLatch(1).await(); // until cancelled
                } catch (InterruptedException e) {
                    throw new CancellationException("cancelled");
                }
            }
            return WhatIfServer.real().run(sc);
        };
        try (WhatIfServer s = server(sim, 50_000_000, 1, 1)) {
            CompletableFuture<HttpResponse<String>> older = CompletableFuture.supplyAsync(() -> {
                try {
                    return get(s, "/api/run?stage=1&rate=5&page=p1", s.token());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            entered.await();
            HttpResponse<String> newer = get(s, "/api/run?stage=1&rate=6&page=p1", s.token());
            assertEquals(200, newer.statusCode(), newer.body());
            assertEquals(409, older.get().statusCode());
            assertTrue(older.get().body().contains("a newer request from the same page replaced this one"));
        }
    }

    @Test
    void anInterruptedReplication_stopsAtTheNextLookAtTheClock() throws Exception {
        Scenario s = ScenarioLoader.load(STAGE2, List.of("run.max_wall_time=10min", "run.warmup=0s"));
        Thread.currentThread().interrupt();
        ReplicationResult r;
        try {
            r = ScenarioRun.replication(s, 0, System.nanoTime() + 600_000_000_000L, (WebModel m) -> { });
        } finally {
            Thread.interrupted();
        }
        assertEquals("cancelled", r.stoppedBecause());
        assertTrue(r.events() <= 2 * 4096, "stopped within a look or two (every 4,096 events): " + r.events());
        ScenarioResult full = WhatIfServer.real().run(s.withRun(s.run().with(30_000_000_000L, 0, 1, 1)));
        assertTrue(full.events() > 4 * 4096 && full.partial().isEmpty(), "an uninterrupted run goes on: " + full.events());
    }

    @TempDir
    Path dir;

    @Test
    void capacity_isWhatStressFinds_toTheBit_andComesFromTheCacheAfter() throws Exception {
        WhatIfCapacity.Search search = ServeCommand.search("5s", 1, 0.1, "2min");
        try (WhatIfServer s = server(null, WhatIfServer.realSearch(), 1, 0, search)) {
            String q = "/api/capacity?stage=0&set=services.gunicorn.workers=6";
            HttpResponse<String> r = get(s, q, s.token());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode a = JSON.readTree(r.body());
            assertEquals("./stagesim stress ../scenarios/stage-2-gunicorn.yaml --set 'services.gunicorn.workers=6' "
                    + "--seed 7 --replications 1 --duration 5s --precision 0.1", a.get("command").asText());
            int code = Main.execute("stress", STAGE2.toString(), "--set", "services.gunicorn.workers=6", "--seed", "7",
                    "--replications", "1", "--duration", "5s", "--precision", "0.1", "--threads", "1",
                    "--out", dir.resolve("stress").toString());
            assertEquals(Main.OK, code);
            JsonNode stress = JSON.readTree(Files.readString(dir.resolve("stress").resolve("stress.json")));
            assertEquals(stress.get("capacity_per_s").asDouble(), a.get("raw").get("capacity").asDouble(), 0.0);
            assertEquals(stress.get("capacity_low_per_s").asDouble(), a.get("raw").get("capacityLow").asDouble(), 0.0);
            assertEquals(stress.get("points").size(), a.get("points").asInt());
            assertTrue(a.get("text").get("capacity").asText().startsWith("≈ "), a.toString());
            JsonNode at = stress.get("bottleneck_at_capacity"); // "6 workers × 1 threads (backlog 2048) of gunicorn"
            assertEquals(at.get("resource").asText(), "6 workers × 1 threads (backlog 2048) of gunicorn");
            assertEquals(String.format(java.util.Locale.ROOT, "gunicorn workers (6), %.0f %% busy",
                    100 * at.get("utilization").asDouble()), a.get("bottleneck").asText(), "its short name");
            JsonNode b = JSON.readTree(get(s, q + "&page=p", s.token()).body());
            assertTrue(!a.get("cached").asBoolean() && b.get("cached").asBoolean());
            assertEquals(a.get("raw"), b.get("raw"));
        }
    }

    /**
     * An M/M/1 queue (10 ms of exponential CPU, one worker) held to p99 ≤ 100 ms: its sojourn time is
     * exponential with rate μ − λ, so p99 = ln 100 / (μ − λ) ≤ 0.1 s exactly when
     * λ ≤ 100 − 10 ln 100 = 53.95/s. The page's capacity interval holds it, and a file without an
     * objective is refused with a sentence saying what to add.
     */
    @Test
    void capacity_ofAnMM1_bracketsTheExactFigure() throws Exception {
        Path mm1 = dir.resolve("mm1-slo.yaml");
        Files.writeString(mm1, Files.readString(MM1).replace("name: textbook-mm1",
                "name: mm1-slo\nslo:\n  p99: 100ms"));
        WhatIf.Stage st = ServeCommand.stages(List.of(mm1)).get(0);
        WhatIfCapacity.Search search = ServeCommand.search("400s", 4, 0.02, "2min");
        try (WhatIfServer s = server(st, WhatIfServer.realSearch(), 1, 0, search)) {
            HttpResponse<String> r = get(s, "/api/capacity?stage=1", s.token());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode raw = JSON.readTree(r.body()).get("raw");
            double exact = 100 - 10 * Math.log(100);
            assertTrue(raw.get("capacityLow").asDouble() <= exact && exact <= raw.get("capacityHigh").asDouble(),
                    exact + " in " + raw);
            assertEquals(exact, raw.get("capacity").asDouble(), 0.05 * exact, raw.toString());
        }
        try (WhatIfServer s = server(ServeCommand.stages(List.of(MM1)).get(0), WhatIfServer.realSearch(), 1, 0,
                search)) {
            HttpResponse<String> r = get(s, "/api/capacity?stage=1", s.token());
            assertEquals(422, r.statusCode());
            assertTrue(r.body().contains("has no objective (slo)"), r.body());
        }
    }

    @Test
    void aCapacitySearch_takesASlot_andARunWithOtherSettingsCancelsIt_butANewLoadDoesNot() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        WhatIfServer.Searcher held = (sc, slo, precision, progress) -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await(); // until cancelled
            } catch (InterruptedException e) {
                throw new CancellationException("cancelled");
            }
            throw new IllegalStateException("not reached");
        };
        WhatIfCapacity.Search search = ServeCommand.search("5s", 1, 0.1, "2min");
        try (WhatIfServer s = server(null, held, 1, 0, search)) {
            CompletableFuture<HttpResponse<String>> searching =
                    getLater(s, "/api/capacity?stage=0&set=services.gunicorn.workers=6&page=p");
            entered.await();
            HttpResponse<String> busy = get(s, "/api/run?stage=0&rate=5&set=services.gunicorn.workers=6&page=q",
                    s.token());
            assertEquals(429, busy.statusCode(), "the search holds the only slot: " + busy.body());
            busy = get(s, "/api/run?stage=0&rate=5&set=services.gunicorn.workers=6&page=p", s.token());
            assertEquals(429, busy.statusCode(), busy.body());
            assertTrue(!searching.isDone(), "another load, the same settings: the search goes on");
            busy = get(s, "/api/run?stage=0&rate=5&set=services.gunicorn.workers=7&page=p", s.token());
            HttpResponse<String> cancelled = searching.get();
            assertEquals(409, cancelled.statusCode());
            assertTrue(cancelled.body().contains("a newer request from the same page replaced this one"));
        }
    }

    @Test
    void badSearchSettings_areRefusedBeforeServing() {
        assertEquals(Main.BAD_INPUT, Main.execute("serve", STAGE2.toString(), "--port", "0",
                "--capacity-precision", "2"));
        assertEquals(Main.BAD_INPUT, Main.execute("serve", STAGE2.toString(), "--port", "0",
                "--capacity-replications", "0"));
        assertEquals(Main.BAD_INPUT, Main.execute("serve", STAGE2.toString(), "--port", "0",
                "--capacity-duration", "11min"));
        assertEquals(Main.BAD_INPUT, Main.execute("serve", STAGE2.toString(), "--port", "0",
                "--capacity-max-wall-time", "0s"));
        UserError e = org.junit.jupiter.api.Assertions.assertThrows(UserError.class,
                () -> ServeCommand.search("20s", 3, 0, "2min"));
        assertEquals("--capacity-precision must be at least 1e-6 and below 1 (the relative width at which the search "
                + "stops: 0.05 is 5 %), was 0.0", e.getMessage());
    }

    @Test
    @org.junit.jupiter.api.Timeout(120) // the wait for the join would spin for ever if it never came
    void theSameSearchAskedAgainByThePage_isJoined_notRunTwice() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger searches = new AtomicInteger();
        WhatIfServer.Searcher held = (sc, slo, precision, progress) -> {
            searches.incrementAndGet();
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new CancellationException("cancelled");
            }
            return WhatIfServer.realSearch().search(sc, slo, precision, progress);
        };
        WhatIfCapacity.Search search = ServeCommand.search("5s", 1, 0.1, "2min");
        try (WhatIfServer s = server(null, held, 2, 0, search)) {
            String q = "/api/capacity?stage=0&set=services.gunicorn.workers=6&page=p";
            CompletableFuture<HttpResponse<String>> first = getLater(s, q);
            entered.await();
            CompletableFuture<HttpResponse<String>> again = getLater(s, q);
            while (s.joins() == 0) { // until the second request waits on the first one's search
                Thread.onSpinWait();
            }
            // a run at another load from the same page, the same settings: the search goes on
            assertEquals(200, get(s, "/api/run?stage=0&rate=5&set=services.gunicorn.workers=6&page=p", s.token())
                    .statusCode());
            release.countDown();
            assertEquals(200, first.get().statusCode(), first.get().body());
            assertEquals(200, again.get().statusCode(), again.get().body());
            assertEquals(first.get().body(), again.get().body(), "one search, one answer (not from the cache)");
            assertEquals(1, searches.get());
        }
    }
}
