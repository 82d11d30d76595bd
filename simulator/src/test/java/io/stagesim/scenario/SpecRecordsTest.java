package io.stagesim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stagesim.random.Constant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spec records made in code (a test, a copy for an autoscaled instance) are checked as a file is:
 * each compact constructor names the key, the bound and the value.
 */
final class SpecRecordsTest {

    private static final Constant MS = new Constant(1_000_000);

    @Test
    void appServer_withNoWorkers_isRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AppServerSpec("app", "web",
                "sync", 0, 1, 2048, 30_000_000_000L, 0, 0, MS, MS, DjangoConnections.DEFAULT));
        assertEquals("workers must be >= 1, was 0", e.getMessage());
    }

    @Test
    void balancer_withAnUnknownPolicy_isRefusedListingTheKnownOnes() {
        LoadBalancerSpec.SelfHosted nginx = new LoadBalancerSpec.SelfHosted(MS, 512, 0, 2, false, 1, 1, false);
        LoadBalancerSpec.Managed managed = new LoadBalancerSpec.Managed(0, 1, 2, 5, 1, 1, 1, null, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LoadBalancerSpec("lb",
                null, "fastest", List.of("app"), 1, nginx, managed, null));
        assertEquals("policy must be one of round_robin, least_conn, random, two_choices, was fastest", e.getMessage());
    }

    @Test
    void uwsgi_withANegativeHarakiri_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UwsgiSpec("u", "web", 1, 1,
                100, -1, 0, 0, 0, MS, MS, DjangoConnections.DEFAULT));
        assertEquals("harakiri must be >= 0, was -1", e.getMessage());
    }

    // A reserved share of connections at or above the limit is a problem of the whole file, found
    // with its place once everything is read; the record itself says which key.
    @Test
    void database_reservingEveryConnection_namesReservedConnections() {
        DatabaseSpec db = new DatabaseSpec("db", "h", "postgres", 3, 3, MS, MS, "none", "scram-sha-256", 0, 1, MS,
                0, 0, Replication.NONE, false, 0, 1);
        assertEquals(List.of(new ServiceSpec.KeyProblem("reserved_connections",
                "must be below max_connections (3), was 3")), db.problems());
    }
}
