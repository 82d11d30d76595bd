package io.stagesim.scenario;

/**
 * What a browser's connections to a service cost when the browsers talk to it directly: TLS (null for
 * plain HTTP), HTTP/2 (one connection per page view, its requests multiplexed) and whether it keeps a
 * connection open for the next request (keep-alive; Gunicorn's sync workers close it after each).
 */
public record ClientFront(TlsSpec tls, boolean http2, boolean keepAlive) {

    /** Plain HTTP/1.1 with keep-alive. */
    public static final ClientFront PLAIN = new ClientFront(null, false, true);
}
