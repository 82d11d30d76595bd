package io.stagesim.cli;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.stagesim.report.Json;
import io.stagesim.run.CapacitySearch;
import io.stagesim.run.RunLimitException;
import io.stagesim.run.ScenarioResult;
import io.stagesim.run.ScenarioRun;
import io.stagesim.scenario.RunSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.SloSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The what-if page's server ({@code stagesim serve}): Javalin on {@code bind}, every request
 * needing the access token printed with the URL; only the stages given on the command line can
 * be run, by index, with only their sliders' keys; each run bounded in simulated time, events and
 * wall time; at most {@code slots} runs at once (one per core), {@code queue} more waiting, the
 * rest refused with 429; results cached by (stage, settings, rate, seed); a page's newer request
 * cancels its older one's run. A capacity search ({@code /api/capacity}: {@code stress}'s search with
 * the page's {@link WhatIfCapacity.Search} settings) takes one slot for its whole length, is cached
 * by (stage, settings, seed), and is cancelled when the same page asks for a run with other settings
 * (a new load alone does not change the capacity) or for another capacity.
 */
final class WhatIfServer implements AutoCloseable {

    /** Runs a bounded scenario (the real one: {@link ScenarioRun#run} on the calling thread). */
    @FunctionalInterface
    interface Simulator {
        ScenarioResult run(Scenario s);
    }

    /** Runs a capacity search of a bounded scenario (the real one: {@link CapacitySearch#run} on one thread). */
    @FunctionalInterface
    interface Searcher {
        CapacitySearch.Result search(Scenario s, SloSpec slo, double precision, CapacitySearch.Progress progress);
    }

    /** The bounds and run settings of every simulation the page asks for, and of its capacity searches. */
    record Limits(String duration, int replications, Long seed, long maxEvents, long maxWallMillis, int slots,
            int queue, WhatIfCapacity.Search search) {
    }

    /** A page's capacity search under way: its cache key and its future. */
    private record Pending(String key, Future<Map<String, Object>> future) {
    }

    private static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final int CACHE_ENTRIES = 256;
    private static final String COOKIE = "stagesim_token";

