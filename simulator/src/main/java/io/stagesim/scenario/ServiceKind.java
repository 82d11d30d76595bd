package io.stagesim.scenario;

import java.util.Arrays;
import java.util.List;

/**
 * The registry of service kinds, keyed by the YAML {@code type} field: each kind's name, the spec
 * record it binds to, and whether other services may route requests to it (a front) or call it.
 */
public enum ServiceKind {
    /** Where page views come from. */
    BROWSER("browser", ServiceSpec.Browser.class, false, false),
    /** Django's runserver. */
    DEV_SERVER("dev_server", ServiceSpec.DevServer.class, true, false),
    /** Gunicorn. */
    APP_SERVER("app_server", ServiceSpec.AppServer.class, true, false),
    /** NGINX in front of app servers. */
    PROXY("proxy", ServiceSpec.Proxy.class, true, false),
    /** A load balancer, self-hosted or managed. */
    LOAD_BALANCER("load_balancer", ServiceSpec.LoadBalancer.class, true, false),
    /** PostgreSQL- or SQLite-like. */
    DATABASE("database", ServiceSpec.Database.class, false, true),
    /** Redis or Memcached. */
    CACHE("cache", ServiceSpec.Cache.class, false, true),
    /** Celery and its broker. */
    TASK_QUEUE("task_queue", ServiceSpec.TaskQueue.class, false, true),
    /** S3-like storage. */
    OBJECT_STORAGE("object_storage", ServiceSpec.ObjectStorage.class, false, true);

    private final String type;
    private final Class<? extends ServiceSpec> spec;
    private final boolean front;
    private final boolean callable;

    ServiceKind(String type, Class<? extends ServiceSpec> spec, boolean front, boolean callable) {
        this.type = type;
        this.spec = spec;
        this.front = front;
        this.callable = callable;
    }

    /** The name written in {@code type:}. */
    public String type() {
        return type;
    }

    /** The spec record this kind binds to. */
    public Class<? extends ServiceSpec> specClass() {
        return spec;
    }

    /** True when requests can be routed to it (a browser target, an upstream, a backend). */
    public boolean isFront() {
        return front;
    }

    /** True when a view can call it. */
    public boolean isCallable() {
        return callable;
    }

    /** Every type name, for messages. */
    public static List<String> types() {
        return Arrays.stream(values()).map(ServiceKind::type).toList();
    }

    /** The kind with this type name, or null. */
    public static ServiceKind ofType(String type) {
        for (ServiceKind k : values()) {
            if (k.type.equals(type)) {
                return k;
            }
        }
        return null;
    }

    /** The kind of a spec. */
    public static ServiceKind of(ServiceSpec s) {
        for (ServiceKind k : values()) {
            if (k.spec.isInstance(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no kind for " + s);
    }
}
