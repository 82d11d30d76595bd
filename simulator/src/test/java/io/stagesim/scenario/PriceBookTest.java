package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Price books: the shipped one binds, a host naming an instance type takes its cores, memory and
 * price, {@code extends} can switch books, tiers of data transfer are priced as worked by hand, and
 * every mistake is located in the file it is in.
 */
final class PriceBookTest {

    @TempDir
    Path dir;

    private static final Path STAGE_8 = Path.of("..", "scenarios", "stage-8-managed-lb.yaml");

    private static final String BOOK = """
            provider: test
            region: here
            instances:
              source: {url: "https://example.com/prices", read: 2026-12}
              types:
                t3.medium: {vcpus: 2, memory: 4GiB, network_gbps: 5, baseline: 20%, credits_per_hour: 24, per_hour: 0.0416}
                c6i.large: {vcpus: 2, memory: 4GiB, network_gbps: 12.5, per_hour: 0.085}
            data_transfer_out:
              source: {url: "https://example.com/transfer", read: 2026-12}
              free: 100GB
              tiers:
                - {up_to: 10TB, per_gb: 0.09}
                - {up_to: 50TB, per_gb: 0.085}
                - {up_to: 150TB, per_gb: 0.07}
                - {per_gb: 0.05}
            """;

    private static final String SCENARIO = """
            name: t
            prices: test
            hosts:
              web: {instance: %s}
            services:
              browser: {type: browser, rate: 10/s, target: app}
              app: {type: app_server, host: web, workers: 2}
            requests:
              page: {share: 100%%, view: {cpu: 5ms}}
            """;

