package io.stagesim.scenario;

import io.stagesim.random.Constant;
import io.stagesim.random.Distribution;
import java.util.List;
import java.util.Locale;

/**
 * NGINX in front: connections, CPU per request, static files, TLS, gzip, and its upstreams (the
 * first is the default; a request class naming another one with {@code app} goes there). A
 * connection to an upstream whose host is gone fails after {@code connectTimeout}
 * (proxy_connect_timeout).
 */
public record ProxySpec(String name, String host, int workers, int workerConnections, Distribution cpu,
        StaticFiles statics, TlsSpec tls, boolean http2, Gzip gzip, List<String> upstreams, long readTimeout,
        long memory, long connectTimeout, Shedding shedding, Buffering buffering, long keepAliveTimeout)
        implements ServiceSpec {

    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final long MIB = 1L << 20;
    /** The size gzip level 1 leaves of an HTML page: 1 / 4.6, measured (A.5). */
    public static final double GZIP_RATIO = 0.22;

    /** Static files served from local disk ({@code serve}): CPU per file and per KB (ns). */
    public record StaticFiles(boolean serve, Distribution cpu, double cpuPerKb) {
        /** Checks the bounds. */
        public StaticFiles {
            Require.present("static_cpu", cpu);
            Require.atLeast("static_cpu_per_kb", cpuPerKb, 0);
        }
    }

    /**
     * gzip of the responses it proxies (HTML, JSON): CPU per KB compressed (ns, 0 without gzip) and
     * the compressed size as a share of the original ({@code gzip_ratio}, 1 without gzip).
     */
    public record Gzip(double cpuPerKb, double ratio) {
        /** Checks the bounds. */
        public Gzip {
            Require.atLeast("gzip_cpu_per_kb", cpuPerKb, 0);
            Require.fraction("gzip_ratio", ratio);
        }
    }

    /**
     * {@code proxy_buffering}: NGINX reads the upstream's response at LAN speed and sends it to the
     * client itself (the app's worker is free once it is handed over); {@code proxy_request_buffering}:
     * it reads a request's body from the client before passing it on. Both on by default in NGINX.
     */
    public record Buffering(boolean responses, boolean requests) {
    }

    /** Copies the list; checks the bounds. */
    public ProxySpec {
        Require.atLeast("workers", workers, 1);
        Require.atLeast("worker_connections", workerConnections, 1);
        Require.present("cpu", cpu);
        Require.present("static files", statics);
        Require.present("gzip", gzip);
        upstreams = List.copyOf(upstreams);
        Require.atLeast("read_timeout", readTimeout, 1);
        Require.atLeast("memory", memory, 0);
        Require.atLeast("connect_timeout", connectTimeout, 1);
        Require.present("shedding", shedding);
        Require.present("buffering", buffering);
        Require.atLeast("keepalive_timeout", keepAliveTimeout, 0);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.PROXY;
    }

    /**
     * TLS ({@code tls}, null for none) and HTTP/2 as configured; NGINX keeps client connections alive,
     * an idle one for {@code keepalive_timeout} (0: none kept).
     */
    @Override
    public ClientFront clientFront() {
        return new ClientFront(tls, http2, keepAliveTimeout > 0, keepAliveTimeout);
    }

    @Override
    public Routes routes() {
        return new Routes("upstreams", upstreams);
    }

    /** The upstream a page view of class {@code r} goes to: the one its {@code app} names, else the first. */
    @Override
    public String nextFor(RequestSpec r) {
        return r.app() != null && upstreams.contains(r.app()) ? r.app() : upstreams.get(0);
    }

    @Override
    public String explainHop(Scenario s, RequestSpec r) {
        return "CPU " + Units.mean(cpu)
                + (tls != null ? " + TLS " + tls.version() + " per new connection " + Units.mean(tls.handshakeCpu())
                        + " (resumed " + Units.mean(tls.resumedCpu()) + ")" : "")
                + (gzip.cpuPerKb() > 0 ? " + gzip " + Units.formatDuration(Math.round(gzip.cpuPerKb()
                        * r.responseSize() / 1000)) + String.format(Locale.ROOT, " (to %.0f%% of %s)", gzip.ratio() * 100,
                        Units.formatSize(r.responseSize())) : "");
    }

    @Override
    public String explainStatic() {
        return statics.serve() ? "CPU " + Units.mean(statics.cpu()) + " + " + Math.round(statics.cpuPerKb())
                + " ns per KB" : null;
    }

    static ProxySpec bind(String name, String host, int cores, Fields f) {
        TlsSpec tls = TlsSpec.bind(f);
        boolean http2 = f.bool("http2", false); // A.5: NGINX's http2 directive, off unless enabled
        if (http2 && tls == null) {
            f.problem("http2", "browsers speak HTTP/2 only over TLS: add 'tls: true', or remove http2");
        }
        boolean gzip = f.bool("gzip", false);
        double gzipPerKb = f.number("gzip_cpu_per_kb", 6_200, 0, 1e9); // A.5: level 1, 0.31 ms per 50 KB, ns
        double gzipRatio = f.fraction("gzip_ratio", GZIP_RATIO); // A.5: level 1 makes a 50 KB page 4.6× smaller
        if (f.has("html_size")) {
            f.problem("html_size", "a page's size now belongs to its request class: give it as 'response_size: 50KB'"
                    + " under requests.<class> (none unless given), and remove html_size here");
        }
        List<String> upstreams = ServiceBinder.requiredNames(f, "upstreams");
        int workers = f.integer("workers", cores, 1, 4096);
        int workerConnections = f.integer("worker_connections", 768, 1, 10_000_000); // A.5: Debian's nginx.conf
        Distribution cpu = f.distribution("cpu", new Constant(15 * US)); // A.5: base 10–20 µs
        StaticFiles statics = new StaticFiles(f.bool("serve_static", true),
                f.distribution("static_cpu", new Constant(13 * US)), // A.5: 74k/s at 1 KB
                f.number("static_cpu_per_kb", 170, 0, 1e9)); // A.5: 1 KB→100 KB costs 13→30 µs, ns per KB
        return new ProxySpec(name, host, workers, workerConnections, cpu, statics,
                tls, http2,
                new Gzip(gzip ? gzipPerKb : 0, gzip ? gzipRatio : 1), upstreams,
                f.positiveDuration("read_timeout", 60_000 * MS), f.size("memory", 20 * MIB),
                f.positiveDuration("connect_timeout", 60_000 * MS), // A.5: proxy_connect_timeout 60 s
                Shedding.bind(f), new Buffering(f.bool("proxy_buffering", true), // A.5: NGINX's default
                        f.bool("proxy_request_buffering", true)), // A.5: NGINX's default
                f.duration("keepalive_timeout", ClientFront.NGINX_KEEPALIVE)); // A.5: NGINX's default, 75 s
    }
}
