package io.stagesim.scenario;

import io.stagesim.random.Distribution;
import java.util.List;

/**
 * A service of the architecture. Each kind is a record of its own, listed once in
 * {@link ServiceKind}, that answers for itself what the rest of the simulator asks of a service:
 * where it runs and the memory it takes there, where it sends requests on, whether it runs views,
 * how {@code explain} describes it, and its own checks. Fields, units and defaults are documented
 * in {@code scenarios/reference.yaml}; durations are nanoseconds, sizes bytes.
 */
public interface ServiceSpec {

    /** The services a service sends requests on to, and the key they are written under. */
    record Routes(String key, List<String> names) {
        /** No routes: the service answers requests itself. */
        public static final Routes NONE = new Routes("", List.of());

        /** Copies the list. */
        public Routes {
            names = List.copyOf(names);
        }
    }

    /** A problem with one of the service's own keys, found once the whole scenario is read. */
    record KeyProblem(String key, String message) {
    }

    /** The service's name (its key under {@code services}). */
    String name();

    /** The host it runs on, or null for a service outside our machines (object storage, managed LB). */
    String host();

    /** Its kind: the entry of the registry it was bound by. */
    ServiceKind kind();

    /** Resident memory it takes on its host (bytes): processes × per-process, connections × per-connection. */
    long memory();

    /** Where it sends requests on to (a proxy's upstreams, a balancer's backends); none by default. */
    default Routes routes() {
        return Routes.NONE;
    }

    /** The service a page view of class {@code r} goes to next, or null when it ends here. */
    default String nextFor(RequestSpec r) {
        return routes().names().isEmpty() ? null : routes().names().get(0);
    }

    /**
     * What a browser's connection to it costs when the browsers talk to it directly: TLS, HTTP/2,
     * keep-alive. Plain HTTP/1.1 with keep-alive by default.
     */
    default ClientFront clientFront() {
        return ClientFront.PLAIN;
    }

    /** True when it runs the views of request classes (an app server). */
    default boolean runsViews() {
        return kind().role() == ServiceKind.Role.VIEWS;
    }

    /** What {@code explain} says of it on the path of a page view of class {@code r}, or null: nothing. */
    default String explainHop(Scenario s, RequestSpec r) {
        return null;
    }

    /**
     * What {@code explain} says of the database connections a page view of class {@code r} opens
     * when it runs here (empty when it opens none), from {@link #django()}.
     */
    default String explainConnections(Scenario s, RequestSpec r) {
        ServiceSpec db = r.view().firstConnection(s.services());
        if (db == null) {
            return "";
        }
        DjangoConnections d = django();
        String opening = "CPU " + Units.mean(d.connectCpu()) + " + " + Units.mean(d.setupCpu()) + " here and "
                + Units.mean(db.connectionCpu())
                + (db instanceof DatabaseSpec pg ? " + " + Units.mean(pg.coldCacheCpu()) + " (cold caches)" : "")
                + " in " + db.name() + ", " + db.handshakeRoundTrips()
                + " round trips";
        if (d.pool() != null) {
            return "; Django's psycopg pool, " + d.pool().minSize() + " to " + d.pool().maxSize()
                    + " connections per worker process, opened at its first query and when needed (" + opening
                    + "), waited for up to " + Units.formatDuration(d.pool().timeout());
        }
        if (!d.persistent()) {
            return "; a new database connection per request: " + opening;
        }
        return "; persistent database connections, one per worker slot"
                + (d.connMaxAge() == DjangoConnections.UNLIMITED ? ""
                        : ", reopened after " + Units.formatDuration(d.connMaxAge()))
                + " (" + opening + ")";
    }

    /** What {@code explain} says of it serving a static file, or null when it passes them on. */
    default String explainStatic() {
        return null;
    }

    /** True when a caller on {@code callerHost} reaches it inside its own process (no network). */
    default boolean embeddedIn(String callerHost) {
        return false;
    }

    /**
     * CPU it spends starting a new connection from a view, or null when calls to it need no
     * connection.
     */
    default Distribution connectionCpu() {
        return null;
    }

    /** Network round trips to open a connection to it (0 when calls to it need none). */
    default int handshakeRoundTrips() {
        return 0;
    }

    /** How its views open and keep database connections (Django's settings). */
    default DjangoConnections django() {
        return DjangoConnections.DEFAULT;
    }

    /** True when it can be started and stopped with its host during a run (autoscaling, blue-green). */
    default boolean replicable() {
        return false;
    }

    /**
     * The same service named {@code name} on {@code host} (an instance an autoscaling group
     * launches, the green copy of a deploy).
     *
     * @throws UnsupportedOperationException unless {@link #replicable()}
     */
    default ServiceSpec replica(String name, String host) {
        throw new UnsupportedOperationException("a " + kind().type() + " cannot be started and stopped with its host");
    }

    /** Problems among its own keys that only show once the whole scenario is read (none by default). */
    default List<KeyProblem> problems() {
        return List.of();
    }
}