    private final List<WhatIf.Stage> stages;
    private final Limits limits;
    private final Simulator simulator;
    private final Searcher searcher;
    private final String token;
    private final ThreadPoolExecutor pool;
    private final Map<String, Future<Map<String, Object>>> latest = new ConcurrentHashMap<>();
    private final Map<String, Pending> searching = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger joins = new java.util.concurrent.atomic.AtomicInteger();
    private final Map<String, Map<String, Object>> cache = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Map<String, Object>> e) {
                    return size() > CACHE_ENTRIES;
                }
            });
    private final Javalin app;

    private WhatIfServer(List<WhatIf.Stage> stages, Limits limits, Simulator simulator, Searcher searcher,
            String token) {
        this.stages = List.copyOf(stages);
        this.limits = limits;
        this.simulator = simulator;
        this.searcher = searcher;
        this.token = token;
        BlockingQueue<Runnable> q = limits.queue() == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(limits.queue());
        this.pool = new ThreadPoolExecutor(limits.slots(), limits.slots(), 0, TimeUnit.SECONDS, q, r -> {
            Thread t = new Thread(r, "stagesim-whatif");
            t.setDaemon(true);
            return t;
        });
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.before(this::checkToken);
            config.routes.get("/", ctx -> {
                ctx.header("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
                ctx.contentType("text/html; charset=utf-8").result(page());
            });
            config.routes.get("/echarts.min.js", ctx -> {
                InputStream in = WhatIfServer.class.getResourceAsStream(ECHARTS);
                if (in == null) {
                    throw new Refusal(500, "the chart library (webjar echarts 5.3.1) is not on the class path");
                }
                ctx.contentType("text/javascript").result(in);
            });
            config.routes.get("/api/stages", ctx -> ctx.contentType("application/json").result(Json.write(stagesJson())));
            config.routes.get("/api/run", this::run);
            config.routes.get("/api/capacity", this::capacity);
            config.routes.exception(Refusal.class, (e, ctx) ->
                    ctx.status(e.status).contentType("text/plain; charset=utf-8").result(e.getMessage()));
        });
    }

    /** Starts a server for {@code stages} on {@code bind}:{@code port} (0: a free port the system chooses). */
    static WhatIfServer start(List<WhatIf.Stage> stages, Limits limits, Simulator simulator, String bind, int port) {
        return start(stages, limits, simulator, realSearch(), bind, port);
    }

    /** As {@link #start(List, Limits, Simulator, String, int)}, capacity searches run by {@code searcher}. */
    static WhatIfServer start(List<WhatIf.Stage> stages, Limits limits, Simulator simulator, Searcher searcher,
            String bind, int port) {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        WhatIfServer s = new WhatIfServer(stages, limits, simulator, searcher, HexFormat.of().formatHex(b));
        s.app.start(bind, port);
        return s;
    }

    /** The simulator the command uses: every replication on the request's own worker thread, in order. */
    static Simulator real() {
        return s -> ScenarioRun.run(s, 1, (done, total) -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("cancelled by a newer request");
            }
        });
    }

    /** The searcher the command uses: {@code stress}'s search on the request's own worker thread. */
    static Searcher realSearch() {
        return (s, slo, precision, progress) -> CapacitySearch.run(s, slo, 1, precision, progress);
    }

    int port() {
        return app.port();
    }

    String token() {
        return token;
    }

    /** How many capacity requests joined a search already under way (for the tests). */
    int joins() {
        return joins.get();
    }

    /** Stops serving and cancels the runs still going. */
    @Override
    public void close() {
        app.stop();
        pool.shutdownNow();
    }

    /** An answer other than 200: its status and the sentence said. */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Refusal(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private void checkToken(Context ctx) {
        String given = ctx.header("X-Stagesim-Token");
        if (given == null) {
            given = ctx.queryParam("token");
        }
        if (given == null) {
            given = ctx.cookie(COOKIE); // the page's own script and chart library, loaded by the browser
        }
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            throw new Refusal(401, "stagesim serve needs the access token it printed: open the address it printed "
                    + "(http://HOST:PORT/?token=...), or send the token as ?token= or the X-Stagesim-Token header\n");
        }
    }

    private String page() throws IOException {
        try (InputStream in = WhatIfServer.class.getResourceAsStream("whatif.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<Map<String, Object>> stagesJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (WhatIf.Stage st : stages) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", st.index());
            m.put("name", st.scenario().name());
            m.put("description", st.scenario().description());
            m.put("rate", st.rate());
            m.put("rate_max", st.rateMax());
            m.put("sliders", st.sliders());
            out.add(m);
        }
        return out;
    }

    private void run(Context ctx) {
        WhatIf.Stage st = stage(ctx.queryParam("stage"));
        double rate = number("rate", ctx.queryParam("rate"), 0.1, st.rateMax());
        List<String> settings = settings(ctx, st);
        String rateText = WhatIf.number(rate) + "/s";
        Scenario s;
        try {
            s = scenario(st, settings, rateText);
        } catch (UserError e) {
            throw new Refusal(400, e.getMessage() + "\n");
        }
        String key = st.index() + "|" + rateText + "|" + s.run().seed() + "|" + String.join("|", settings);
        String page = ctx.queryParam("page");
        if (page != null) { // other settings: the capacity searched for the old ones is no longer wanted
            Pending p = searching.get(page);
            if (p != null && !p.key().equals(capacityKey(st, s.run().seed(), settings)) && !p.future().isDone()) {
                p.future().cancel(true);
                pool.purge();
            }
        }
        if (answeredFromCache(ctx, key)) {
            return;
        }
        Future<Map<String, Object>> f = submit(() -> {
            long t0 = System.nanoTime();
            ScenarioResult r = simulator.run(s);
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("cancelled by a newer request");
            }
            Map<String, Object> answer = WhatIf.answer(s, r, settings, rateText, (System.nanoTime() - t0) / 1_000_000);
            answer.put("cached", false);
            cache.put(key, answer);
            return answer;
        });
        if (page != null) {
            Future<Map<String, Object>> older = latest.put(page, f);
            if (older != null && !older.isDone()) {
                older.cancel(true);
                pool.purge();
            }
        }
        try {
            answer(ctx, f);
        } finally {
            if (page != null) {
                latest.remove(page, f);
            }
        }
    }

    /** Answers from the cache, marked {@code cached}, when it holds {@code key}; false when it does not. */
    private boolean answeredFromCache(Context ctx, String key) {
        Map<String, Object> hit = cache.get(key);
        if (hit == null) {
            return false;
        }
        Map<String, Object> answer = new LinkedHashMap<>(hit);
        answer.put("cached", true);
        ctx.contentType("application/json").result(Json.write(answer));
        return true;
    }

    private static String capacityKey(WhatIf.Stage st, long seed, List<String> settings) {
        return "capacity|" + st.index() + "|" + seed + "|" + String.join("|", settings);
    }

    /**
     * {@code /api/capacity?stage=I&set=K=V…&page=P}: the capacity search {@code stress} runs on
     * the stage's file with these settings, the page's search settings and the seed. A request for
     * the search the page already waits on joins it; one for another search cancels it.
     */
    private void capacity(Context ctx) {
        WhatIf.Stage st = stage(ctx.queryParam("stage"));
        List<String> settings = settings(ctx, st);
        WhatIfCapacity.Search search = limits.search();
        Scenario s;
        try {
            s = capacityScenario(st, settings);
        } catch (UserError e) {
            throw new Refusal(400, e.getMessage() + "\n");
        }
        SloSpec slo = s.slo();
        if (slo == null || !slo.isSet()) {
            throw new Refusal(422, "stage " + st.index() + " (" + st.scenario().name() + ") has no objective (slo) in "
                    + "its file, so it has no capacity: add one (slo: {p99: 1s, error_rate: 1%}) to search for it\n");
        }
        String key = capacityKey(st, s.run().seed(), settings);
        if (answeredFromCache(ctx, key)) {
            return;
        }
        String page = ctx.queryParam("page");
        String command = WhatIfCapacity.command(st.file().toString(), settings, s.run().seed(), search);
        FutureTask<Map<String, Object>> task = new FutureTask<>(() -> {
            long t0 = System.nanoTime();
            long deadline = t0 + search.maxWallMillis() * 1_000_000;
            CapacitySearch.Result r;
            try {
                r = searcher.search(s, slo, search.precision(), (index, max, point) -> {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new CancellationException("cancelled by a newer request");
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        throw new RunLimitException(String.format(java.util.Locale.ROOT, "the capacity search "
                                + "stopped after %d load points: it took longer than its limit of %d ms (serve "
                                + "--capacity-max-wall-time); shorten the search (--capacity-duration, "
                                + "--capacity-precision) or allow it longer", index, search.maxWallMillis()));
                    }
                });
            } catch (IllegalArgumentException e) { // what stress says as bad input (a closed workload …)
                throw new UserError(e.getMessage());
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("cancelled by a newer request");
            }
            Map<String, Object> answer = WhatIfCapacity.answer(s, r, settings, command, search,
                    (System.nanoTime() - t0) / 1_000_000);
            answer.put("cached", false);
            cache.put(key, answer);
            return answer;
        });
        Future<Map<String, Object>> f = task;
        if (page != null) {
            synchronized (searching) { // registered before it can run: a request for it from now on joins it
                Pending going = searching.get(page);
                if (going != null && going.key().equals(key) && !going.future().isDone()) {
                    f = going.future(); // the same search, asked again (the load moved): wait for it
                    joins.incrementAndGet();
                } else {
                    searching.put(page, new Pending(key, task));
                    if (going != null && !going.future().isDone()) {
                        going.future().cancel(true);
                        pool.purge();
                    }
                }
            }
        }
        if (f == task) {
            try {
                execute(task);
            } catch (Refusal busy) {
                if (page != null) {
                    searching.remove(page, new Pending(key, task));
                }
                throw busy;
            }
        }
        Future<Map<String, Object>> waited = f;
        try {
            answer(ctx, waited);
        } finally {
            if (page != null) {
                searching.computeIfPresent(page, (k, p) -> p.future() == waited ? null : p);
            }
        }
    }

    /** Submits {@code task} to a slot, or refuses with 429 when every slot and the queue are taken. */
    private Future<Map<String, Object>> submit(java.util.concurrent.Callable<Map<String, Object>> task) {
        FutureTask<Map<String, Object>> f = new FutureTask<>(task);
        execute(f);
        return f;
    }

    /** Runs {@code task} in a slot, or refuses with 429 when every slot and the queue are taken. */
    private void execute(FutureTask<Map<String, Object>> task) {
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            int running = pool.getActiveCount();
            int waiting = pool.getQueue().size();
            throw new Refusal(429, "busy: " + running + (running == 1 ? " what-if is" : " what-ifs are")
                    + " running (at most one per core; a capacity search counts as one) and " + waiting
                    + (waiting == 1 ? " is" : " are") + " waiting (at most " + limits.queue()
                    + "); try again in a few seconds\n");
        }
    }

    /** Waits for {@code f} and answers with its JSON, or with the refusal its failure means. */
    private static void answer(Context ctx, Future<Map<String, Object>> f) {
        try {
            Map<String, Object> answer = f.get();
            ctx.contentType("application/json").result(Json.write(answer));
        } catch (CancellationException e) {
            throw new Refusal(409, "cancelled: a newer request from the same page replaced this one\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refusal(503, "the server is stopping\n");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof CancellationException) {
                throw new Refusal(409, "cancelled: a newer request from the same page replaced this one\n");
            }
            if (c instanceof RunLimitException || c instanceof UserError) {
                throw new Refusal(503, c.getMessage() + "\n");
            }
            throw new Refusal(500, "internal error (a bug in stagesim): " + c + "\n");
        }
    }

    /** The {@code --set} settings of the request's {@code set} parameters, each one of the stage's sliders. */
    private static List<String> settings(Context ctx, WhatIf.Stage st) {
        List<String> settings = new ArrayList<>();
        for (String p : ctx.queryParams("set")) {
            int eq = p.indexOf('=');
            WhatIf.Slider sl = eq < 0 ? null : st.slider(p.substring(0, eq));
            if (sl == null) {
                throw new Refusal(400, "stage " + st.index() + " (" + st.scenario().name() + ") has no slider '"
                        + (eq < 0 ? p : p.substring(0, eq)) + "'; its sliders are " + st.sliders().stream()
                        .map(WhatIf.Slider::key).toList() + "\n");
            }
            double v = number(sl.key(), p.substring(eq + 1), sl.min(), sl.max());
            settings.add(sl.setting(v, st.scenario()));
        }
        return settings;
    }

    /** The stage's scenario with {@code settings} and the serve command's bounded run settings, as {@code run} builds it. */
    Scenario scenario(WhatIf.Stage st, List<String> settings, String rateText) {
        SetOptions set = new SetOptions();
        set.settings.addAll(settings);
        return bounded(Overrides.apply(set.load(st.file()), limits.seed(), limits.replications(), limits.duration(),
                null, rateText));
    }

    /**
     * The stage's scenario for a capacity search, as {@code stress FILE --set … --seed --replications
     * --duration} builds it (the file's own rate: the search starts from it), each point bounded as a run.
     */
    Scenario capacityScenario(WhatIf.Stage st, List<String> settings) {
        SetOptions set = new SetOptions();
        set.settings.addAll(settings);
        WhatIfCapacity.Search search = limits.search();
        return bounded(Overrides.apply(set.load(st.file()), limits.seed(), search.replications(), search.duration(),
                null, null));
    }

    /** {@code s} with at most serve's events per replication and wall time per run. */
    private Scenario bounded(Scenario s) {
        RunSpec r = s.run();
        long events = r.maxEvents() > 0 ? Math.min(r.maxEvents(), limits.maxEvents()) : limits.maxEvents();
        long wall = r.maxWallMillis() > 0 ? Math.min(r.maxWallMillis(), limits.maxWallMillis()) : limits.maxWallMillis();
        return s.withRun(new RunSpec(r.duration(), r.warmup(), r.replications(), r.seed(), r.window(), events, wall,
                r.maxInFlight()));
    }

    private WhatIf.Stage stage(String text) {
        if (text == null || !text.matches("\\d{1,4}") || Integer.parseInt(text) >= stages.size()) {
            throw new Refusal(404, "no stage '" + (text == null ? "" : text.replaceAll("[^\\x20-\\x7e]", "?"))
                    + "': this server runs only the " + stages.size() + " files given on its command line, "
                    + "numbered 0 to " + (stages.size() - 1) + "\n");
        }
        return stages.get(Integer.parseInt(text));
    }

    private static double number(String what, String text, double min, double max) {
        double v;
        try {
            v = Double.parseDouble(text == null ? "" : text);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!(v >= min && v <= max)) {
            throw new Refusal(400, what + " must be a number from " + WhatIf.number(min) + " to "
                    + WhatIf.number(max) + ", was '" + (text == null ? "" : text.replaceAll("[^\\x20-\\x7e]", "?"))
                    + "'\n");
        }
        return v;
    }
}
