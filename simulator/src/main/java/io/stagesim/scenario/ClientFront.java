package io.stagesim.scenario;

/**
 * What a browser's connections to a service cost when the browsers talk to it directly: TLS (null for
 * plain HTTP), HTTP/2 (one connection per page view, its requests multiplexed), whether it keeps a
 * connection open for the next request (keep-alive; Gunicorn's sync workers close it after each) and for
 * how long an idle one stays open ({@code keepAliveTimeout}, ns: NGINX's {@code keepalive_timeout}).
 */
public record ClientFront(TlsSpec tls, boolean http2, boolean keepAlive, long keepAliveTimeout) {

    /** NGINX's {@code keepalive_timeout} default, 75 s (A.5). */
    public static final long NGINX_KEEPALIVE = 75_000_000_000L;

    /** Plain HTTP/1.1 with keep-alive, idle connections closed after NGINX's 75 s. */
    public static final ClientFront PLAIN = new ClientFront(null, false, true, NGINX_KEEPALIVE);

    /** Checks the bounds. */
    public ClientFront {
        Require.atLeast("keepalive_timeout", keepAliveTimeout, 0);
    }

    /**
     * The browsers' side of a service outside our machines (object storage, a CDN): {@code tls}
     * ({@code false}, {@code '1.2'} or {@code '1.3'}, by default 1.3, its handshakes on the provider's
     * CPU), HTTP/2 when {@code http2} (read from the file when {@code http2Key}), keep-alive for
     * {@code keepalive_timeout} (0: none kept).
     */
    static ClientFront origin(Fields f, boolean http2Key, boolean http2, long keepAlive) {
        String choice = f.choice("tls", "1.3", TlsSpec.CHOICES);
        String version = "true".equals(choice) ? "1.3" : choice;
        TlsSpec tls = "false".equals(version) ? null
                : new TlsSpec(version, 0, new io.stagesim.random.Constant(0), new io.stagesim.random.Constant(0));
        boolean h2 = http2Key ? f.bool("http2", http2) : http2;
        if (h2 && tls == null && http2Key && f.has("http2")) {
            f.problem("http2", "browsers speak HTTP/2 only over TLS: remove 'tls: false', or http2");
        }
        long timeout = f.duration("keepalive_timeout", keepAlive);
        return new ClientFront(tls, h2 && tls != null, timeout > 0, timeout);
    }
}
