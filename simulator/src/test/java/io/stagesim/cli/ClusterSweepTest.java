package io.stagesim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.cluster.ClusterMember;
import io.stagesim.cluster.ClusterSecret;
import io.stagesim.cluster.Dispatcher;
import io.stagesim.cluster.Members;
import io.stagesim.cluster.WorkItem;
import io.stagesim.run.Sweep;
import io.stagesim.scenario.SloSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep on a cluster of three worker JVMs on loopback, one of them killed while it runs a
 * point, writes byte for byte what the same sweep writes on one machine; a sweep or a member
 * without the secret gets no work run, and says so. The workers listen on ports the system picks
 * (so two test runs never collide), are started here, and are stopped by their process ids
 * whatever happens.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
final class ClusterSweepTest {

    private static final String SECRET = "cluster-test-secret-0123456789";
    private static final String MM1 = Path.of("..", "scenarios", "textbook-mm1.yaml").toString();
    private static final String[] SWEEP = {"sweep", MM1, "--vary", "services.browser.rate=30/s,40/s,50/s",
        "--vary", "requests.page.view.cpu=exponential(5ms),constant(5ms)", "--measure", "run", "--duration", "150s",
        "--warmup", "2s", "--replications", "2", "--threads", "1"};
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+:\\d+) in cluster");

    @TempDir
    static Path dir;

    private static final List<Long> PIDS = new ArrayList<>();
    private static final List<Path> LOGS = new ArrayList<>();
    private static final List<String> ADDRESSES = new ArrayList<>();

    @RegisterExtension
    final StandardError err = new StandardError();

    @BeforeAll
    static void startThreeWorkers() throws Exception {
        start(null);
        String first = ADDRESSES.get(0);
        Process second = launch(first);
        Process third = launch(first);
        ADDRESSES.add(address(second, LOGS.get(1)));
        ADDRESSES.add(address(third, LOGS.get(2)));
        waitFor(LOGS.get(0), "the cluster has 3 member\\(s\\)");
    }

    @AfterAll
    static void stopWorkers() {
        for (long pid : PIDS) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().join();
            });
        }
    }

    @Test
    void aWorkerKilledMidSweep_theResultIsTheLocalOneByteForByte() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), SECRET + "\n");
        assertEquals(Main.OK, Main.execute(with("--out", dir.resolve("local").toString())));
        CompletableFuture<Integer> sweep = CompletableFuture.supplyAsync(() -> Main.execute(with("--cluster",
                ADDRESSES.get(0), "--secret-file", secret.toString(), "--out", dir.resolve("cluster").toString())));
        Matcher started = waitFor(LOGS.get(1), "item (\\d+) started");
        ProcessHandle victim = ProcessHandle.of(PIDS.get(1)).orElseThrow();
        victim.destroyForcibly(); // SIGKILL: no goodbye to the cluster, the point it runs is lost with it
        victim.onExit().get(30, TimeUnit.SECONDS);
        assertEquals(Main.OK, sweep.get(120, TimeUnit.SECONDS), err.text());
        for (String f : new String[] {"sweep.json", "sweep.csv"}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("local").resolve(f)),
                    Files.readAllBytes(dir.resolve("cluster").resolve(f)), f);
        }
        // the point it was running when killed (a point takes a second or more, the kill comes within
        // milliseconds of its start) is finished by another worker; only a machine that stalled this
        // test for the whole point could let the victim finish it first
        String lost = started.group(1);
        if (!Files.readString(LOGS.get(1)).contains("item " + lost + " done")) {
            assertTrue(Files.readString(LOGS.get(0)).contains("item " + lost + " done")
                    || Files.readString(LOGS.get(2)).contains("item " + lost + " done"), "run again elsewhere");
        }
        assertTrue(err.text().contains("worker " + ADDRESSES.get(1) + " left the cluster"), err.text());
        // every point counted once: the counts by member add up to the grid
        Matcher by = Pattern.compile("points on the cluster, by member: (.*?)(;|\\R)").matcher(err.text());
        assertTrue(by.find(), err.text());
        int sum = 0;
        for (String part : by.group(1).split(", ")) {
            sum += Integer.parseInt(part.substring(part.lastIndexOf(' ') + 1));
        }
        assertEquals(6, sum, by.group(1));
    }

    // a sensitivity analysis on the cluster: its capacity searches are the cluster's items, and
    // sensitivity.json is byte for byte the one-machine file
    @Test
    void aSensitivityAnalysis_onTheCluster_isTheLocalOneByteForByte() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret-s"), SECRET + "\n");
        String[] args = {"sweep", MM1, "--sensitivity", "20%", "--param", "requests.page.view.cpu", "--p99", "100ms",
            "--duration", "20s", "--warmup", "2s", "--replications", "2", "--precision", "0.1", "--threads", "1"};
        assertEquals(Main.OK, Main.execute(concat(args, "--out", dir.resolve("sens-local").toString())));
        assertEquals(Main.OK, Main.execute(concat(args, "--cluster", ADDRESSES.get(0), "--secret-file", secret.toString(), "--out",
                dir.resolve("sens-cluster").toString())), err.text());
        for (String f : new String[] {"sensitivity.json", "tornado.csv", "report.html"}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("sens-local").resolve(f)),
                    Files.readAllBytes(dir.resolve("sens-cluster").resolve(f)), f);
        }
        assertTrue(err.text().contains("3 points on the cluster"), err.text());
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void aSweepWithAnotherSecret_isNotLetIn() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong"), "not-the-cluster-secret-at-all");
        assertEquals(Main.BAD_INPUT, Main.execute(with("--cluster", ADDRESSES.get(0), "--secret-file",
                wrong.toString(), "--cluster-wait", "2s", "--out", dir.resolve("wrong-out").toString())));
        assertTrue(err.text().contains("no stagesim worker is in the cluster after 2 s"), err.text());
        assertTrue(err.text().contains("share this sweep's secret and cluster name"), err.text());
        assertFalse(Files.exists(dir.resolve("wrong-out").resolve("sweep.json")));
    }

    // One who learnt the cluster's name (it crosses the wire in clear) but not its secret gets
    // into the cluster, but no worker runs its items: their signature is checked first.
    @Test
    void itemsSignedWithAnotherSecret_areRejectedByTheWorkers() throws Exception {
        ClusterSecret right = ClusterSecret.of(SECRET.getBytes(StandardCharsets.UTF_8));
        ClusterSecret forger = ClusterSecret.of("a-forger-who-knows-the-name".getBytes(StandardCharsets.UTF_8));
        ClusterMember hz = Members.startSweep(right.clusterName("stagesim"),
                new Members.Place("127.0.0.1", 0, List.of(ADDRESSES.get(0))));
        try {
            Path scenario = Path.of(MM1).toAbsolutePath().normalize();
            WorkItem item = ClusterSweep.item("forged", 0, List.of(), new ClusterSweep.Job(scenario, List.of(),
                    new RunOptions(), Sweep.Measure.RUN, SloSpec.NONE, 0.02));
            TreeMap<Integer, byte[]> items = new TreeMap<>();
            items.put(0, forger.sign("item", item.encode()));
            Dispatcher.Failure f = assertThrows(Dispatcher.Failure.class, () -> Dispatcher.run(hz, forger, "forged",
                    items, 30_000, (d, t, p) -> { }));
            assertTrue(f.getMessage().contains("a worker rejected item 0: its signature does not match this "
                    + "worker's secret"), f.getMessage());
        } finally {
            hz.close();
        }
        boolean said = false;
        for (Path log : LOGS) {
            said |= Files.readString(log).contains("rejected a work item: item signed with another secret");
        }
        assertTrue(said, "a worker's log says it rejected the item");
    }

    // A worker of another build could measure other figures: it refuses the point, and says why.
    @Test
    void anItemFromAnotherBuild_isRefusedWithTheReason() throws Exception {
        ClusterSecret right = ClusterSecret.of(SECRET.getBytes(StandardCharsets.UTF_8));
        ClusterMember hz = Members.startSweep(right.clusterName("stagesim"),
                new Members.Place("127.0.0.1", 0, List.of(ADDRESSES.get(0))));
        try {
            WorkItem item = ClusterSweep.item("other-build", 0, List.of(), new ClusterSweep.Job(
                    Path.of(MM1).toAbsolutePath().normalize(), List.of(), new RunOptions(), Sweep.Measure.RUN,
                    SloSpec.NONE, 0.02));
            TreeMap<String, String> options = new TreeMap<>(item.options());
            options.put("build", "0123456789abcdef");
            WorkItem other = new WorkItem(item.sweep(), 0, item.scenario(), item.files(), item.settings(),
                    item.point(), options);
            TreeMap<Integer, byte[]> items = new TreeMap<>();
            items.put(0, right.sign("item", other.encode()));
            Dispatcher.Failure f = assertThrows(Dispatcher.Failure.class, () -> Dispatcher.run(hz, right,
                    "other-build", items, 30_000, (d, t, p) -> { }));
            assertTrue(f.getMessage().contains("could not be measured on 127.0.0.1:"), f.getMessage());
            assertTrue(f.getMessage().contains("this worker runs another build of stagesim (classes) than the sweep "
                    + "(0123456789abcdef)"), f.getMessage());
        } finally {
            hz.close();
        }
    }

    // Hazelcast clients are checked by the cluster name alone in open source: the members open no
    // port for them.
    @Test
    void aHazelcastClient_findsNoPortToConnectTo() {
        ClusterSecret right = ClusterSecret.of(SECRET.getBytes(StandardCharsets.UTF_8));
        com.hazelcast.client.config.ClientConfig c = new com.hazelcast.client.config.ClientConfig();
        c.setClusterName(right.clusterName("stagesim"));
        c.getNetworkConfig().addAddress(ADDRESSES.get(0));
        c.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(3000);
        c.setProperty("hazelcast.phone.home.enabled", "false");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> com.hazelcast.client.HazelcastClient.newHazelcastClient(c).shutdown());
        assertTrue(e.getMessage().contains("Unable to connect"), e.getMessage());
    }

    private static String[] with(String... more) {
        String[] args = java.util.Arrays.copyOf(SWEEP, SWEEP.length + more.length);
        System.arraycopy(more, 0, args, SWEEP.length, more.length);
        return args;
    }

    private static void start(String join) throws Exception {
        Process p = launch(join);
        ADDRESSES.add(address(p, LOGS.get(LOGS.size() - 1)));
    }

    /** A worker JVM on this test's class path, its output to a log file; its pid recorded first thing. */
    private static Process launch(String join) throws IOException {
        Path log = dir.resolve("worker-" + LOGS.size() + ".log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")), "io.stagesim.cli.Main", "worker", "--port", "0",
                "--threads", "1"));
        if (join != null) {
            cmd.addAll(List.of("--join", join));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put(ClusterOptions.SECRET_VARIABLE, SECRET);
        Process p = pb.start();
        PIDS.add(p.pid());
        LOGS.add(log);
        return p;
    }

    private static String address(Process p, Path log) throws Exception {
        Matcher m = waitFor(log, LISTENING.pattern());
        assertTrue(p.isAlive(), Files.readString(log));
        return m.group(1);
    }

    /** Waits (up to a minute) until each log holds its pattern; the first log's match. */
    private static Matcher waitFor(Object... logsAndPatterns) throws Exception {
        Matcher first = null;
        for (int i = 0; i < logsAndPatterns.length; i += 2) {
            Path log = (Path) logsAndPatterns[i];
            Pattern pattern = Pattern.compile((String) logsAndPatterns[i + 1]);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Matcher m = pattern.matcher("");
            while (!(m = pattern.matcher(Files.exists(log) ? Files.readString(log) : "")).find()) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("no '" + pattern + "' in " + log + ":\n" + Files.readString(log));
                }
                Thread.sleep(50);
            }
            first = first == null ? m : first;
        }
        return first;
    }
}
