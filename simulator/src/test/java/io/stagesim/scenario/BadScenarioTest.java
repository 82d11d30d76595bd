package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad scenario files: every problem reported at once, with its file, line, column and a fix. */
final class BadScenarioTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            name: t
            hosts:
              web: {cores: 2, memory: 4GiB}
            services:
              browser: {type: browser, rate: 10/s, target: app}
              app: {type: app_server, host: web, workers: 2}
              db: {type: database, host: web}
            requests:
              page:
                share: 100%
                view:
                  cpu: 5ms
                  calls:
                    - {service: db, times: 2}
            """;

    private List<Problems.Problem> problems(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(f));
        return e.problems().sorted();
    }

    private static void assertHas(List<Problems.Problem> ps, int line, String path, String text) {
        boolean found = ps.stream().anyMatch(p -> p.location().line() == line && p.path().equals(path)
                && p.message().contains(text));
        assertTrue(found, "expected a problem at line " + line + " " + path + " containing '" + text + "' in\n"
                + String.join("\n", ps.stream().map(Problems.Problem::toString).toList()));
    }

    @Test
    void goodFile_loads() throws Exception {
        Path f = dir.resolve("good.yaml");
        Files.writeString(f, GOOD);
        Scenario s = ScenarioLoader.load(f);
        assertEquals(3, s.services().size());
    }

    // A burstable block's mistakes, each at its key: an unknown mode, a baseline of 100 % (then it
    // is not burstable), more credits than it can hold.
    @Test
    void burstable_badMode_fullBaseline_tooManyCredits() throws IOException {
        List<Problems.Problem> ps = problems("b1.yaml", GOOD.replace("web: {cores: 2, memory: 4GiB}",
                "web: {cores: 2, memory: 4GiB, burstable: {mode: burst}}"));
        assertHas(ps, 3, "hosts.web.burstable.mode", "'burst' is not one of standard, unlimited");
        ps = problems("b2.yaml", GOOD.replace("web: {cores: 2, memory: 4GiB}",
                "web: {cores: 2, memory: 4GiB, burstable: {baseline: 100%}}"));
        assertHas(ps, 3, "hosts.web.burstable", "baseline must be above 0 and below 100%");
        ps = problems("b3.yaml", GOOD.replace("web: {cores: 2, memory: 4GiB}",
                "web: {cores: 2, memory: 4GiB, burstable: {credits: 600}}"));
        assertHas(ps, 3, "hosts.web.burstable", "credits must be between 0 and max_credits (576.0), was 600");
    }

    // A browser cache whose shares cannot add up, and a misspelt key in it, each at its key.
    @Test
    void browserCache_sharesOverAHundredPercent_unknownKey() throws IOException {
        List<Problems.Problem> ps = problems("c1.yaml", GOOD.replace("target: app}",
                "target: app, browser_cache: {fresh: 90%, revalidated: 20%, repeat: 50%}}"));
        assertHas(ps, 5, "services.browser.browser_cache.revalidated",
                "fresh + revalidated must be at most 100% (the rest are fetched), was 110.0%");
        assertHas(ps, 5, "services.browser.browser_cache.repeat", "unknown key; known keys here: repeat_visits");
    }

    // TLS's keys, each at its place: the old per-request share refused with what replaced it, a version
    // not modelled, HTTP/2 without TLS (browsers speak it only over TLS), HTTP/2 at a self-hosted balancer.
    @Test
    void tlsKeys_oldShare_badVersion_http2WithoutTls_selfHostedBalancer() throws IOException {
        String proxy = "  app: {type: app_server, host: web, workers: 2}\n  nginx: {type: proxy, host: web, upstreams: [app], ";
        List<Problems.Problem> ps = problems("t1.yaml", GOOD.replace("target: app}", "target: nginx}")
                .replace("  app: {type: app_server, host: web, workers: 2}", proxy + "tls: true, new_connection_share: 10%}"));
        assertHas(ps, 7, "services.nginx.new_connection_share", "TLS is now charged per new client connection");
        ps = problems("t2.yaml", GOOD.replace("target: app}", "target: nginx}")
                .replace("  app: {type: app_server, host: web, workers: 2}", proxy + "tls: '1.1'}"));
        assertHas(ps, 7, "services.nginx.tls", "'1.1' is not one of false, true, 1.2, 1.3");
        ps = problems("t3.yaml", GOOD.replace("target: app}", "target: nginx}")
                .replace("  app: {type: app_server, host: web, workers: 2}", proxy + "http2: true}"));
        assertHas(ps, 7, "services.nginx.http2", "browsers speak HTTP/2 only over TLS");
        ps = problems("t4.yaml", GOOD.replace("target: app}", "target: lb}").replace(
                "  app: {type: app_server, host: web, workers: 2}",
                "  app: {type: app_server, host: web, workers: 2}\n  lb: {type: load_balancer, host: web, backends: [app], tls: true, http2: true}"));
        assertHas(ps, 7, "services.lb.http2", "put a proxy (type: proxy, http2: true) in front of it");
    }

    // A key a kind requires, missing, is a located problem, not an internal error (the fuzzer found
    // a pooler without its database).
    @Test
    void missingRequiredKeys_ofPoolerCdnAndDirectUpload_areLocated() throws IOException {
        List<Problems.Problem> ps = problems("r1.yaml", GOOD.replace("db: {type: database, host: web}",
                "db: {type: database, host: web}\n  pool: {type: pgbouncer, host: web}\n  cdn: {type: cdn}")
                .replace("share: 100%", "share: 100%\n    direct_upload: {size: 1MB}"));
        assertHas(ps, 8, "services.pool.database", "missing; this key is required");
        assertHas(ps, 9, "services.cdn.origin", "missing; this key is required");
        assertHas(ps, 13, "requests.page.direct_upload.storage", "missing; this key is required");
    }

    // Several mistakes in one file are all reported, each where it is.
    @Test
    void unknownKey_wrongUnit_negativeRate_allReportedAtOnce() throws IOException {
        String text = GOOD.replace("workers: 2}", "wokers: 2}")
                .replace("rate: 10/s", "rate: -5/s")
                .replace("cpu: 5ms", "cpu: 5 parsecs");
        List<Problems.Problem> ps = problems("bad.yaml", text);
        assertHas(ps, 6, "services.app.wokers", "did you mean 'workers'");
        assertHas(ps, 5, "services.browser.rate", "between 0/s");
        assertHas(ps, 12, "requests.page.view.cpu", "expected a distribution");
        assertTrue(ps.get(0).toString().startsWith(dir.resolve("bad.yaml").toString().replace(
                Path.of("").toAbsolutePath() + "/", "")) || ps.get(0).toString().contains("bad.yaml:"),
                ps.get(0).toString());
    }

    @Test
    void unknownServiceReference_suggestsTheClosestName() throws IOException {
        List<Problems.Problem> ps = problems("ref.yaml", GOOD.replace("service: db,", "service: dbb,"));
        assertHas(ps, 14, "requests.page.view.calls[0].service", "did you mean 'db'");
    }

    // Read replicas: a replica must be a postgres database, not the primary itself, and nobody writes
    // to it (a hot standby refuses writes); each mistake where it is written.
    @Test
    void replicas_wrongKind_self_andWritesToAReplica() throws IOException {
        String base = GOOD.replace("  db: {type: database, host: web}\n", "  db: {type: database, host: web, "
                + "replicas: [lite, db, r]}\n  lite: {type: database, host: web, engine: sqlite}\n"
                + "  r: {type: database, host: web}\n");
        List<Problems.Problem> ps = problems("rep.yaml", base.replace("{service: db, times: 2}",
                "{service: r, times: 2, write: true}"));
        assertHas(ps, 7, "services.db.replicas", "a read replica is a database of engine postgres; 'lite' is a "
                + "sqlite database");
        assertHas(ps, 7, "services.db.replicas", "a database cannot be its own replica");
        assertHas(ps, 16, "requests.page.view.calls[0].write", "'r' is a read replica of 'db' (a hot standby "
                + "refuses writes); write to 'db'");
    }

    // A pooler without its database is a located problem, not an exception (found by the fuzz test).
    @Test
    void pgbouncerWithoutDatabase_isLocated() throws IOException {
        List<Problems.Problem> ps = problems("pgb.yaml", GOOD.replace("  db: {type: database, host: web}\n",
                "  db: {type: database, host: web}\n  pool: {type: pgbouncer, host: web}\n"));
        assertHas(ps, 8, "services.pool.database", "missing; this key is required");
    }

    @Test
    void unknownType_listsTheKnownTypes() throws IOException {
        List<Problems.Problem> ps = problems("type.yaml", GOOD.replace("type: app_server", "type: app_sever"));
        assertHas(ps, 6, "services.app.type", "did you mean 'app_server'");
        assertHas(ps, 6, "services.app.type", "load_balancer");
    }

    @Test
    void routingCycle_isReported() throws IOException {
        String text = GOOD.replace("target: app}", "target: p1}").replace("  db: {type: database, host: web}\n",
                "  db: {type: database, host: web}\n"
                + "  p1: {type: proxy, host: web, upstreams: [p2]}\n"
                + "  p2: {type: proxy, host: web, upstreams: [p1]}\n");
        List<Problems.Problem> ps = problems("cycle.yaml", text);
        assertTrue(ps.stream().anyMatch(p -> p.message().contains("routing cycle: p1 -> p2 -> p1")), ps.toString());
    }

    @Test
    void extendsLoop_andMissingBase_areReported() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "extends: b.yaml\nname: a\n");
        Files.writeString(dir.resolve("b.yaml"), "extends: a.yaml\nname: b\n");
        ScenarioException loop = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(dir.resolve("a.yaml")));
        assertTrue(loop.getMessage().contains("extends loop: a.yaml -> b.yaml -> a.yaml"), loop.getMessage());
        Files.writeString(dir.resolve("c.yaml"), "name: c\nextends: nowhere.yaml\n");
        ScenarioException missing = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(dir.resolve("c.yaml")));
        assertTrue(missing.getMessage().contains("c.yaml:2:10 extends: file not found"), missing.getMessage());
    }

    @Test
    void missingFile_andYamlSyntaxError_areLocated() throws IOException {
        ScenarioException none = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(dir.resolve("absent.yaml")));
        assertTrue(none.getMessage().contains("file not found"), none.getMessage());
        List<Problems.Problem> ps = problems("syntax.yaml", "name: x\nhosts: {web: [1, 2}\n");
        assertEquals(1, ps.size());
        assertEquals(2, ps.get(0).location().line());
        assertTrue(ps.get(0).message().startsWith("not valid YAML"), ps.get(0).toString());
    }

    // Found by the fuzzer: a path with a NUL character used to escape as an exception.
    @Test
    void invalidPaths_areLocatedProblems() throws IOException {
        List<Problems.Problem> ps = problems("nul.yaml", "extends: \"a\\u0000b.yaml\"\nname: x\n");
        assertTrue(ps.get(0).message().startsWith("not a valid file path"), ps.toString());
        List<Problems.Problem> emp = problems("emp.yaml", GOOD.replace("cpu: 5ms", "cpu: \"empirical(a\\u0000b)\""));
        assertTrue(emp.stream().anyMatch(p -> p.message().contains("not a valid file path")), emp.toString());
    }

    // Anchors and aliases could expand exponentially ("billion laughs"); they are refused.
    @Test
    void yamlAliases_areRefused() throws IOException {
        List<Problems.Problem> ps = problems("alias.yaml", "name: &n x\ndescription: *n\n");
        assertTrue(ps.get(0).message().contains("are not supported"), ps.toString());
    }

    @Test
    void sharesNotAddingUp_andMemoryOverBudget_areReported() throws IOException {
        String text = GOOD.replace("share: 100%", "share: 90%").replace("workers: 2}", "workers: 40}");
        List<Problems.Problem> ps = problems("budget.yaml", text);
        assertTrue(ps.stream().anyMatch(p -> p.message().contains("add up to 90")), ps.toString());
        assertTrue(ps.stream().anyMatch(p -> p.path().equals("hosts.web.memory") && p.message().contains("MiB over")),
                ps.toString());
    }

    // Faults are checked like services: the type, the target's kind, timings that contradict each other.
    @Test
    void badFaults_areReportedWhereTheyAre() throws IOException {
        String text = GOOD + """
                faults:
                  - {type: host_crsh, target: web, at: 10s}
                  - {type: deploy, target: [app, db], at: 10s, boot: 20s, interval: 10s}
                  - {type: deploy, target: app, at: 10s, for: 30s}
                  - {type: noisy_neighbour, target: wbe, at: 10s}
                  - {type: cache_flush, target: db, at: 10s, keys: 0}
                  - {type: storage_outage, target: app, at: 10s}
                """;
        List<Problems.Problem> ps = problems("faults.yaml", text);
        assertHas(ps, 16, "faults[0].type", "did you mean 'host_crash'");
        assertHas(ps, 17, "faults[1].target", "'db' is a database; a deploy restarts app servers");
        assertHas(ps, 17, "faults[1].interval", "must be at least 'boot' (20s)");
        assertHas(ps, 18, "faults[2].for", "set 'interval', 'drain' and 'boot' instead");
        assertHas(ps, 19, "faults[3].target", "no host named 'wbe'; hosts: web");
        assertHas(ps, 20, "faults[4].target", "'db' is a database; cache_flush applies to a cache");
        assertHas(ps, 20, "faults[4].keys", "between 1");
        assertHas(ps, 21, "faults[5].target", "'app' is an app_server; storage faults apply to object_storage");
    }

    // A neighbour must take something; a host's swap_speed must leave it running; a worker the OOM
    // killer kills must take time to boot, or it would be killed again at the same instant for ever.
    @Test
    void badMemoryNeighbours_areReportedWhereTheyAre() throws IOException {
        String text = GOOD.replace("web: {cores: 2, memory: 4GiB}", "web: {cores: 2, memory: 4GiB, swap_speed: 0%}")
                .replace("workers: 2}", "workers: 2, boot_time: 0s}") + """
                faults:
                  - {type: noisy_neighbour, target: web, at: 10s, steal: 0%}
                  - {type: noisy_neighbour, target: web, at: 10s, memory: 1GiB}
                """;
        List<Problems.Problem> ps = problems("memory.yaml", text);
        assertHas(ps, 3, "hosts.web.swap_speed", "a swapping host still runs");
        assertHas(ps, 16, "faults[0].steal", "must take some of the CPU (more than 0%) or some memory");
        assertHas(ps, 17, "faults[1].memory", "give 'app' a boot_time above 0s");
    }
}