    private List<Problems.Problem> problems(String book, String scenario) throws IOException {
        Files.createDirectories(dir.resolve("prices"));
        Files.writeString(dir.resolve("prices").resolve("test.yaml"), book);
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, scenario);
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(f));
        return e.problems().sorted();
    }

    private static void assertHas(List<Problems.Problem> ps, String file, int line, String path, String text) {
        boolean found = ps.stream().anyMatch(p -> p.location().file().endsWith(file) && p.location().line() == line
                && p.path().equals(path) && p.message().contains(text));
        assertTrue(found, "expected a problem in " + file + " at line " + line + " " + path + " containing '" + text
                + "' in\n" + String.join("\n", ps.stream().map(Problems.Problem::toString).toList()));
    }

    // The shipped book: stage 8's hosts are t3 instances priced from it; each price has its source.
    @Test
    void shippedBook_pricesStageEightsHosts() throws ScenarioException {
        Scenario s = ScenarioLoader.load(STAGE_8);
        assertEquals("aws-us-east-1", s.prices().name());
        HostSpec app = s.hosts().get("app1");
        assertEquals("t3.medium", app.instance());
        assertEquals(2, app.cores());
        assertEquals(4L << 30, app.memory());
        assertEquals(0.0416, app.costPerHour(), 1e-12);
        assertEquals(0.1664, s.hosts().get("dbhost").costPerHour(), 1e-12);
        PriceBook.Machine t3 = s.prices().machine("t3.medium");
        assertEquals(0.20, t3.baseline(), 1e-12);
        assertEquals(24, t3.creditsPerHour(), 1e-12);
        assertEquals("2026-12", t3.source().read());
        assertEquals(0.13, s.prices().machine("db.t4g.medium").multiAzPerHour(), 1e-12);
        assertEquals(25, s.prices().balancer().newConnections(), 1e-12);
        assertEquals(1, s.prices().balancer().processedGb(), 1e-12);
        assertTrue(Double.isNaN(s.prices().machine("c6i.large").baseline()), "c6i is not burstable");
    }

    // A month of 174.96 GB/h is 127,720.8 GB: 9,900 GB at 0.09, 40,000 at 0.085, 77,720.8 at 0.07
    // = 891 + 3,400 + 5,440.456 = 9,731.456, over 730 h = 13.330762 per hour.
    @Test
    void transferTiers_matchTheMonthWorkedByHand() throws Exception {
        PriceBook.Transfer t = ScenarioLoader.load(STAGE_8).prices().transferOut();
        assertEquals(9_731.456 / 730, t.perHour(174.96), 1e-9);
        assertEquals(0, t.perHour(100.0 / 730), 1e-12); // the free 100 GB
        assertEquals(0.09 * 900 / 730, t.perHour(1_000.0 / 730), 1e-12);
    }

    // Figures written on the host win over the book's; extends switches books.
    @Test
    void ownFigures_overrideTheBook_andExtendsSwitchesBooks() throws Exception {
        Files.createDirectories(dir.resolve("prices"));
        Files.writeString(dir.resolve("prices").resolve("test.yaml"), BOOK);
        Files.writeString(dir.resolve("prices").resolve("other.yaml"), BOOK.replace("0.0416", "0.05"));
        Path base = dir.resolve("base.yaml");
        Files.writeString(base, String.format(SCENARIO, "t3.medium").replace("{instance: t3.medium}",
                "{instance: t3.medium, cores: 4}"));
        Scenario s = ScenarioLoader.load(base);
        assertEquals(4, s.hosts().get("web").cores());
        assertEquals(0.0416, s.hosts().get("web").costPerHour(), 1e-12);
        Path over = dir.resolve("over.yaml");
        Files.writeString(over, "extends: base.yaml\nname: over\nprices: other\n");
        assertEquals(0.05, ScenarioLoader.load(over).hosts().get("web").costPerHour(), 1e-12);
        Files.writeString(over, "extends: base.yaml\nname: over\nprices: null\nhosts:\n  web: {instance: null}\n");
        assertNull(ScenarioLoader.load(over).prices());
    }

    // An unknown instance type is located on the host's line, with the closest name.
    @Test
    void unknownInstanceType_isLocatedWithDidYouMean() throws IOException {
        List<Problems.Problem> ps = problems(BOOK, String.format(SCENARIO, "t3.meduim"));
        assertHas(ps, "s.yaml", 4, "hosts.web.instance", "unknown instance type 't3.meduim'");
        assertHas(ps, "s.yaml", 4, "hosts.web.instance", "did you mean 't3.medium'?");
    }

    // A book that is not there, and an instance without any book.
    @Test
    void missingBook_andInstanceWithoutBook_areLocated() throws IOException {
        List<Problems.Problem> ps = problems(BOOK, String.format(SCENARIO, "t3.medium").replace("prices: test",
                "prices: tests"));
        assertHas(ps, "s.yaml", 2, "prices", "no price book 'tests'");
        assertHas(ps, "s.yaml", 2, "prices", "did you mean 'test'?");
        ps = problems(BOOK, String.format(SCENARIO, "t3.medium").replace("prices: test\n", ""));
        assertHas(ps, "s.yaml", 3, "hosts.web.instance", "name one at the top of the scenario");
    }

    // Mistakes in the book are reported in the book's file: a section without its source, a price
    // that is not a number, tiers that go down, an unknown key.
    @Test
    void mistakesInTheBook_areLocatedInTheBook() throws IOException {
        String bad = BOOK.replace("  source: {url: \"https://example.com/transfer\", read: 2026-12}\n", "")
                .replace("per_hour: 0.085}", "per_hour: cheap}")
                .replace("{up_to: 50TB, per_gb: 0.085}", "{up_to: 5TB, per_gb: 0.085}")
                .replace("region: here", "region: here\nregoin: there");
        List<Problems.Problem> ps = problems(bad, String.format(SCENARIO, "t3.medium"));
        assertHas(ps, "test.yaml", 10, "data_transfer_out", "source: missing");
        assertHas(ps, "test.yaml", 8, "instances.types.c6i.large.per_hour", "cheap");
        assertHas(ps, "test.yaml", 13, "data_transfer_out.tiers[1].up_to", "tiers must go up");
        assertHas(ps, "test.yaml", 3, "regoin", "did you mean 'region'?");
    }
}
