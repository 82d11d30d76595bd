package io.stagesim.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.DurableExecutorConfig;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.core.Hazelcast;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the members of a sweep's cluster, workers and a sweep's own, configured for a closed
 * room: TCP-IP join to the given members only (no multicast, no cloud auto-detection), bound to
 * one address (loopback unless told otherwise, never every interface), the member protocol only (no
 * port for Hazelcast clients, REST or memcache), no phone-home, Hazelcast's
 * log routed to Java's logging at warnings only, the cluster name made from the secret, and a
 * Java-serialization filter that admits nothing but this package's classes (our task travels with
 * Hazelcast's identified serialization, so nothing needs Java's).
 */
public final class Members {

    /** The durable executor a sweep's items go through. */
    static final String EXECUTOR = "stagesim-points";

    /** Keeps Hazelcast's logger configured (a logger nobody holds may be collected and reset). */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    /**
     * Its warning that Java's internal packages are closed to it (they only make it faster) says
     * nothing to a user: kept below its warnings.
     */
    private static final Logger MODULES_LOG = Logger.getLogger("com.hazelcast.instance.impl.HazelcastInstanceFactory");

    private Members() {
    }

    /** Where a member listens and whom it joins. */
    public record Place(String bind, int port, List<String> join) {
    }

    /**
     * Starts a worker: a full member that runs items with {@code worker}, {@code slots} at a
     * time. Its address is {@code bind}:{@code port} (0: any free port).
     */
    public static ClusterMember startWorker(String clusterName, Place place, Worker worker, int slots) {
        Config c = config(clusterName, place, slots, Level.WARNING);
        c.getUserContext().put(Worker.KEY, worker);
        ClusterMember m = new ClusterMember(Hazelcast.newHazelcastInstance(c));
        worker.member(m.address());
        return m;
    }

    /**
     * Starts a sweep's own member: a lite member, which holds no data and runs no items. Its
     * Hazelcast log says only errors: the sweep says itself when a worker leaves.
     */
    public static ClusterMember startSweep(String clusterName, Place place) {
        Config c = config(clusterName, place, 1, Level.SEVERE);
        c.setLiteMember(true);
        return new ClusterMember(Hazelcast.newHazelcastInstance(c));
    }

    static Config config(String clusterName, Place place, int slots, Level log) {
        System.setProperty("hazelcast.phone.home.enabled", "false");
        System.setProperty("hazelcast.logging.type", "jdk");
        HAZELCAST_LOG.setLevel(log);
        MODULES_LOG.setLevel(Level.SEVERE);
        Config c = new Config();
        c.setClusterName(clusterName);
        c.setInstanceName("stagesim-" + java.util.UUID.randomUUID());
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.logging.type", "jdk");
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.local.localAddress", place.bind());
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        c.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");
        c.getJetConfig().setEnabled(false);
        // the advanced network with a member endpoint only: no port takes Hazelcast clients (whose
        // only check in open source is the cluster name), REST or memcache
        AdvancedNetworkConfig n = c.getAdvancedNetworkConfig().setEnabled(true);
        ServerSocketEndpointConfig member = new ServerSocketEndpointConfig();
        member.setPort(place.port()).setPortAutoIncrement(false);
        member.getInterfaces().setEnabled(true).addInterface(place.bind());
        n.setMemberEndpointConfig(member);
        JoinConfig j = n.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        j.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(List.copyOf(place.join()));
        c.getSerializationConfig().addDataSerializableFactory(PointTask.FACTORY_ID, new PointTask.Factory());
        JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig();
        filter.getWhitelist().addPrefixes("io.stagesim.cluster.");
        c.getSerializationConfig().setJavaSerializationFilterConfig(filter);
        c.addDurableExecutorConfig(new DurableExecutorConfig(EXECUTOR).setPoolSize(slots).setDurability(1)
                .setCapacity(1000));
        return c;
    }
}
