package io.stagesim.cli;

import io.stagesim.run.ReplicationRunner;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.Units;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stagesim serve FILE…}: the live what-if page for the stages given. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves a what-if page for the scenario files given: pick a stage, move sliders for the load",
            "and the settings that matter, and see the figures and the topology of a fresh short run, then",
            "the capacity a short search finds (as stress would with the --capacity-* settings); walk the",
            "ladder from stage to stage, each at its capacity.",
            "Only these files can be run; every request needs the access token printed with the address."})
final class ServeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The scenario files (YAML) the page may run.")
    private List<Path> files = new ArrayList<>();

    @Option(names = "--port", description = "Port to listen on; 0 chooses a free one (default: ${DEFAULT-VALUE}).")
    private int port = 8080;

    @Option(names = "--bind", description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    private String bind = "127.0.0.1";

    @Option(names = "--seed", description = "Master seed of every run (default: each scenario's run.seed).")
    private Long seed;

    @Option(names = "--replications", description = "Replications of every run (default: ${DEFAULT-VALUE}).")
    private int replications = 2;

    @Option(names = "--duration", description = "Simulated time per replication, at most 10min "
            + "(default: ${DEFAULT-VALUE}).")
    private String duration = "30s";

    @Option(names = "--max-events", description = "Events per replication before it ends early "
            + "(default: ${DEFAULT-VALUE}).")
    private long maxEvents = 50_000_000L;

    @Option(names = "--max-wall-time", description = "Wall-clock time per run before it ends early "
            + "(default: ${DEFAULT-VALUE}).")
    private String maxWall = "30s";

    @Option(names = "--queue", description = "Runs or capacity searches that may wait while every core runs one; "
            + "more are refused "
            + "(default: ${DEFAULT-VALUE}).")
    private int queue = 4;

    @Option(names = "--capacity-duration", paramLabel = "D", description = "Simulated time per replication at each "
            + "load point of a capacity search, as stress --duration (default: ${DEFAULT-VALUE}).")
    private String capacityDuration = "20s";

    @Option(names = "--capacity-replications", paramLabel = "R", description = "Replications per load point of a "
            + "capacity search, as stress --replications (default: ${DEFAULT-VALUE}).")
    private int capacityReplications = 3;

    @Option(names = "--capacity-precision", paramLabel = "P", description = "Relative width at which a capacity "
            + "search stops, as stress --precision (default: ${DEFAULT-VALUE}).")
    private double capacityPrecision = 0.05;

    @Option(names = "--capacity-max-wall-time", paramLabel = "T", description = "Wall-clock time of a whole capacity "
            + "search before it is given up (default: ${DEFAULT-VALUE}).")
    private String capacityMaxWall = "2min";

    @Override
    public Integer call() throws InterruptedException {
        WhatIfServer.Limits limits = limits(duration, maxWall, replications, seed, maxEvents,
                ReplicationRunner.defaultThreads(), queue, search(capacityDuration, capacityReplications,
                        capacityPrecision, capacityMaxWall));
        List<WhatIf.Stage> stages = stages(files);
        if (port < 0 || port > 65535) {
            throw new UserError("--port must be from 0 to 65535, was " + port);
        }
        WhatIfServer server;
        try {
            server = WhatIfServer.start(stages, limits, WhatIfServer.real(), bind, port);
        } catch (RuntimeException e) {
            throw new UserError("cannot listen on " + bind + ":" + port + " (" + e.getMessage()
                    + "): choose another --port, or --port 0 for a free one");
        }
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        System.out.println("stagesim serve: " + stages.size() + " stage(s); open");
        System.out.println("    http://" + host + ":" + server.port() + "/?token=" + server.token());
        System.out.println("(the token is needed on every request; Ctrl-C stops the server)");
        System.out.flush();
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        forever.await();
        return Main.OK;
    }

    /** The stages of {@code files}, each loaded as its file says (a bad file is a located error now, not on the page). */
    static List<WhatIf.Stage> stages(List<Path> files) {
        List<WhatIf.Stage> stages = new ArrayList<>();
        for (Path f : files) {
            Scenario s = new SetOptions().load(f);
            stages.add(WhatIf.stage(stages.size(), f, s));
        }
        return stages;
    }

    /** As {@link #limits(String, String, int, Long, long, int, int, WhatIfCapacity.Search)}, searches as by default. */
    static WhatIfServer.Limits limits(String duration, String maxWall, int replications, Long seed, long maxEvents,
            int slots, int queue) {
        return limits(duration, maxWall, replications, seed, maxEvents, slots, queue,
                search("20s", 3, 0.05, "2min"));
    }

    /**
     * Checked capacity-search settings: duration above 0 and up to 10 min, replications 1..20,
     * precision as {@code stress --precision}, wall time from 1 s to 1 h.
     */
    static WhatIfCapacity.Search search(String duration, int replications, double precision, String maxWall) {
        long[] dw = durations(duration, maxWall, "--capacity-duration / --capacity-max-wall-time");
        long d = dw[0];
        long w = dw[1];
        if (d <= 0 || d > 600_000_000_000L) {
            throw new UserError("--capacity-duration must be above 0 and at most 10min (each load point of a search "
                    + "is a short run), was " + duration);
        }
        if (w < 1_000_000_000L || w > 3_600_000_000_000L) {
            throw new UserError("--capacity-max-wall-time must be from 1s to 1h, was " + maxWall);
        }
        if (replications < 1 || replications > 20) {
            throw new UserError("--capacity-replications must be from 1 to 20, was " + replications);
        }
        if (!(precision >= io.stagesim.run.CapacitySearch.MIN_PRECISION && precision < 1)) {
            throw new UserError("--capacity-precision must be at least 1e-6 and below 1 (the relative width at which "
                    + "the search stops: 0.05 is 5 %), was " + precision);
        }
        return new WhatIfCapacity.Search(duration, replications, precision, w / 1_000_000);
    }

    /** Checked limits: replications 1..20, duration up to 10 min, wall time up to 10 min, queue 0..64. */
    static WhatIfServer.Limits limits(String duration, String maxWall, int replications, Long seed, long maxEvents,
            int slots, int queue, WhatIfCapacity.Search search) {
        long[] dw = durations(duration, maxWall, "--duration / --max-wall-time");
        long d = dw[0];
        long w = dw[1];
        if (d <= 0 || d > 600_000_000_000L) {
            throw new UserError("--duration must be above 0 and at most 10min (a what-if is a short run), was "
                    + duration);
        }
        if (w < 1_000_000 || w > 600_000_000_000L) {
            throw new UserError("--max-wall-time must be from 1ms to 10min, was " + maxWall);
        }
        if (replications < 1 || replications > 20) {
            throw new UserError("--replications must be from 1 to 20, was " + replications);
        }
        if (maxEvents < 1) {
            throw new UserError("--max-events must be at least 1, was " + maxEvents);
        }
        if (queue < 0 || queue > 64) {
            throw new UserError("--queue must be from 0 to 64, was " + queue);
        }
        return new WhatIfServer.Limits(duration, replications, seed, maxEvents, w / 1_000_000, Math.max(1, slots),
                queue, search);
    }

    /** The run length and the wall-time limit in ns, or a user error naming {@code options}. */
    private static long[] durations(String duration, String maxWall, String options) {
        try {
            return new long[] {Units.duration(duration), Units.duration(maxWall)};
        } catch (IllegalArgumentException e) {
            throw new UserError(options + ": " + e.getMessage());
        }
    }
}
