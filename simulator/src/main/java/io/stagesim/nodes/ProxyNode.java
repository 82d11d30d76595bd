package io.stagesim.nodes;

import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.model.Outcome;
import io.stagesim.model.Pool;
import io.stagesim.model.PsHost;
import io.stagesim.random.Sampler;
import io.stagesim.stats.CountRecorder;

/**
 * NGINX in front of app servers. Every request takes a connection (worker_connections per worker
 * process; a proxied request takes a second one upstream) and CPU on the proxy's host, each CPU step
 * in one of the single-threaded worker processes (so NGINX never uses more cores than it has
 * workers; any free worker takes the next step, where NGINX ties a connection to one): a base cost,
 * a TLS handshake for a request that opened a new client connection (full or resumed, as the browser
 * marked it, see {@link Browsers}), and gzip of the HTML and JSON it proxies. Static files are served from local disk for CPU alone, so they never reach an app
 * worker. Dynamic requests go to the upstream named by their class, or the first one. An upstream
 * that has not answered within {@code read_timeout} gets a 504: NGINX gives up and frees its
 * connections, while the upstream goes on working for nobody (wasted work). With load shedding
 * ({@code limit_req}, {@code limit_conn}), a dynamic request is refused (503) or delayed after its
 * CPU and before it takes an upstream connection.
 */
public final class ProxyNode extends Node implements Handler {

    private static final int CONNECTION = 0;
    private static final int STATIC_CPU = 1;
    private static final int FRONT_CPU = 2;
    private static final int UPSTREAM_CONNECTION = 3;
    private static final int UPSTREAM = 4;
    private static final int GZIP = 5;
    private static final int LIMIT_DELAY = 6;
    private static final int LIMIT_CONN = 7;
    private static final int PROCESS = 8;
    private static final int BODY = 9;
    private static final int HANDED = 10;
    /** Handler tags: the upstream has not answered; a request delayed by limit_req may go on. */
    private static final int READ_TIMEOUT = 0;
    private static final int DELAYED = 1;

    private final PsHost cpu;
    private final Pool connections;
    private final Sampler base;
    private final boolean serveStatic;
    private final Sampler staticCpu;
    private final double staticCpuPerByte;
    private final Sampler handshake;
    private final Sampler resumed;
    private final double gzipCpuPerByte;
    private final double gzipRatio;
    private final boolean requestBuffering;
    private CountRecorder fullHandshakes;
    private CountRecorder resumedHandshakes;
    private Link[] upstreams = new Link[0];
    private int[] route = new int[0];
    private RequestPool requests;
    private long readTimeout;
    private Engine engine;
    private RateLimit rateLimit;
    private Pool connLimit;
    private Pool processes;

    /** A proxy on {@code cpu}; see the scenario reference for the parameters. */
    public ProxyNode(String name, PsHost cpu, Pool connections, Sampler base, boolean serveStatic, Sampler staticCpu,
            double staticCpuPerKb, Sampler handshake, Sampler resumed, double gzipCpuPerKb, double gzipRatio,
            boolean requestBuffering) {
        super(name);
        this.cpu = cpu;
        this.connections = connections;
        this.base = base;
        this.serveStatic = serveStatic;
        this.staticCpu = staticCpu;
        this.staticCpuPerByte = staticCpuPerKb / 1000;
        this.handshake = handshake;
        this.resumed = resumed;
        this.gzipCpuPerByte = gzipCpuPerKb / 1000;
        this.gzipRatio = gzipRatio;
        this.requestBuffering = requestBuffering;
    }

    /** Counts the TLS handshakes it does, full and resumed (TLS only). */
    public void countHandshakes(CountRecorder full, CountRecorder resumed) {
        this.fullHandshakes = full;
        this.resumedHandshakes = resumed;
    }

    /** Upstream links, and for each request class the index of its upstream. */
    public void upstreams(Link[] links, int[] routeByClass) {
        this.upstreams = links.clone();
        this.route = routeByClass.clone();
    }

    /** Answers 504 when an upstream takes longer than {@code readTimeout} ns. */
    public void readTimeout(RequestPool requests, long readTimeout) {
        this.requests = requests;
        this.readTimeout = readTimeout;
    }

    /**
     * Load shedding: {@code rateLimit} ({@code limit_req}) and {@code connLimit} ({@code limit_conn},
     * a pool that refuses when every unit is taken), either null for none.
     */
    public void shedding(Engine engine, RateLimit rateLimit, Pool connLimit) {
        this.engine = engine;
        this.rateLimit = rateLimit;
        this.connLimit = connLimit;
    }

    /**
     * The worker processes, each single-threaded: a request's CPU step holds one, so NGINX uses at
     * most as many cores as it has workers. Required before the first request.
     */
    public void processes(Pool processes) {
        this.processes = processes;
    }

    /** The connection table. */
    public Pool connections() {
        return connections;
    }

    private void cpu(Request r, long unscaled, int next) {
        long work = scaled(unscaled);
        r.countCpu(work);
        r.value(work); // wait for a worker process, remembering the work and what comes after it
        r.a(next);
        r.phase(PROCESS);
        processes.acquire(r);
    }

