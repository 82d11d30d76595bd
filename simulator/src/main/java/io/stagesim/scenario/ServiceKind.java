package io.stagesim.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The registry of service kinds, the one place that lists them, keyed by the YAML {@code type}
 * field: each kind's name, the spec record it binds to, whether it runs on a host of ours, its role
 * among the services, and its binder. How a kind becomes nodes is the assembly's
 * {@code ServiceBuilders}, a switch over this enum that does not compile while a kind is missing.
 */
public enum ServiceKind {
    /** Where page views come from. */
    BROWSER("browser", BrowserSpec.class, Placement.NONE, Role.CLIENT, BrowserSpec::bind),
    /** Django's runserver. */
    DEV_SERVER("dev_server", DevServerSpec.class, Placement.HOST, Role.VIEWS, DevServerSpec::bind),
    /** Gunicorn. */
    APP_SERVER("app_server", AppServerSpec.class, Placement.HOST, Role.VIEWS, AppServerSpec::bind),
    /** uWSGI. */
    UWSGI("uwsgi", UwsgiSpec.class, Placement.HOST, Role.VIEWS, UwsgiSpec::bind),
    /** NGINX in front of app servers. */
    PROXY("proxy", ProxySpec.class, Placement.HOST, Role.ROUTER, ProxySpec::bind),
    /** A load balancer, self-hosted or managed. */
    LOAD_BALANCER("load_balancer", LoadBalancerSpec.class, Placement.OPTIONAL_HOST, Role.ROUTER, LoadBalancerSpec::bind),
    /** PostgreSQL- or SQLite-like. */
    DATABASE("database", DatabaseSpec.class, Placement.HOST, Role.CALLED, DatabaseSpec::bind),
    /** PgBouncer, a pooler in front of a PostgreSQL-like database. */
    PGBOUNCER("pgbouncer", PgBouncerSpec.class, Placement.HOST, Role.CALLED, PgBouncerSpec::bind),
    /** A managed database proxy (RDS Proxy-like): a pooler outside our hosts. */
    DATABASE_PROXY("database_proxy", DatabaseProxySpec.class, Placement.NONE, Role.CALLED, DatabaseProxySpec::bind),
    /** Redis or Memcached. */
    CACHE("cache", CacheSpec.class, Placement.HOST, Role.CALLED, CacheSpec::bind),
    /** Celery and its broker. */
    TASK_QUEUE("task_queue", TaskQueueSpec.class, Placement.HOST, Role.CALLED, TaskQueueSpec::bind),
    /** S3-like storage. */
    OBJECT_STORAGE("object_storage", ObjectStorageSpec.class, Placement.NONE, Role.CALLED, ObjectStorageSpec::bind),
    /** A CDN in front of the static files (CloudFront-like). */
    CDN("cdn", CdnSpec.class, Placement.NONE, Role.EDGE, CdnSpec::bind);

    /** Whether a kind runs on a host of ours, named by its {@code host} key. */
    public enum Placement {
        /** Outside our machines: no {@code host} key. */
        NONE,
        /** On a host of ours: {@code host} is required. */
        HOST,
        /** On a host of ours when {@code host} is given, else outside them (a managed balancer). */
        OPTIONAL_HOST
    }

    /** What a kind does among the services. */
    public enum Role {
        /** Sends page views (the browser). */
        CLIENT,
        /** Runs the views of request classes: requests can be routed to it. */
        VIEWS,
        /** Passes requests on to other services: requests can be routed to it. */
        ROUTER,
        /** Called by views. */
        CALLED,
        /** Serves the browsers' static files from its own cache, in front of an origin (a CDN). */
        EDGE
    }

    /** Binds the keys of one service of a kind; {@code cores} are its host's (2 without one). */
    @FunctionalInterface
    interface Binder {
        /** The spec of service {@code name} on {@code host} (null outside our hosts). */
        ServiceSpec bind(String name, String host, int cores, Fields f);
    }

    private final String type;
    private final Class<? extends ServiceSpec> spec;
    private final Placement placement;
    private final Role role;
    private final Binder binder;

    ServiceKind(String type, Class<? extends ServiceSpec> spec, Placement placement, Role role, Binder binder) {
        this.type = type;
        this.spec = spec;
        this.placement = placement;
        this.role = role;
        this.binder = binder;
    }

    /** The name written in {@code type:}. */
    public String type() {
        return type;
    }

    /** The spec record this kind binds to. */
    public Class<? extends ServiceSpec> specClass() {
        return spec;
    }

    /** Whether it runs on a host of ours. */
    public Placement placement() {
        return placement;
    }

    /** What it does among the services. */
    public Role role() {
        return role;
    }

    Binder binder() {
        return binder;
    }

    /** True when requests can be routed to it (a browser target, an upstream, a backend). */
    public boolean isFront() {
        return role == Role.VIEWS || role == Role.ROUTER;
    }

    /** True when a view can call it. */
    public boolean isCallable() {
        return role == Role.CALLED;
    }

    /** Every type name, for messages. */
    public static List<String> types() {
        return Arrays.stream(values()).map(ServiceKind::type).toList();
    }

    /**
     * The type names of the kinds that pass {@code which}, for a message: "dev_server, app_server or
     * proxy"; in registry order, or by name when {@code byName}.
     */
    static String listed(Predicate<ServiceKind> which, boolean byName) {
        List<String> names = new ArrayList<>(Arrays.stream(values()).filter(which).map(ServiceKind::type).toList());
        if (byName) {
            names.sort(null);
        }
        if (names.size() < 2) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
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
        return s.kind();
    }
}
