package io.stagesim.cli;

import io.stagesim.calibrate.AccessLogs;
import io.stagesim.calibrate.ArrivalProfile;
import io.stagesim.calibrate.Calibration;
import io.stagesim.calibrate.CalibrationException;
import io.stagesim.calibrate.ClassRules;
import io.stagesim.calibrate.ConnectionFit;
import io.stagesim.calibrate.CpuSamples;
import io.stagesim.calibrate.DemandFit;
import io.stagesim.calibrate.LoadCurve;
import io.stagesim.calibrate.LogRecord;
import io.stagesim.calibrate.PgStatStatements;
import io.stagesim.calibrate.ProcessGroups;
import io.stagesim.calibrate.ScenarioWriter;
import io.stagesim.scenario.DatabaseSpec;
import io.stagesim.scenario.DjangoConnections;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.scenario.Units;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stagesim calibrate}: a scenario fitted to a site's own access logs and CPU samples. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Fits a scenario to your own measurements: request classes, shares and rates from access",
            "logs, each class's CPU demand at each process group from CPU samples taken at the same time",
            "(non-negative least squares of busy cores on per-class throughput), with 95%% intervals, R²",
            "and warnings when a fit is poor or classes cannot be told apart. Writes a runnable scenario."})
final class CalibrateCommand implements Callable<Integer> {

    @Option(names = "--nginx-log", paramLabel = "FILE",
            description = "NGINX access log in the 'stagesim' log_format (docs/calibrate.md).")
    private Path nginxLog;

    @Option(names = "--gunicorn-log", paramLabel = "FILE",
            description = "Gunicorn access log ending in %%(D)s (docs/calibrate.md).")
    private Path gunicornLog;

    @Option(names = "--cpu", paramLabel = "FILE",
            description = "Per-process CPU taken during the log: pidstat -h -u output or /proc snapshots.")
    private Path cpu;

    @Option(names = "--persistent-log", paramLabel = "FILE",
            description = "The same site's access log (same format) with persistent connections (CONN_MAX_AGE>0): "
                    + "with --persistent-cpu, fits a new connection's CPU on this machine.")
    private Path persistentLog;

    @Option(names = "--persistent-cpu", paramLabel = "FILE",
            description = "Per-process CPU taken during --persistent-log.")
    private Path persistentCpu;

    @Option(names = "--load-curve", paramLabel = "FILE",
            description = "CSV of concurrency,throughput_per_s,cpu_ms_per_request at several load levels: fits the "
                    + "host's demand_scale (docs/calibrate.md).")
    private Path loadCurve;

    @Option(names = "--after-response", description = "With --users 1: the CPU per request beyond the mean time at "
            + "the server ran after the response; write it as after_response_cpu (docs/calibrate.md).")
    private boolean afterResponse;

    @Option(names = "--pg-stat-statements", paramLabel = "FILE",
            description = "CSV export of pg_stat_statements (query, calls, total_exec_time) for queries per request.")
    private Path statements;

    @Option(names = "--class", paramLabel = "NAME=[METHOD ]REGEX",
            description = "A request class by URL (repeatable; first match wins), e.g. page='GET ^/articles/'.")
    private List<String> classes = new ArrayList<>();

