package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.random.Distribution;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The defaults live in code (each kind's binder) and are written down in
 * {@code scenarios/reference.yaml}; this keeps the two the same. For every key whose comment there
 * says {@code (default X)}, the reference is loaded twice, once without the key and once with
 * {@code key: X}: the two scenarios must be equal (or both refused with the same problems). So a
 * default changed on one side only fails here, whatever its kind or unit, with no table of keys to
 * keep up. A default that depends on something else is written {@code (default: …)} and listed in
 * {@link #COMPUTED}, so each is a decision.
 */
final class DefaultsTest {

    /** Keys whose default is no single value, and what it depends on. */
    private static final Set<String> COMPUTED = Set.of(
            "name", // the file name
            "prices", // none: the reference's hosts naming instance types need one
            "run.warmup", // 20 s, at most a fifth of the duration
            "run.max_events", "run.max_wall_time", // no limit
            "services.browser.static_from", // the target
            "hosts.web.burstable.max_credits", // 24 hours of earnings: baseline × cores × 1440
            "services.proxy.workers", // the host's cores
            "services.proxy.tls_resumed_cpu", // by TLS version
            "services.balancer.worker_connections", // 768 × the host's cores
            "services.balancer.workers", // the host's cores
            "services.balancer.autoscaling.min", // the backends written
            "services.balancer.autoscaling.template", // the last backend
            "services.app.workers", // (2 × the host's cores) + 1
            "services.app.db_pool.max_size", // min_size
            "services.rds_proxy.max_idle_connections_percent", // half of max_connections_percent
            "services.redis.threads", // by engine
            "services.tasks.concurrency", // the host's cores
            "requests.page.app"); // the first upstream

    private static final Path DIR = ReferenceYaml.FILE.toAbsolutePath().getParent();

    private static Object load(String text) {
        try {
            return ScenarioLoader.loadText("reference.yaml", text, DIR);
        } catch (ScenarioException e) {
            return e.problems().format();
        }
    }

    @Test
    void everyDefaultWrittenInTheReference_isTheDefaultInCode() {
        ReferenceYaml ref = ReferenceYaml.read();
        assertTrue(load(ref.text()) instanceof Scenario, "the reference loads: " + load(ref.text()));
        List<String> wrong = new ArrayList<>();
        Set<String> computed = new TreeSet<>();
        int checked = 0;
        for (ReferenceYaml.Entry e : ref.entries()) {
            String d = e.writtenDefault();
            if (d == null || !e.scalar()) {
                continue;
            }
            if (d.equals(ReferenceYaml.COMPUTED)) {
                computed.add(e.path());
                continue;
            }
            Object without = load(ref.textWith(e.line(), null));
            Object with = load(ref.textWith(e.line(), d));
            checked++;
            if (!without.equals(with)) {
                wrong.add(e.path() + ": the reference says default " + d + ", the code does otherwise ("
                        + (with instanceof String s ? "'" + d + "' is refused: " + s.strip() : "not the same scenario")
                        + ")");
            }
        }
        System.out.println("defaults checked against reference.yaml: " + checked + "; computed: " + computed.size());
        assertEquals(List.of(), wrong);
        assertEquals(new TreeSet<>(COMPUTED), computed, "defaults written '(default: …)', each depending on something");
        assertTrue(checked >= 60, "only " + checked + " defaults found: is the reference still commented?");
    }

    // The defaults of a call's demands live on the kinds called; the reference names them in its
    // requests section ("cache: cpu per GET/SET (default 20us)").
    @Test
    void callDemandDefaults_areTheOnesWritten() throws ScenarioException {
        String text = ReferenceYaml.read().text();
        assertEquals(written(text, "cache: cpu per GET/SET"), CacheSpec.DEFAULT_OP_CPU);
        assertEquals(written(text, "database: cpu per query"), DatabaseSpec.DEFAULT_QUERY_CPU);
    }

    private static Distribution written(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what) + " \\(default (\\w+\\(\\w+\\)|\\w+)\\)").matcher(text);
        assertTrue(m.find(), "reference.yaml names the default of '" + what + "'");
        return DistributionSyntax.parse(m.group(1), DIR);
    }
}
