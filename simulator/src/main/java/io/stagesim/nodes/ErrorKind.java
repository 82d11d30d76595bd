package io.stagesim.nodes;

/** Why a page view or request failed, as counted in results. */
public enum ErrorKind {
    /** NGINX or a load balancer had no free connection (worker_connections). */
    PROXY_CONNECTIONS("proxy_connections_exhausted"),
    /** The listen backlog stayed full through every SYN retry: the connection never opened. */
    CONNECT_TIMEOUT("connect_timeout"),
    /** The database refused a connection over max_connections ("too many clients"). */
    DB_CONNECTIONS("db_too_many_connections"),
    /** SQLite's write lock was not free within the lock timeout ("database is locked"). */
    DB_LOCKED("db_locked"),
    /** Object storage answered 503 SlowDown: over its request-rate limit. */
    THROTTLED("throttled"),
    /** Object storage answered 503 Service Unavailable: an outage of the service. */
    STORAGE_UNAVAILABLE("storage_unavailable"),
    /** The host a request reached was down: connection refused, or reset for requests under way. */
    HOST_DOWN("host_down"),
    /**
     * The service a request reached was not running on a machine that was up: a deploy's restart, a
     * database's failover or a process the OOM killer ended (connection refused, or reset for requests
     * under way).
     */
    SERVICE_DOWN("service_down"),
    /** Gunicorn killed the worker after its timeout: the proxy sees a reset connection (502). */
    WORKER_TIMEOUT("worker_timeout"),
    /** The kernel's OOM killer killed the worker as its memory passed the limit: a reset connection (502). */
    WORKER_OOM("worker_oom_killed"),
    /** NGINX waited longer than proxy_read_timeout for the upstream (504). */
    UPSTREAM_TIMEOUT("upstream_timeout"),
    /** NGINX's limit_req refused it (503): over the rate and its burst. */
    RATE_LIMITED("rate_limited"),
    /** NGINX's limit_conn refused it (503): as many requests as allowed were at the upstreams. */
    CONN_LIMITED("connections_limited"),
    /** The browser gave up waiting (its timeout). */
    CLIENT_TIMEOUT("client_timeout"),
    /** A pooler had no server connection free within its wait limit (PgBouncer's query_wait_timeout). */
    POOL_WAIT_TIMEOUT("db_pool_wait_timeout");

    private final String key;

    ErrorKind(String key) {
        this.key = key;
    }

    /** The name used in results. */
    public String key() {
        return key;
    }
}
