package io.stagesim.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** A running member of a sweep's cluster (a worker, or a sweep's own), as the command line sees it. */
public final class ClusterMember implements AutoCloseable {

    private final HazelcastInstance hz;
    private final CountDownLatch stopped = new CountDownLatch(1);

    ClusterMember(HazelcastInstance hz) {
        this.hz = hz;
        hz.getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                stopped.countDown();
            }
        });
    }

    HazelcastInstance hazelcast() {
        return hz;
    }

    /** This member's address as host:port. */
    public String address() {
        return address(hz.getCluster().getLocalMember().getAddress());
    }

    static String address(com.hazelcast.cluster.Address a) {
        return a.getHost() + ":" + a.getPort();
    }

    /** Members in the cluster now, this one included. */
    public int members() {
        return hz.getCluster().getMembers().size();
    }

    /** Tells {@code say} each member that joins or leaves, as "worker|sweep HOST:PORT joined|left; N member(s)". */
    public void onChange(Consumer<String> say) {
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                say.accept(line(e, "joined"));
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                say.accept(line(e, "left"));
            }
        });
    }

    private static String line(MembershipEvent e, String what) {
        return (e.getMember().isLiteMember() ? "sweep " : "worker ") + address(e.getMember().getAddress()) + " "
                + what + "; the cluster has " + e.getMembers().size() + " member(s)";
    }

    /** Waits until the member stops (Ctrl-C: the JVM's shutdown hook leaves the cluster gracefully). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Leaves the cluster. */
    @Override
    public void close() {
        hz.shutdown();
    }
}
