package io.stagesim.calibrate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a calibration as a runnable scenario: one host, the browser (open at the log's rate, or
 * closed with {@code users}), NGINX when the log is NGINX's, Gunicorn, PostgreSQL, and a request
 * class per class found with its share and fitted demands, every figure commented with its interval.
 *
 * <p>With {@code CONN_MAX_AGE = 0} the measured CPU of a request that uses the database includes
 * opening a connection; the model adds that itself (the app server's {@code db_connect_cpu} and
 * {@code db_setup_cpu}, the database's {@code connect_cpu} and {@code cold_cache_cpu}), so the
 * written view and query CPU are the fitted demands less those parts — which is what lets the file
 * answer "what if we kept connections" ({@code conn_max_age: 60s}).
 */
public final class ScenarioWriter {

    /** Who the process groups are, and what calibrate cannot see. */
    public record Setup(String name, String proxyGroup, String appGroup, String dbGroup, int cores, int workers,
            int proxyWorkers, long connMaxAgeSeconds, Integer users, long queryCalls, String sources) {
    }

    /**
     * The connection costs (s) the written scenario charges: the app's connect + set-up, the
     * database's backend start + cold caches; the model's own (A.7) unless {@code fitted} (non-null)
     * measured them on the user's machine, in which case they are written into the scenario.
     */
    public record ConnectionCost(double app, double db, ConnectionFit.Result fitted) {

        /** The model's defaults, not fitted. */
        public ConnectionCost(double app, double db) {
            this(app, db, null);
        }

        /** The costs fitted from a capture with persistent connections beside one without. */
        public static ConnectionCost of(ConnectionFit.Result f) {
            return new ConnectionCost(f.app().clamped(), f.db().clamped(), f);
        }
    }

    private static final double US = 1e-6;

    private ScenarioWriter() {
    }

    /** The scenario's YAML text. */
    public static String write(Calibration.Result r, Setup s, ConnectionCost connect, List<String> extraWarnings) {
        return write(r, s, connect, extraWarnings, null);
    }

    /** The scenario's YAML text, the host's CPU load-dependent by {@code curve} (null for constant demands). */
    public static String write(Calibration.Result r, Setup s, ConnectionCost connect, List<String> extraWarnings,
            LoadCurve.Result curve) {
        return write(r, s, connect, extraWarnings, curve, 0);
    }

    /**
     * The scenario's YAML text; {@code afterResponse} seconds of each request's CPU (the part off the
     * critical path, {@link Calibration#offPath}) written as the app server's {@code after_response_cpu}
     * and taken from every CPU figure written in proportion, so the total per request is kept.
     */
    public static String write(Calibration.Result fitted, Setup s, ConnectionCost fittedConnect,
            List<String> extraWarnings, LoadCurve.Result curve, double afterResponse) {
        return write(fitted, s, fittedConnect, extraWarnings, curve, afterResponse, null, false);
    }

    /**
     * The scenario's YAML text, as above; with {@code profile} (non-null) the browser's arrival rate is
     * that profile, one point per bucket at its start, instead of the mean rate, and the run lasts the
     * profile; with {@code sizes} each class's {@code response_size} is its mean bytes sent as logged.
     */
    public static String write(Calibration.Result fitted, Setup s, ConnectionCost fittedConnect,
            List<String> extraWarnings, LoadCurve.Result curve, double afterResponse, ArrivalProfile.Result profile,
            boolean sizes) {
        double total = Calibration.modelledDemand(fitted, s.proxyGroup(), s.appGroup(), s.dbGroup());
        double k = afterResponse > 0 && total > 0 ? Math.max(0, 1 - afterResponse / total) : 1;
        Calibration.Result r = k == 1 ? fitted : scaled(fitted, k);
        ConnectionCost connect = k == 1 || fittedConnect.fitted() == null ? fittedConnect
                : new ConnectionCost(fittedConnect.app() * k, fittedConnect.db() * k, fittedConnect.fitted());
        List<String> warnings = new ArrayList<>(r.warnings());
        warnings.addAll(extraWarnings);
        DemandFit.Result app = r.fits().get(s.appGroup());
        DemandFit.Result db = r.fits().get(s.dbGroup());
        DemandFit.Result proxy = s.proxyGroup() == null ? null : r.fits().get(s.proxyGroup());
        List<Calibration.ClassSummary> classes = r.classes().stream()
                .filter(c -> !c.name().equals(Calibration.PROXY_ONLY)).toList();
        long served = classes.stream().mapToLong(Calibration.ClassSummary::count).sum();
        if (s.connMaxAgeSeconds() == 0 && connect.fitted() == null) {
            warnings.addAll(connectionWarnings(classes, app, db, s, connect));
        }
        StringBuilder y = new StringBuilder();
        y.append("# Written by 'stagesim calibrate' from ").append(s.sources()).append(".\n");
        y.append(String.format(Locale.ROOT, "# %d requests over %.1f s; CPU fitted in %d windows of at least %s s.%n",
                served + r.proxyOnly(), r.spanSeconds(), r.windows(), trim(r.windowSeconds())));
        y.append("# Demands: each process group's busy cores regressed on the classes' completions per second\n"
                + "# (non-negative least squares; ± is the 95 % interval; docs/calibrate.md).\n");
        for (DemandFit.Result f : r.fits().values()) {
            y.append(String.format(Locale.ROOT, "#   %s (%s): R² %s, background %.3f cores", f.group(), f.method(),
                    fmt(f.rSquared()), f.background().value()));
            for (DemandFit.Coefficient c : f.demands()) {
                y.append(String.format(Locale.ROOT, "; %s %s", c.name(), ms(c)));
            }
            y.append('\n');
        }
        if (connect.fitted() != null) {
            ConnectionFit.Result f = connect.fitted();
            y.append(String.format(Locale.ROOT, "# A new database connection, fitted from a capture with persistent "
                    + "connections beside this one (%.1f %% of requests use the database):%n", f.dbShare() * 100));
            y.append("#   ").append(f.app().describe()).append('\n');
            y.append("#   ").append(f.db().describe()).append('\n');
        }
        for (String w : warnings) {
            y.append("# warning: ").append(w).append('\n');
        }
        for (String n : r.notes()) {
            y.append("# note: ").append(n).append('\n');
        }
        if (k < 1) {
            y.append(String.format(Locale.ROOT, "# Off the critical path: of the %.3f ms of CPU per request, %.3f ms "
                    + "ran after the response%n# (CPU per request less the mean time at the server, one request at a "
                    + "time): written as after_response_cpu,%n# and every CPU figure below is the fitted one × %.4f.%n",
                    total * 1000, afterResponse * 1000, k));
        }
        if (r.proxyOnly() > 0) {
            y.append("# note: ").append(r.proxyOnly()).append(" requests were answered by NGINX alone (no upstream: "
                    + "static files); they are not request classes here (model them as a page's assets).\n");
        }
        y.append("name: ").append(s.name()).append('\n');
        y.append("description: Fitted by stagesim calibrate from ").append(s.sources().replace(':', ' ')).append('\n');
        if (profile != null && s.users() == null) {
            y.append("# The run lasts the profile (the log's span) with no warm-up: the log's first bucket is measured "
                    + "too.\n");
            y.append("run: {duration: ").append(trim(profile.spanMs() / 1000.0))
                    .append("s, warmup: 0s, replications: 5, seed: 1}\n");
        } else {
            y.append("run: {duration: 120s, warmup: 20s, replications: 5, seed: 1}\n");
        }
        if (curve != null) {
            y.append("# demand_scale fitted from a load curve of ").append(curve.levels().size())
                    .append(" levels: CPU per request at each level over the lowest level's, the jobs on the CPU\n"
                    + "# taken as min(concurrency, ").append(curve.maxJobs()).append(")\n");
        }
        y.append("hosts:\n  server: {cores: ").append(s.cores()).append(", memory: 8GiB")
                .append(curve == null ? "" : ", demand_scale: " + curve.yaml()).append("}\n");
        y.append("services:\n  browser:\n    type: browser\n");
        if (s.users() != null) {
            y.append("    users: ").append(s.users()).append("          # closed loop, as the load generator ran\n");
            y.append("    think: constant(0s)\n");
        } else if (profile != null) {
            y.append(String.format(Locale.ROOT, "    # the requests the app served per %s s bucket of the log, each "
                    + "bucket's count over its length%n    # (the last one holds the log's tail); at: 0s is %s (UTC); "
                    + "between points the rate is linear%n", trim(profile.bucketMs() / 1000.0), profile.start()));
            y.append("    profile:\n");
            for (int i = 0; i < profile.buckets(); i++) {
                y.append("      - {at: ").append(trim(i * profile.bucketMs() / 1000.0)).append("s, rate: ")
                        .append(trim(round(profile.rates()[i], 4))).append("/s}   # ").append(profile.counts()[i])
                        .append(" requests\n");
            }
        } else {
            y.append(String.format(Locale.ROOT, "    rate: %s/s      # the log's mean rate of requests the app served%n",
                    trim(round(served / r.spanSeconds(), 4))));
        }
        y.append("    rtt: 0s\n");
        String front = proxy != null ? "nginx" : "gunicorn";
        y.append("    target: ").append(front).append('\n');
        if (proxy != null) {
            double mean = 0;
            for (Calibration.ClassSummary c : classes) {
                DemandFit.Coefficient d = proxy.demand(c.name());
                mean += d == null ? 0 : d.value() * c.count() / served;
            }
            y.append("  nginx:\n    type: proxy\n    host: server\n    workers: ").append(s.proxyWorkers()).append('\n');
            y.append("    cpu: exponential(").append(us(mean)).append(")   # fitted, weighted over the classes\n");
            y.append("    serve_static: false\n    upstreams: [gunicorn]\n");
        }
        y.append("  gunicorn:\n    type: app_server\n    host: server\n    workers: ").append(s.workers()).append('\n');
        y.append("    conn_max_age: ").append(s.connMaxAgeSeconds()).append("s\n");
        if (k < 1) {
            y.append("    after_response_cpu: ").append(us(afterResponse))
                    .append("   # CPU per request off the critical path (see above)\n");
        }
        if (connect.fitted() != null) {
            y.append("    db_connect_cpu: ").append(us(connect.app()))
                    .append("   # fitted: CONN_MAX_AGE=0 less persistent, per request that uses the database\n");
            y.append("    db_setup_cpu: 0s      # in db_connect_cpu (one figure was measured)\n");
        }
        y.append("  db:\n    type: database\n    engine: postgres\n    host: server\n");
        if (connect.fitted() != null) {
            y.append("    connect_cpu: ").append(us(connect.db()))
                    .append("   # fitted: CONN_MAX_AGE=0 less persistent, per request that uses the database\n");
            y.append("    cold_cache_cpu: 0s    # in connect_cpu (one figure was measured)\n");
        }
        y.append("requests:\n");
        if (sizes) {
            y.append(s.sources().startsWith("NGINX")
                    ? "# response_size: each class's mean $bytes_sent, the bytes on the wire: after gzip if NGINX "
                    + "gzipped them,\n# headers included (~200-400 B). No proxy here gzips, so the model "
                    + "sends these bytes as they are\n# (turning gzip on would compress them twice: divide by "
                    + "gzip_ratio first; docs/calibrate.md).\n"
                    : "# response_size: each class's mean %(b)s, the body Gunicorn sent (headers not included; "
                    + "docs/calibrate.md).\n");
            y.append("# They cross the browser's downlink (10.24 Mbps unless set): set it to your clients' (a capture "
                    + "on loopback: 10Gbps).\n");
        }
        long dbRequests = 0;
        for (Calibration.ClassSummary c : classes) {
            dbRequests += usesDb(c, db, s, connect) ? c.count() : 0;
        }
        double queries = s.queryCalls() > 0 && dbRequests > 0 ? s.queryCalls() / (double) dbRequests : 1;
        if (s.queryCalls() > 0) {
            y.append(String.format(Locale.ROOT, "# pg_stat_statements: %d statements of requests for %d requests "
                    + "that use the database: %.2f per request, the same for every class%n", s.queryCalls(), dbRequests,
                    queries));
        }
        double keepApp = 1;
        double keepDb = 1;
        if (connect.fitted() != null && s.connMaxAgeSeconds() == 0) {
            // a mix split among the classes by time at the server is an estimate: take the fitted connection
            // off every class in proportion, which keeps the mix's mean exact and no class below 0
            keepApp = app == null || app.separated() ? 1 : keep(classes, app, db, s, connect, connect.app());
            keepDb = db == null || db.separated() ? 1 : keep(classes, db, db, s, connect, connect.db());
        }
        BigDecimal left = BigDecimal.valueOf(100);
        for (int i = 0; i < classes.size(); i++) {
            Calibration.ClassSummary c = classes.get(i);
            BigDecimal share = i == classes.size() - 1 ? left
                    : BigDecimal.valueOf(100.0 * c.count() / served).setScale(4, RoundingMode.HALF_EVEN);
            left = left.subtract(share);
            double dbCpu = db == null || db.demand(c.name()) == null ? 0 : db.demand(c.name()).value();
            boolean usesDb = usesDb(c, db, s, connect);
            double appCpu = app == null || app.demand(c.name()) == null ? 0 : app.demand(c.name()).value();
            double viewCpu = appCpu;
            double queryCpu = dbCpu;
            String less = "";
            if (usesDb && s.connMaxAgeSeconds() == 0) {
                viewCpu = keepApp < 1 ? appCpu * keepApp : Math.max(0, appCpu - connect.app());
                queryCpu = keepDb < 1 ? dbCpu * keepDb : Math.max(0, dbCpu - connect.db());
                less = keepApp < 1 ? String.format(Locale.ROOT, " less the fitted new connection in proportion "
                        + "(× %.3f; the model adds it)", keepApp)
                        : String.format(Locale.ROOT, " less the new connection's %s (%s)", us(connect.app()),
                        connect.fitted() != null ? "fitted; the model adds it" : "the model adds it");
            }
            y.append("  ").append(c.name()).append(String.format(Locale.ROOT,
                    ":   # %d requests; at the server p50 %.2f ms, p90 %.2f ms; mean %.0f bytes sent%s%n", c.count(),
                    c.p50Seconds() * 1000, c.p90Seconds() * 1000, c.meanBytes(),
                    c.errorShare() > 0 ? String.format(Locale.ROOT, "; %.2f %% 5xx", c.errorShare() * 100) : ""));
            y.append("    share: ").append(share.stripTrailingZeros().toPlainString()).append("%\n");
            if (sizes) {
                y.append("    response_size: ").append(Math.round(c.meanBytes())).append("B\n");
            }
            y.append("    view:\n      cpu: ").append(distribution(viewCpu, c.cvSeconds()))
                    .append("   # ").append(app == null ? "no CPU samples of " + s.appGroup()
                            : "fitted " + ms(app.demand(c.name())) + less).append('\n');
            if (usesDb) {
                int times = Math.max(1, (int) Math.round(queries));
                y.append("      calls:\n        - {service: db, times: ").append(times).append(", cpu: ")
                        .append(queryCpu > 0 ? "exponential(" + us(queryCpu / times) + ")" : "0s")
                        .append(c.writes() ? ", write: true" : "").append("}   # fitted ")
                        .append(ms(db.demand(c.name()))).append(s.connMaxAgeSeconds() == 0 && keepDb < 1
                                ? String.format(Locale.ROOT, " less the fitted backend's start in proportion (× %.3f)",
                                keepDb) : s.connMaxAgeSeconds() == 0 ? " less the backend's start " + us(connect.db())
                                + (connect.fitted() != null ? " (fitted)" : "") : "").append('\n');
            }
        }
        return y.toString();
    }

    /** {@code r} with every fitted demand × {@code k}. */
    static Calibration.Result scaled(Calibration.Result r, double k) {
        java.util.Map<String, DemandFit.Result> fits = new java.util.LinkedHashMap<>();
        for (DemandFit.Result f : r.fits().values()) {
            List<DemandFit.Coefficient> d = f.demands().stream().map(c -> new DemandFit.Coefficient(c.name(),
                    c.value() * k, c.standardError() * k, c.halfWidth() * k)).toList();
            fits.put(f.group(), new DemandFit.Result(f.group(), f.background(), d, f.rSquared(), f.residualRms(),
                    f.intervals(), f.conditionNumber(), f.warnings(), f.method()));
        }
        return new Calibration.Result(r.classes(), fits, r.spanSeconds(), r.ratePerS(), r.windows(), r.windowSeconds(),
                r.notes(), r.warnings(), r.proxyOnly(), r.perRequest(), r.mixDemand());
    }

    /**
     * The part of a group's CPU left to the classes that use the database once a new connection's
     * {@code cost} is taken off their mix's mean: 1 − cost / mean, at least 0.
     */
    static double keep(List<Calibration.ClassSummary> classes, DemandFit.Result fit, DemandFit.Result db, Setup s,
            ConnectionCost connect, double cost) {
        double cpu = 0;
        long n = 0;
        for (Calibration.ClassSummary c : classes) {
            if (usesDb(c, db, s, connect) && fit.demand(c.name()) != null) {
                cpu += fit.demand(c.name()).value() * c.count();
                n += c.count();
            }
        }
        return n == 0 || cpu <= 0 ? 1 : Math.max(0, 1 - cost * n / cpu);
    }

    /**
     * Whether a class uses the database: its fitted database CPU is above zero, and with a new
     * connection per request above half of what opening one costs there (a class that never queries
     * opens none: Django connects on the first query).
     */
    static boolean usesDb(Calibration.ClassSummary c, DemandFit.Result db, Setup s, ConnectionCost connect) {
        double dbCpu = db == null || db.demand(c.name()) == null ? 0 : db.demand(c.name()).value();
        return dbCpu > (s.connMaxAgeSeconds() == 0 ? connect.db() / 2 : 0);
    }

    /**
     * A class that uses the database but whose fitted CPU is below what the model adds for a new
     * connection: the model will charge more than was measured (the connection's cost on this
     * machine is lower than A.7's), so the prediction is too pessimistic; said, with the way out.
     */
    static List<String> connectionWarnings(List<Calibration.ClassSummary> classes, DemandFit.Result app,
            DemandFit.Result db, Setup s, ConnectionCost connect) {
        List<String> out = new ArrayList<>();
        for (Calibration.ClassSummary c : classes) {
            if (!usesDb(c, db, s, connect)) {
                continue;
            }
            double appCpu = app == null || app.demand(c.name()) == null ? 0 : app.demand(c.name()).value();
            double dbCpu = db.demand(c.name()).value();
            if (appCpu < connect.app() || dbCpu < connect.db()) {
                out.add(String.format(Locale.ROOT, "%s: its fitted CPU (%.3f ms in %s, %.3f ms in %s) is below "
                        + "what the model adds for a new connection (%.1f ms and %.1f ms, calibration A.7), so the "
                        + "written view or query CPU is 0 and the model charges more than was measured: set "
                        + "db_connect_cpu and db_setup_cpu on %s and connect_cpu and cold_cache_cpu on %s to this "
                        + "machine's, measured from a CONN_MAX_AGE=60 run beside this one", c.name(), appCpu * 1000,
                        s.appGroup(), dbCpu * 1000, s.dbGroup(), connect.app() * 1000, connect.db() * 1000,
                        "gunicorn", "db"));
            }
        }
        return out;
    }

    /** A CPU demand with the spread of the class's times at the server: gamma with their CV, or constant. */
    static String distribution(double mean, double cv) {
        if (mean <= 0) {
            return "0s";
        }
        if (cv < 0.05) {
            return "constant(" + us(mean) + ")";
        }
        double c = Math.min(cv, 3);
        return "gamma(shape=" + trim(round(1 / (c * c), 3)) + ", mean=" + us(mean) + ")";
    }

    private static String ms(DemandFit.Coefficient c) {
        if (c == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.3f ms", c.value() * 1000)
                + (Double.isNaN(c.halfWidth()) ? "" : String.format(Locale.ROOT, " ± %.3f", c.halfWidth() * 1000));
    }

    private static String us(double seconds) {
        return Math.round(seconds / US) + "us";
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static double round(double v, int digits) {
        return BigDecimal.valueOf(v).round(new java.math.MathContext(digits, RoundingMode.HALF_EVEN)).doubleValue();
    }

    private static String trim(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
