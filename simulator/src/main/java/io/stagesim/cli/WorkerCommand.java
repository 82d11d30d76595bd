package io.stagesim.cli;

import io.stagesim.cluster.ClusterMember;
import io.stagesim.cluster.ClusterSecret;
import io.stagesim.cluster.Members;
import io.stagesim.cluster.Worker;
import io.stagesim.report.Json;
import io.stagesim.report.SweepReporter;
import io.stagesim.run.ReplicationRunner;
import io.stagesim.run.Sweep;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.scenario.SloSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stagesim worker}: a member of a sweep's cluster, measuring the points sweeps send it. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Starts a member of a Hazelcast cluster that measures the points of sweeps run with",
            "'sweep --cluster'. It runs only items signed with the cluster's secret, and reads no file: each item",
            "carries the scenario's files. Runs until stopped (Ctrl-C)."})
final class WorkerCommand implements Callable<Integer> {

    @Mixin
    private ClusterOptions cluster = new ClusterOptions();

    @Option(names = "--port", defaultValue = "5701", description = "The port to listen on (default: ${DEFAULT-VALUE};"
            + " 0: any free port, said when started).")
    private int port;

    @Option(names = "--join", paramLabel = "HOST:PORT,…", description = "Members of the cluster to join (none: "
            + "this member starts the cluster).")
    private String join;

    @Option(names = "--threads", description = "Replications a point runs at once (default: cores).")
    private int threads = ReplicationRunner.defaultThreads();

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UserError("--port must be 0 to 65535, was " + port);
        }
        if (threads < 1) {
            throw new UserError("--threads must be >= 1, was " + threads);
        }
        ClusterSecret secret = cluster.secret();
        String name = cluster.checkedName();
        List<String> members = join == null ? List.of() : ClusterOptions.addresses("--join", join);
        Worker worker = new Worker(secret, (item, scenario) -> point(item.options(), item.settings(), item.point(),
                item.index(), scenario), line -> System.out.println("stagesim worker: " + line));
        ClusterMember hz;
        try {
            hz = Members.startWorker(secret.clusterName(name), new Members.Place(cluster.bind, port, members), worker,
                    1);
        } catch (RuntimeException e) {
            throw new UserError("cannot start the worker on " + cluster.bind + ":" + port + ": " + e.getMessage());
        }
        System.out.println("stagesim worker: listening on " + hz.address() + " in cluster '" + name + "' with "
                + hz.members() + " member(s)");
        hz.onChange(line -> System.out.println("stagesim worker: " + line));
        hz.awaitStop();
        return Main.OK;
    }

    /**
     * Which build of stagesim this is: the first 16 hex digits of the SHA-256 of the jar it runs
     * from, or "classes" when it runs from a folder of classes (a build in progress, the tests). A
     * worker of another build could measure other figures, so it refuses the item.
     */
    static String build() {
        return BuildHolder.ID;
    }

    /** Computed once, when first asked for (hashing the jar takes a moment). */
    private static final class BuildHolder {
        static final String ID = fingerprint();
    }

    private static String fingerprint() {
        try {
            java.net.URL where = Main.class.getProtectionDomain().getCodeSource().getLocation();
            java.nio.file.Path p = java.nio.file.Path.of(where.toURI());
            if (!java.nio.file.Files.isRegularFile(p)) {
                return "classes";
            }
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            try (var in = java.nio.file.Files.newInputStream(p)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                }
            }
            return java.util.HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (java.io.IOException | java.net.URISyntaxException | java.security.NoSuchAlgorithmException
                | RuntimeException e) {
            return "unknown";
        }
    }

    /** Measures one point as the local sweep would, and returns it as sweep.json's record of it. */
    private String point(Map<String, String> o, List<String> settings, List<String> point, int index,
            java.nio.file.Path scenario) throws ScenarioException {
        if (!build().equals(o.get("build"))) {
            throw new UserError("this worker runs another build of stagesim (" + build() + ") than the sweep ("
                    + o.get("build") + "), whose figures could differ: run the same stagesim.jar everywhere");
        }
        List<String> all = new java.util.ArrayList<>(settings);
        all.addAll(point);
        var s = Overrides.apply(ScenarioLoader.load(scenario, all), o.containsKey("seed")
                ? Long.valueOf(o.get("seed")) : null, o.containsKey("replications")
                ? Integer.valueOf(o.get("replications")) : null, o.get("duration"), o.get("warmup"), null, null);
        SloSpec slo = new SloSpec(Long.parseLong(o.get("slo.p50")), Long.parseLong(o.get("slo.p95")),
                Long.parseLong(o.get("slo.p99")), Double.parseDouble(o.get("slo.error_rate")));
        Sweep.Point p = Sweep.point(index, point, s, Sweep.Measure.valueOf(o.get("measure")), slo, threads,
                Double.parseDouble(o.get("precision")));
        return Json.write(SweepReporter.point(p));
    }
}
