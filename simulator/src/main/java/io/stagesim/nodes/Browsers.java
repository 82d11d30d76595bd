package io.stagesim.nodes;

import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.model.Job;
import io.stagesim.model.PsHost;
import io.stagesim.random.Sampler;
import io.stagesim.random.RandomStream;
import io.stagesim.stats.CountRecorder;
import io.stagesim.workload.ArrivalSink;
import io.stagesim.workload.Visitors;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side. A page view of a class (chosen by traffic share) fetches its HTML from the site's
 * front, then its static assets from their origin (the front, object storage or a CDN), as many at
 * once as its connections there allow ({@link ClientConnections}, one per origin: a new connection
 * costs the TCP handshake's round trip and TLS's; a visitor's connections stay open between its page
 * views for as long as the origin keeps them). It completes when every part has; it fails with the first part that
 * fails; and if it is not done within the browser's timeout the user gives up: the page counts as
 * a client timeout and the requests still in flight go on as wasted work. Clients can also give
 * up on a single request after an attempt timeout (and retry it, see {@link #retries}): the
 * request goes on at the servers as wasted work, which is how retries turn an overload into a
 * retry storm.
 *
 * <p>A load generator ({@link #loadGenerator}) runs on one of the scenario's hosts, like wrk or ab
 * on the machine measured: when a page view ends, it spends CPU there for every request the page
 * view sent, before that user's think time (the latency it measures does not include it). A busy
 * host so slows the users down, as a real load generator slows down its own load.
 */
public final class Browsers implements Handler, ArrivalSink, Request.Owner {

    private final Engine engine;
    private final RequestPool requests;
    private final Link htmlLink;
    private final Link assetLink;
    private final long timeout;
    private final int connections;
    private final double[] cumulativeShare;
    private final int[] assets;
    private final long[] assetSize;
    private long[] responseSize;
    private long[] requestSize;
    private double[] clientCumulative = {1};
    private double[] downlink = {0};
    private double[] uplink = {0};
    private long[] clientRtt = {0};
    private RandomStream clientRandom;
    private final ClassStats[] stats;
    private final RandomStream random;
    private final List<PageView> free = new ArrayList<>();
    private Visitors population;
    /** Page views with no outcome yet, most recent first (an intrusive list through PageView). */
    private PageView openHead;
    private static final int TIMEOUT = 0;
    private static final int RETRY_HTML = 1;
    private static final int RETRY_ASSET = 2;
    /** An attempt timer: this plus the request's slot in its page view. */
    private static final int ATTEMPT = 16;
    private long attemptTimeout;
    /** Most retry tokens saved up: retries beyond the budget can burst this far. */
    public static final double TOKEN_CAP = 10;
    private int retries;
    private long backoff;
    private double budget;
    private double tokens = TOKEN_CAP;
    private boolean[] idempotent;
    private CountRecorder retried;
    private PsHost generator; // the load generator's host CPU, or null
    private Sampler generatorCpu;
    private GeneratorWork spareWork;
    private BrowserCache cache;
    private DirectUploads uploads;
    private ClientConnections[] origins;
    private ClientConnections assetOrigin;
    private int[] perOrigin; // scratch: a page view's requests to each origin (for speed: no allocation)

    /**
     * Browsers sending HTML requests over {@code htmlLink} and assets over {@code assetLink}.
     *
     * @param shares traffic share of each request class (adding up to 1)
     */
    public Browsers(Engine engine, RequestPool requests, Link htmlLink, Link assetLink, long timeout, int connections,
            double[] shares, int[] assets, long[] assetSize, ClassStats[] stats, RandomStream random) {
        this.engine = engine;
        this.requests = requests;
        this.htmlLink = htmlLink;
        this.assetLink = assetLink;
        this.timeout = timeout;
        this.connections = connections;
        this.cumulativeShare = new double[shares.length];
        double c = 0;
        for (int i = 0; i < shares.length; i++) {
            c += shares[i];
            cumulativeShare[i] = c;
        }
        this.assets = assets.clone();
        this.assetSize = assetSize.clone();
        this.responseSize = new long[shares.length];
        this.requestSize = new long[shares.length];
        this.stats = stats;
        this.random = random;
    }

    /** Each class's response (its HTML or JSON) and request body, in bytes. */
    public void sizes(long[] responseSize, long[] requestSize) {
        this.responseSize = responseSize.clone();
        this.requestSize = requestSize.clone();
    }

    /**
     * The client population: page views come from kinds of client by {@code shares}, each with its
     * downlink and uplink (bytes per second) and round trip (ns), drawn with {@code random} (not drawn
     * at all when there is one kind).
     */
    public void clients(double[] shares, double[] downlink, double[] uplink, long[] rtt, RandomStream random) {
        this.clientCumulative = new double[shares.length];
        double c = 0;
        for (int i = 0; i < shares.length; i++) {
            c += shares[i];
            clientCumulative[i] = c;
        }
        this.downlink = downlink.clone();
        this.uplink = uplink.clone();
        this.clientRtt = rtt.clone();
        this.clientRandom = random;
    }

    private int chooseClient() {
        int n = clientCumulative.length;
        if (n == 1) {
            return 0;
        }
        double u = clientRandom.nextDouble() * clientCumulative[n - 1];
        for (int i = 0; i < n - 1; i++) {
            if (u < clientCumulative[i]) {
                return i;
            }
        }
        return n - 1;
    }

    /**
     * Clients that retry a failed request: at most {@code retries} times per page view, after a
     * backoff drawn uniformly from [0, {@code backoff} × 2^(k−1)) before the k-th (full jitter), while
     * the retry budget lasts: each page view earns {@code budget} tokens, each retry spends one, and
     * at most {@link #TOKEN_CAP} are saved up. Assets and the HTML of {@code idempotent} classes are
     * retried on any failure; other HTML only when it was never delivered (no connection could be
     * made). Retries are counted in {@code retried}.
     */
    public void retries(int retries, long backoff, double budget, boolean[] idempotent,
            CountRecorder retried) {
        this.retries = retries;
        this.backoff = backoff;
        this.budget = budget;
        this.idempotent = idempotent.clone();
        this.retried = retried;
    }

    /**
     * Clients abandon a request not answered within {@code timeout} ns: it fails with
     * {@code client_timeout} (retried if {@link #retries} allow: assets and idempotent pages; a
     * write already sent is not, its outcome being unknown) and goes on at the servers for nobody.
     */
    public void attemptTimeout(long timeout) {
        this.attemptTimeout = timeout;
    }

    /**
     * The clients are a load generator on {@code host}, spending {@code cpuPerRequest} of its CPU
     * for each request sent and received, when the page view ends.
     */
    public void loadGenerator(PsHost host, Sampler cpuPerRequest) {
        this.generator = host;
        this.generatorCpu = cpuPerRequest;
    }

    /** The load generator's CPU for a page view; its user thinks once it is done. */
    private static final class GeneratorWork extends Job {
        final Browsers browsers;
        int user;
        GeneratorWork next;

        GeneratorWork(Browsers browsers) {
            this.browsers = browsers;
        }

        @Override
        protected void resume(int outcome) {
            browsers.generatorDone(this); // done, or cut short by a crash of its host: the user goes on
        }
    }

    private void generatorDone(GeneratorWork w) {
        if (population != null && w.user >= 0) {
            population.done(w.user);
        }
        w.next = spareWork;
        spareWork = w;
    }

    /** The browsers' HTTP cache: assets fresh in it are not requested, some are revalidated (304). */
    public void cache(BrowserCache cache) {
        this.cache = cache;
    }

    /** Uploads straight to object storage, sent once a page view's HTML is back. */
    public void directUploads(DirectUploads uploads) {
        this.uploads = uploads;
    }

    /**
     * The connections to each origin the page views use, {@code origins[i].index() == i}: the site's
     * front first, then the others; the static assets are fetched from {@code assets}' (the front's
     * when it is {@code origins[0]}). Required before the first page view.
     */
    public void origins(ClientConnections[] origins, ClientConnections assets) {
        for (int i = 0; i < origins.length; i++) {
            if (origins[i].index() != i) {
                throw new IllegalArgumentException("origin " + i + " has index " + origins[i].index());
            }
        }
        this.origins = origins.clone();
        this.assetOrigin = assets;
        this.perOrigin = new int[origins.length];
    }

    /**
     * For a closed workload or visits: the visitors whose page views start here; {@code count} of them
     * are numbered from 0 up front (a closed population's users; 0 for visits, which grow).
     */
    public void population(Visitors population, int count) {
        this.population = population;
        for (ClientConnections c : origins) {
            c.visitors(count);
        }
    }

    /** Starts a page view for closed-workload user {@code user}. */
    public void startUser(int user) {
        begin(engine.now(), user, false);
    }

    /** Starts a page view of visit slot {@code visitor} scheduled at {@code time}, its visit's first when {@code first}. */
    public void startVisit(long time, int visitor, boolean first) {
        if (first) {
            for (ClientConnections c : origins) {
                c.visitors(visitor + 1);
            }
        }
        begin(time, visitor, first);
    }

    @Override
    public void arrive(long time) {
        begin(time, -1, true);
    }

    private int chooseClass() {
        double u = random.nextDouble() * cumulativeShare[cumulativeShare.length - 1];
        for (int i = 0; i < cumulativeShare.length - 1; i++) {
            if (u < cumulativeShare[i]) {
                return i;
            }
        }
        return cumulativeShare.length - 1;
    }

    private void begin(long time, int user, boolean newVisitor) {
        int cls = chooseClass();
        PageView pv = free.isEmpty() ? newPageView() : free.remove(free.size() - 1);
        pv.requestClass = cls;
        pv.client = chooseClient();
        pv.user = user;
        pv.start = time;
        pv.assetsToStart = assets[cls];
        pv.revalidationsToStart = 0;
        pv.uploadsToStart = uploads == null ? 0 : uploads.count(cls);
        if (cache != null) {
            cache.plan(pv, assets[cls]);
        }
        pv.failed = false;
        pv.timedOut = false;
        pv.closed = false;
        pv.error = null;
        pv.retriesUsed = 0;
        pv.pendingRetries = 0;
        pv.htmlPending = false;
        pv.sent = 0;
        java.util.Arrays.fill(perOrigin, 0);
        perOrigin[0] = 1;
        perOrigin[assetOrigin.index()] += pv.assetsToStart;
        if (pv.uploadsToStart > 0) {
            perOrigin[uploads.origin(cls).index()] += pv.uploadsToStart;
        }
        for (int i = 0; i < origins.length; i++) {
            origins[i].begin(pv, perOrigin[i], user, newVisitor, time);
        }
        if (retries > 0) {
            tokens = Math.min(TOKEN_CAP, tokens + budget);
        }
        stats[cls].offered.increment();
        opened(pv);
        pv.timer = engine.schedule(timeout, this, pv, TIMEOUT);
        send(pv, false, htmlLink);
    }

    private PageView newPageView() {
        int parallel = connections;
        for (ClientConnections c : origins) {
            parallel = Math.max(parallel, c.parallel());
        }
        return new PageView(parallel, origins.length);
    }

    private void send(PageView pv, boolean asset, Link link) {
        send(pv, asset, link, false);
    }

    /** Sends the HTML or an asset; a {@code conditional} request is answered 304, with no body. */
    private void send(PageView pv, boolean asset, Link link, boolean conditional) {
        Request r = requests.take();
        r.reset(this, engine, pv.start, pv.requestClass);
        r.page = pv;
        r.isStatic = asset;
        r.size = asset ? (conditional ? 0 : assetSize[pv.requestClass]) : responseSize[pv.requestClass];
        r.requestBytes = asset ? 0 : requestSize[pv.requestClass];
        client(pv, r);
        (asset ? assetOrigin : origins[0]).send(pv, r, engine.now());
        dispatch(pv, r, link);
    }

    /** The page view's client link on {@code r}. */
    private void client(PageView pv, Request r) {
        r.clientDownlink = downlink[pv.client];
        r.clientUplink = uplink[pv.client];
        r.clientRtt = clientRtt[pv.client];
    }

    /** Sends the page view's upload straight to object storage: a PUT of its class's size. */
    private void sendUpload(PageView pv) {
        Request r = requests.take();
        r.reset(this, engine, pv.start, pv.requestClass);
        r.page = pv;
        r.upload = true;
        r.size = uploads.size(pv.requestClass);
        client(pv, r);
        uploads.origin(pv.requestClass).send(pv, r, engine.now());
        dispatch(pv, r, uploads.link(pv.requestClass));
    }

    /** Puts {@code r} among the page view's requests, starts its attempt timer and sends it. */
    private void dispatch(PageView pv, Request r, Link link) {
        pv.sent++;
        int slot = pv.add(r);
        if (attemptTimeout > 0) {
            pv.attemptTimer[slot] = engine.schedule(attemptTimeout, this, pv, ATTEMPT + slot);
        }
        r.call(link, null);
    }

    @Override
    public void finished(Request r, boolean ok) {
        if (r.orphan) { // cut off by a timeout: nobody waits for it; all it did since was wasted
            stats[r.requestClass].wastedCpu.add(r.wastedCpu);
            requests.give(r);
            return;
        }
        PageView pv = r.page;
        int slot = pv.remove(r);
        if (r.origin >= 0) {
            pv.longs[2 * r.origin] = engine.now(); // its connection is idle from now
        }
        if (pv.attemptTimer[slot] >= 0) {
            engine.cancel(pv.attemptTimer[slot]);
            pv.attemptTimer[slot] = -1;
        }
        stats[pv.requestClass].wastedCpu.add(r.wastedCpu);
        ErrorKind error = r.error();
        boolean asset = r.isStatic;
        boolean upload = r.upload;
        requests.give(r);
        if (!ok && !pv.failed) {
            if (!pv.timedOut && !upload && mayRetry(pv, asset, error)) {
                retry(pv, asset);
            } else {
                pv.failed = true;
                pv.error = error;
            }
        }
        sendAssets(pv);
    }

    /**
     * Starts the assets the page view may start now, and closes it once nothing is in flight or
     * waiting to be retried. An asset can fail at once (a refused connection) and end the page view
     * from inside send(): check again before each one, and close the page view only once.
     */
    private void sendAssets(PageView pv) {
        while (!pv.failed && !pv.timedOut && !pv.htmlPending && pv.uploadsToStart > 0
                && pv.outstanding + pv.pendingRetries < connections) {
            pv.uploadsToStart--;
            sendUpload(pv);
        }
        int parallel = assetOrigin.parallel();
        while (!pv.failed && !pv.timedOut && !pv.htmlPending && pv.assetsToStart > 0
                && pv.outstanding + pv.pendingRetries < parallel) {
            pv.assetsToStart--;
            boolean conditional = pv.revalidationsToStart > 0;
            if (conditional) {
                pv.revalidationsToStart--;
                cache.revalidating();
            }
            send(pv, true, assetLink, conditional);
        }
        if (pv.outstanding == 0 && pv.pendingRetries == 0 && !pv.closed) {
            done(pv);
        }
    }

    private boolean mayRetry(PageView pv, boolean asset, ErrorKind error) {
        return pv.retriesUsed < retries && tokens >= 1 && (asset || idempotent[pv.requestClass]
                || error == ErrorKind.PROXY_CONNECTIONS || error == ErrorKind.CONNECT_TIMEOUT);
    }

    private void retry(PageView pv, boolean asset) {
        pv.retriesUsed++;
        tokens -= 1;
        retried.increment();
        pv.pendingRetries++;
        pv.htmlPending |= !asset;
        long delay = (long) (random.nextDouble() * (backoff << (pv.retriesUsed - 1)));
        engine.schedule(delay, this, pv, asset ? RETRY_ASSET : RETRY_HTML);
    }

    /** The client stops waiting for the request in {@code slot}: it goes on for nobody; retried or failed. */
    private void attemptTimedOut(PageView pv, int slot) {
        pv.attemptTimer[slot] = -1;
        Request r = pv.inFlight[slot];
        if (r == null || pv.timedOut) {
            return; // the user has already given up on the whole page view
        }
        pv.remove(r);
        r.page = null;
        r.orphan = true;
        r.abandoned = true;
        if (!pv.failed) {
            if (!r.upload && mayRetry(pv, r.isStatic, ErrorKind.CLIENT_TIMEOUT)) {
                retry(pv, r.isStatic);
            } else {
                pv.failed = true;
                pv.error = ErrorKind.CLIENT_TIMEOUT;
            }
        }
        sendAssets(pv);
    }

    private void done(PageView pv) {
        pv.closed = true;
        ClassStats s = stats[pv.requestClass];
        if (!pv.timedOut) {
            engine.cancel(pv.timer);
            resolved(pv);
            if (pv.failed) {
                s.errors[pv.error.ordinal()].increment();
                s.errorsByArrival[pv.error.ordinal()].increment(pv.start);
            } else {
                s.completed.increment();
                s.latency.record(engine.now() - pv.start);
                s.completedByArrival.record(pv.start, engine.now() - pv.start);
            }
            userDone(pv);
        }
        free.add(pv);
    }

    private void userDone(PageView pv) {
        for (ClientConnections c : origins) {
            c.end(pv, pv.user, pv.timedOut);
        }
        if (generator != null) {
            long work = 0;
            for (int i = 0; i < pv.sent; i++) {
                work += generatorCpu.sample();
            }
            GeneratorWork w = spareWork;
            if (w == null) {
                w = new GeneratorWork(this);
            } else {
                spareWork = w.next;
                w.next = null;
            }
            w.user = pv.user;
            generator.execute(w, work);
            return;
        }
        if (population != null && pv.user >= 0) {
            population.done(pv.user);
        }
    }

    /** The browser's timeout for a page view, or a retry's backoff over. */
    @Override
    public void handle(Object subject, int tag) {
        PageView pv = (PageView) subject;
        if (tag >= ATTEMPT) {
            attemptTimedOut(pv, tag - ATTEMPT);
            return;
        }
        if (tag != TIMEOUT) {
            pv.pendingRetries--;
            if (tag == RETRY_HTML) {
                pv.htmlPending = false;
            }
            if (pv.failed || pv.timedOut) {
                sendAssets(pv); // closes it if nothing else is in flight
            } else {
                send(pv, tag == RETRY_ASSET, tag == RETRY_ASSET ? assetLink : htmlLink);
            }
            return;
        }
        pv.timedOut = true;
        resolved(pv);
        stats[pv.requestClass].errors[ErrorKind.CLIENT_TIMEOUT.ordinal()].increment();
        stats[pv.requestClass].errorsByArrival[ErrorKind.CLIENT_TIMEOUT.ordinal()].increment(pv.start);
        for (Request r : pv.inFlight) {
            if (r != null) {
                r.abandoned = true;
            }
        }
        userDone(pv);
    }

    private void opened(PageView pv) {
        stats[pv.requestClass].open.begin();
        pv.prevOpen = null;
        pv.nextOpen = openHead;
        if (openHead != null) {
            openHead.prevOpen = pv;
        }
        openHead = pv;
    }

    private void resolved(PageView pv) {
        stats[pv.requestClass].open.resolve();
        if (pv.prevOpen != null) {
            pv.prevOpen.nextOpen = pv.nextOpen;
        } else {
            openHead = pv.nextOpen;
        }
        if (pv.nextOpen != null) {
            pv.nextOpen.prevOpen = pv.prevOpen;
        }
        pv.prevOpen = null;
        pv.nextOpen = null;
    }

    /**
     * The start time (ns) of the oldest page view of class {@code cls} still with no outcome, or
     * −1 when there is none. Walks the open page views: for the end of a run, not the hot path.
     */
    public long oldestOpenStart(int cls) {
        long oldest = -1;
        for (PageView pv = openHead; pv != null; pv = pv.nextOpen) {
            if (pv.requestClass == cls && (oldest < 0 || pv.start < oldest)) {
                oldest = pv.start;
            }
        }
        return oldest;
    }
}