    @Option(names = "--process", paramLabel = "NAME=REGEX",
            description = "A process group by command name (repeatable). Default: nginx, gunicorn, postgres.")
    private List<String> processes = new ArrayList<>();

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "5s",
            description = "Shortest interval the fit uses (default: ${DEFAULT-VALUE}).")
    private String window;

    @Option(names = "--clock-ticks", defaultValue = "100", description = "Clock ticks per second in /proc (default: 100).")
    private int clockTicks;

    @Option(names = "--cores", defaultValue = "2", description = "Cores of the measured host (default: 2).")
    private int cores;

    @Option(names = "--workers", defaultValue = "1", description = "Gunicorn workers (default: 1, Gunicorn's).")
    private int workers;

    @Option(names = "--proxy-workers", defaultValue = "1", description = "NGINX worker_processes (default: 1).")
    private int proxyWorkers;

    @Option(names = "--conn-max-age", paramLabel = "SECONDS", defaultValue = "0",
            description = "Django's CONN_MAX_AGE during the measurement (default: 0, Django's).")
    private long connMaxAge;

    @Option(names = "--users", description = "Write a closed workload of this many users (as a load generator's "
            + "connections) instead of the log's rate.")
    private Integer users;

    @Option(names = "--profile", paramLabel = "BUCKET", description = "Write the browser's arrival-rate profile "
            + "by time of day, the requests the app served per BUCKET of the log (e.g. 15m), instead of the mean "
            + "rate (default: off).")
    private String profile;

    @Option(names = "--response-sizes", description = "Write each class's response_size, its mean bytes sent as "
            + "logged (NGINX's $bytes_sent: after gzip, headers included; default: off).")
    private boolean responseSizes;

    @Option(names = "--name", defaultValue = "calibrated", description = "The scenario's name (default: calibrated).")
    private String name;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "calibrated.yaml",
            description = "The scenario to write; never overwrites a file (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Override
    public Integer call() {
        try {
            return calibrate();
        } catch (CalibrationException e) {
            throw new UserError(e.getMessage());
        }
    }

    private int calibrate() throws CalibrationException {
        if (nginxLog == null && gunicornLog == null) {
            throw new UserError("give an access log: --nginx-log FILE (log_format stagesim) or --gunicorn-log FILE "
                    + "(ending in %(D)s); docs/calibrate.md shows both formats");
        }
        if (cpu == null) {
            throw new UserError("give --cpu FILE, per-process CPU samples taken while the log was written (pidstat -h "
                    + "-u -p PIDS 1, or /proc snapshots): demands come from them");
        }
        if (Files.exists(out)) {
            throw new UserError(out + " exists; calibrate never overwrites a file: give another --out");
        }
        if (cores < 1 || workers < 1 || proxyWorkers < 1 || connMaxAge < 0 || users != null && users < 1) {
            throw new UserError("--cores, --workers, --proxy-workers and --users must be at least 1, --conn-max-age "
                    + "at least 0");
        }
        double windowSeconds;
        try {
            windowSeconds = Units.duration(window) / 1e9;
        } catch (IllegalArgumentException e) {
            throw new UserError("--window " + window + ": " + e.getMessage());
        }
        if (!(windowSeconds > 0)) {
            throw new UserError("--window must be longer than 0s, was " + window);
        }
        ClassRules rules = ClassRules.parse(classes);
        ProcessGroups groups = ProcessGroups.parse(processes.isEmpty()
                ? List.of("nginx=^nginx", "gunicorn=^gunicorn|^python", "postgres=^postgres") : processes);
        AccessLogs.Read log = nginxLog != null ? AccessLogs.nginx(nginxLog) : AccessLogs.gunicorn(gunicornLog);
        List<String> warnings = new ArrayList<>();
        if (log.skipped() > 0) {
            warnings.add(log.skipped() + " log lines skipped, first: " + log.problems().get(0));
        }
        if (nginxLog != null && gunicornLog != null) {
            warnings.add("both logs given: classes and rates come from the NGINX log; the Gunicorn log is not used");
        }
        CpuSamples.Series series = CpuSamples.read(cpu, groups, clockTicks);
        if (!groups.unmatched().isEmpty()) {
            warnings.add("processes in no group (left out): " + String.join(", ", groups.unmatched()));
        }
        Calibration.Result r = Calibration.of(log.records(), rules, series, windowSeconds);
        ScenarioWriter.ConnectionCost cost = connectionCost();
        if (persistentLog != null || persistentCpu != null) {
            cost = persistentCost(r, rules, groups, windowSeconds, warnings);
        }
        long queryCalls = statements == null ? 0 : PgStatStatements.read(statements).calls();
        String sources = (nginxLog != null ? "NGINX log " + nginxLog : "Gunicorn log " + gunicornLog) + ", CPU " + cpu
                + (statements != null ? ", pg_stat_statements " + statements : "")
                + (persistentLog != null ? ", persistent connections: log " + persistentLog + ", CPU " + persistentCpu
                        : "");
        List<String> names = groups.names();
        ScenarioWriter.Setup setup = new ScenarioWriter.Setup(name,
                nginxLog != null && names.contains("nginx") ? "nginx" : null, "gunicorn", "postgres", cores, workers,
                proxyWorkers, connMaxAge, users, queryCalls, sources);
        LoadCurve.Result curve = loadCurve == null ? null : LoadCurve.fit(LoadCurve.read(loadCurve), workers);
        if (afterResponse && (users == null || users != 1)) {
            throw new UserError("--after-response reads the CPU off the critical path from a capture taken one "
                    + "request at a time: give --users 1 (a closed loop of one connection)");
        }
        String proxy = setup.proxyGroup();
        double after = afterResponse ? Calibration.offPath(r, proxy, "gunicorn", "postgres") : 0;
        ArrivalProfile.Result arrivals = null;
        if (profile != null) {
            if (users != null) {
                throw new UserError("--profile writes an open workload (a rate over time); --users a closed one: "
                        + "give one of them");
            }
            long bucketNs;
            try {
                bucketNs = Units.duration(profile);
            } catch (IllegalArgumentException e) {
                throw new UserError("--profile " + profile + ": " + e.getMessage());
            }
            arrivals = ArrivalProfile.of(log.records(), bucketNs / 1_000_000, "--profile " + profile);
        }
        String yaml = ScenarioWriter.write(r, setup, cost, warnings, curve, after, arrivals, responseSizes);
        try {
            ScenarioLoader.loadText(out.getFileName().toString(), yaml, out.toAbsolutePath().getParent());
        } catch (ScenarioException e) {
            throw new IllegalStateException("calibrate wrote a scenario that does not load:\n"
                    + e.problems().format() + "\n" + yaml, e);
        }
        System.out.print(summary(r, warnings));
        if (cost.fitted() != null) {
            System.out.printf(Locale.ROOT, "%nA new database connection (CONN_MAX_AGE=0 less persistent, 95%%):%n  %s%n"
                    + "  %s%n", cost.fitted().app().describe(), cost.fitted().db().describe());
        }
        SafeFiles.write(out, yaml);
        System.out.println("Wrote " + out + " (run it: stagesim run " + out + ")");
        return Main.OK;
    }

    /**
     * A new connection's CPU fitted from the persistent capture beside the main one (which must be
     * CONN_MAX_AGE=0): the difference of the two captures' CPU per request at Gunicorn and PostgreSQL.
     */
    private ScenarioWriter.ConnectionCost persistentCost(Calibration.Result fresh, ClassRules rules, ProcessGroups groups, double windowSeconds,
            List<String> warnings) throws CalibrationException {
        if (persistentLog == null || persistentCpu == null) {
            throw new UserError("--persistent-log and --persistent-cpu go together: the access log and the CPU "
                    + "samples of the same site with persistent connections");
        }
        if (connMaxAge != 0) {
            throw new UserError("--persistent-log fits a new connection's cost from the difference with a "
                    + "CONN_MAX_AGE=0 capture: the main capture must be that one (--conn-max-age 0), was "
                    + connMaxAge);
        }
        AccessLogs.Read log = nginxLog != null ? AccessLogs.nginx(persistentLog) : AccessLogs.gunicorn(persistentLog);
        if (log.skipped() > 0) {
            warnings.add(log.skipped() + " lines of the persistent log skipped, first: " + log.problems().get(0));
        }
        Calibration.Result p = Calibration.of(log.records(), rules, CpuSamples.read(persistentCpu, groups, clockTicks),
                windowSeconds);
        DemandFit.Result db = p.fits().get("postgres");
        long served = 0;
        long usingDb = 0;
        for (Calibration.ClassSummary c : p.classes()) {
            if (c.name().equals(Calibration.PROXY_ONLY)) {
                continue;
            }
            served += c.count();
            usingDb += db != null && db.demand(c.name()) != null && db.demand(c.name()).value() > 0 ? c.count() : 0;
        }
        ConnectionFit.Result f = ConnectionFit.fit(fresh, p, "gunicorn", "postgres",
                served > 0 ? usingDb / (double) served : 0);
        return ScenarioWriter.ConnectionCost.of(f);
    }

    /** What the model adds for a new database connection: from the defaults of a minimal scenario. */
    static ScenarioWriter.ConnectionCost connectionCost() {
        try {
            Scenario s = ScenarioLoader.loadText("defaults.yaml", """
                    name: defaults
                    hosts: {server: {}}
                    services:
                      browser: {type: browser, rate: 1/s, target: gunicorn}
                      gunicorn: {type: app_server, host: server}
                      db: {type: database, engine: postgres, host: server}
                    requests:
                      page: {view: {cpu: 1ms}}
                    """, Path.of("."));
            DatabaseSpec db = (DatabaseSpec) s.services().get("db");
            DjangoConnections d = DjangoConnections.DEFAULT;
            return new ScenarioWriter.ConnectionCost((d.connectCpu().mean() + d.setupCpu().mean()) / 1e9,
                    (db.connectCpu().mean() + db.coldCacheCpu().mean()) / 1e9);
        } catch (ScenarioException e) {
            throw new IllegalStateException(e);
        }
    }

    static String summary(Calibration.Result r, List<String> extra) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d requests over %.1f s (%.2f/s); %d windows of at least %s%n%n",
                r.classes().stream().mapToLong(Calibration.ClassSummary::count).sum(), r.spanSeconds(), r.ratePerS(),
                r.windows(), Units.formatDuration(Math.round(r.windowSeconds() * 1e9))));
        sb.append(String.format(Locale.ROOT, "%-12s %9s %8s %10s %10s%n", "class", "requests", "share", "p50 ms",
                "p90 ms"));
        for (Calibration.ClassSummary c : r.classes()) {
            sb.append(String.format(Locale.ROOT, "%-12s %9d %7.2f%% %10.2f %10.2f%n", c.name(), c.count(),
                    c.share() * 100, c.p50Seconds() * 1000, c.p90Seconds() * 1000));
        }
        for (DemandFit.Result f : r.fits().values()) {
            sb.append(String.format(Locale.ROOT, "%nCPU of %s (%s): R² %s, background %.3f cores; ms per request "
                    + "(95%%):%n", f.group(), f.method(),
                    Double.isNaN(f.rSquared()) ? "-" : String.format(Locale.ROOT, "%.3f", f.rSquared()),
                    f.background().value()));
            for (DemandFit.Coefficient c : f.demands()) {
                sb.append(String.format(Locale.ROOT, "  %-12s %9.3f %s%n", c.name(), c.value() * 1000,
                        !f.separated() ? "(the mix's, split by time at the server)"
                                : Double.isNaN(c.halfWidth()) ? "(at the bound 0)"
                                : String.format(Locale.ROOT, "± %.3f", c.halfWidth() * 1000)));
            }
        }
        List<String> warnings = new ArrayList<>(r.warnings());
        warnings.addAll(extra);
        if (!warnings.isEmpty()) {
            sb.append('\n');
            for (String w : warnings) {
                sb.append("warning: ").append(w).append('\n');
            }
        }
        return sb.toString();
    }
}
