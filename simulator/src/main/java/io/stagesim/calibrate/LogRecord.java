package io.stagesim.calibrate;

/**
 * One request from an access log: when it ended (ms since the epoch), its method and path, status,
 * bytes sent, its time at the server that wrote the log (s) and, for NGINX, the upstream's time
 * (s; NaN when NGINX answered it alone, a static file or a cached page); for Gunicorn, its own time again.
 */
public record LogRecord(long endMs, String method, String path, int status, long bytes, double seconds,
        double upstreamSeconds) {

    /** True when no upstream took part (NGINX served it itself). */
    public boolean servedByProxyAlone() {
        return Double.isNaN(upstreamSeconds);
    }
}
