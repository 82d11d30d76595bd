package io.stagesim.cli;

import io.stagesim.cluster.ClusterMember;
import io.stagesim.cluster.ClusterSecret;
import io.stagesim.cluster.Dispatcher;
import io.stagesim.cluster.Members;
import io.stagesim.cluster.WorkItem;
import io.stagesim.report.Json;
import io.stagesim.report.SweepReporter;
import io.stagesim.run.Sweep;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.scenario.SloSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code sweep --cluster}: the grid's points as signed work items, run by the cluster's workers,
 * and their results as the points a local sweep would have measured. The sweep joins the cluster
 * as a lite member: it takes part in the member protocol (and so in the same secret-derived
 * cluster name) but holds no partition, so no item is ever run by the sweep itself, and no client
 * port needs to be opened on the workers.
 */
final class ClusterSweep {

    private ClusterSweep() {
    }

    /** What the items need besides their point: the command's settings and options. */
    record Job(Path file, List<String> set, RunOptions run, Sweep.Measure measure, SloSpec slo, double precision) {
    }

    /**
     * Runs the points {@code indices} of {@code grid} on the cluster at {@code addresses} and
     * returns them in index order, handing each to {@code finished} as it comes.
     */
    static List<SweepReporter.PointFile> run(ClusterOptions cluster, String addresses, long waitMillis, Job job,
            List<List<String>> grid, List<Integer> indices, ProgressBar bar,
            Consumer<SweepReporter.PointFile> finished) {
        ClusterSecret secret = cluster.secret();
        String name = cluster.checkedName();
        List<String> members = ClusterOptions.addresses("--cluster", addresses);
        String sweep = java.util.UUID.randomUUID().toString();
        SortedMap<Integer, byte[]> items = new TreeMap<>();
        for (int i : indices) {
            items.put(i, secret.sign("item", item(sweep, i, grid.get(i), job).encode()));
        }
        ClusterMember hz;
        try {
            hz = Members.startSweep(secret.clusterName(name), new Members.Place(cluster.bind, 0, members));
        } catch (RuntimeException e) {
            throw new UserError("cannot join the cluster at " + addresses + ": " + e.getMessage());
        }
        try {
            Dispatcher.Outcome out = Dispatcher.run(hz, secret, sweep, items, waitMillis, new Dispatcher.Progress() {
                @Override
                public void done(int done, int total, SortedMap<String, Integer> per) {
                    bar.label(perMember(per));
                    bar.update(done, total);
                }

                @Override
                public void point(int index, String text) {
                    finished.accept(parse(text));
                }

                @Override
                public void left(String member) {
                    System.err.println("stagesim: worker " + member + " left the cluster; its unfinished points run "
                            + "again on the others");
                }
            });
            List<SweepReporter.PointFile> points = new ArrayList<>();
            for (Map.Entry<Integer, String> e : out.texts().entrySet()) {
                points.add(parse(e.getValue()));
            }
            System.err.println("stagesim: " + items.size() + " points on the cluster, by member: "
                    + perMember(out.perMember()) + (out.repeated() == 0 ? "" : "; " + out.repeated()
                    + " finished twice after a member was lost, counted once") + (out.resent() == 0 ? "" : "; "
                    + out.resent() + " sent again after a member was lost"));
            return points;
        } catch (Dispatcher.Failure e) {
            throw new UserError(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while the cluster ran the sweep");
        } finally {
            hz.close();
        }
    }

    private static SweepReporter.PointFile parse(String text) {
        try {
            return Json.read(text, SweepReporter.PointFile.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserError("a worker sent a point that is not sweep.json's: " + e.getOriginalMessage());
        }
    }

    private static String perMember(SortedMap<String, Integer> per) {
        StringBuilder sb = new StringBuilder();
        per.forEach((m, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(m).append(' ').append(n));
        return sb.toString();
    }

    /** The item for grid point {@code index}: its files, settings and the command's options. */
    static WorkItem item(String sweep, int index, List<String> point, Job job) {
        List<String> all = new ArrayList<>(job.set());
        all.addAll(point);
        List<Path> files;
        try {
            files = ScenarioLoader.sources(job.file(), all);
        } catch (ScenarioException e) {
            throw new UserError(e.getMessage().stripTrailing());
        }
        Path root = files.get(0).getParent();
        for (Path f : files) {
            while (!f.startsWith(root)) {
                root = root.getParent();
            }
        }
        SortedMap<String, byte[]> carried = new TreeMap<>();
        for (Path f : files) {
            try {
                carried.put(relative(root, f), Files.readAllBytes(f));
            } catch (IOException e) {
                throw new UserError("cannot read " + SafeFiles.shown(f) + " to send it: " + SafeFiles.reason(e));
            }
        }
        SortedMap<String, String> o = new TreeMap<>();
        RunOptions r = job.run();
        if (r.seed != null) {
            o.put("seed", r.seed.toString());
        }
        if (r.replications != null) {
            o.put("replications", r.replications.toString());
        }
        if (r.duration != null) {
            o.put("duration", r.duration);
        }
        if (r.warmup != null) {
            o.put("warmup", r.warmup);
        }
        o.put("build", WorkerCommand.build());
        o.put("measure", job.measure().name());
        o.put("precision", Double.toString(job.precision()));
        o.put("slo.p50", Long.toString(job.slo().p50()));
        o.put("slo.p95", Long.toString(job.slo().p95()));
        o.put("slo.p99", Long.toString(job.slo().p99()));
        o.put("slo.error_rate", Double.toString(job.slo().errorRate()));
        return new WorkItem(sweep, index, relative(root, files.get(0)), carried, job.set(), point, o);
    }

    private static String relative(Path root, Path file) {
        List<String> parts = new ArrayList<>();
        for (Path p : root.relativize(file)) {
            parts.add(p.toString());
        }
        return String.join("/", parts);
    }
}