    @Override
    protected void start(Request r) {
        r.phase(CONNECTION);
        connections.acquire(r);
    }

    @Override
    protected void step(Request r, int outcome) {
        switch (r.phase()) {
            case CONNECTION -> {
                if (outcome != Outcome.OK) {
                    r.fail(ErrorKind.PROXY_CONNECTIONS);
                    return;
                }
                r.hold(connections);
                Transfer body = requestBuffering && !r.isStatic ? Transfer.bodyOf(r) : null;
                if (body != null) { // proxy_request_buffering: the body is read from the client first
                    r.phase(BODY);
                    r.call(body, null);
                    return;
                }
                front(r);
            }
            case BODY -> front(r);
            case PROCESS -> {
                r.hold(processes);
                r.phase(r.a());
                cpu.execute(r, r.value());
            }
            case STATIC_CPU -> respond(r, true);
            case GZIP -> {
                r.size = Math.round(r.size * gzipRatio);
                respond(r, true);
            }
            case HANDED -> r.ret(outcome == Outcome.OK);
            case FRONT_CPU -> {
                r.releaseEarly(processes); // not held while the upstream works
                limitRate(r);
            }
            case LIMIT_CONN -> {
                if (outcome != Outcome.OK) {
                    r.fail(ErrorKind.CONN_LIMITED);
                    return;
                }
                r.hold(connLimit);
                upstreamConnection(r);
            }
            case UPSTREAM_CONNECTION -> {
                if (outcome != Outcome.OK) {
                    r.fail(ErrorKind.PROXY_CONNECTIONS);
                    return;
                }
                r.hold(connections);
                r.phase(UPSTREAM);
                if (readTimeout > 0) {
                    r.startTimer(readTimeout, this, READ_TIMEOUT);
                }
                r.call(upstreams[route[r.requestClass]], null);
            }
            case UPSTREAM -> {
                r.cancelTimer();
                if (outcome != Outcome.OK) {
                    r.ret(false);
                } else if (!r.isStatic && (gzipCpuPerByte > 0 || gzipRatio != 1)) { // gzip on, its CPU maybe 0
                    cpu(r, Math.round(gzipCpuPerByte * r.size), GZIP);
                } else {
                    respond(r, false);
                }
            }
            default -> throw new IllegalStateException(name + ": phase " + r.phase());
        }
    }

    /**
     * The response is ready: its worker process is free again (NGINX sends while serving others),
     * and the connection is held while the response goes to the client (proxy_buffering: the
     * upstream was freed when it had handed its response over).
     */
    private void respond(Request r, boolean holdsProcess) {
        Transfer t = Transfer.responseOf(r);
        if (t == null) {
            r.ret(true); // the worker process, if held, is released with the frame
            return;
        }
        if (holdsProcess) {
            r.releaseEarly(processes);
        }
        r.phase(HANDED);
        r.call(t, null);
    }

    /**
     * The request's front CPU: base, the TLS handshake of the client connection it opened (once: a
     * proxy further in does not do it again), or a static file served whole.
     */
    private void front(Request r) {
        long work = base.sample();
        if (handshake != null && r.handshake != Request.NO_HANDSHAKE) {
            boolean full = r.handshake == Request.FULL_HANDSHAKE;
            work += full ? handshake.sample() : resumed.sample();
            (full ? fullHandshakes : resumedHandshakes).increment();
            r.handshake = Request.NO_HANDSHAKE;
        }
        if (r.isStatic && serveStatic) {
            cpu(r, work + staticCpu.sample() + Math.round(r.size * staticCpuPerByte), STATIC_CPU);
        } else {
            cpu(r, work, FRONT_CPU);
        }
    }

    /** limit_req: refused, delayed, or on to limit_conn. */
    private void limitRate(Request r) {
        if (rateLimit != null) {
            long delay = rateLimit.admit(engine.now());
            if (delay < 0) {
                r.fail(ErrorKind.RATE_LIMITED);
                return;
            }
            if (delay > 0) {
                r.phase(LIMIT_DELAY);
                r.startTimer(delay, this, DELAYED);
                return;
            }
        }
        limitConnections(r);
    }

    /** limit_conn: a unit of its pool, or on to the upstream. */
    private void limitConnections(Request r) {
        if (connLimit != null) {
            r.phase(LIMIT_CONN);
            connLimit.acquire(r);
        } else {
            upstreamConnection(r);
        }
    }

    private void upstreamConnection(Request r) {
        r.phase(UPSTREAM_CONNECTION);
        connections.acquire(r);
    }

    /** proxy_read_timeout: the upstream has not answered; or a delay of limit_req is over. */
    @Override
    public void handle(Object subject, int tag) {
        Request r = (Request) subject;
        if (tag == DELAYED) {
            limitConnections(r);
            return;
        }
        Request front = r.detach(r.frameOf(this), requests);
        front.cancelTimer();
        front.setError(ErrorKind.UPSTREAM_TIMEOUT);
        front.resumeTop(Outcome.FAILED);
    }
}
