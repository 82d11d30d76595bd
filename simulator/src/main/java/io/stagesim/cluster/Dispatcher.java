package io.stagesim.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.durableexecutor.DurableExecutorService;
import com.hazelcast.partition.Partition;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A sweep's side of the cluster: hands its signed items to the workers through the durable
 * executor, two at a time per worker (one running, one waiting, so a worker is never idle for a
 * round trip), and collects the results by item index. A worker lost mid-item: the executor's
 * backup of that partition runs the item again on another member; should its future fail
 * instead, or no answer come within the wait for workers after its member left, the item is
 * submitted again. Either way an item is counted once, by its index.
 */
public final class Dispatcher {

    /** Items a worker is given at once. */
    static final int IN_FLIGHT = 2;

    /** Told as items finish. */
    @FunctionalInterface
    public interface Progress {
        /** {@code finished} of {@code total} items done; {@code perMember} counts them by the member that ran them. */
        void done(int finished, int total, SortedMap<String, Integer> perMember);

        /** Item {@code index} finished with this text (the first time; told before {@link #done}). */
        default void point(int index, String text) {
        }

        /** Worker {@code member} left the cluster (stopped, killed, cut off). */
        default void left(String member) {
        }
    }

    /** What went wrong with the cluster or an item; the message says it for the user. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    /** The collected results: each item's text by index, who ran how many, and how many ran twice. */
    public record Outcome(SortedMap<Integer, String> texts, SortedMap<String, Integer> perMember, int repeated,
            int resent) {
    }

    private record Done(int submission, int index, byte[] bytes, Throwable failure) {
    }

    private Dispatcher() {
    }

    /**
     * Runs {@code items} (signed, by index) of sweep {@code sweep} on the workers of {@code member}'s
     * cluster and returns their results. Fails when no worker is in the cluster for
     * {@code noWorkerMillis}, when a worker rejects an item, when a result is not signed with
     * {@code secret} or is not the one asked for, and when an item cannot be measured.
     */
    public static Outcome run(ClusterMember member, ClusterSecret secret, String sweep,
            SortedMap<Integer, byte[]> items, long noWorkerMillis, Progress progress) throws InterruptedException {
        HazelcastInstance hz = member.hazelcast();
        DurableExecutorService exec = hz.getDurableExecutorService(Members.EXECUTOR);
        Map<Integer, Object> keys = keysByPartition(hz);
        Deque<Integer> pending = new ArrayDeque<>(items.keySet());
        Map<Integer, Integer> indexOf = new HashMap<>();
        Map<Integer, UUID> targetOf = new HashMap<>();
        BlockingQueue<Done> done = new LinkedBlockingQueue<>();
        SortedMap<Integer, String> texts = new TreeMap<>();
        SortedMap<String, Integer> perMember = new TreeMap<>();
        int repeated = 0;
        int resent = 0;
        int submissions = 0;
        Map<UUID, Long> leftAt = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Set<Integer> orphaned = new java.util.HashSet<>();
        java.util.UUID listener = hz.getCluster().addMembershipListener(new com.hazelcast.cluster.MembershipListener() {
            @Override
            public void memberAdded(com.hazelcast.cluster.MembershipEvent e) {
            }

            @Override
            public void memberRemoved(com.hazelcast.cluster.MembershipEvent e) {
                if (!e.getMember().isLiteMember()) {
                    leftAt.put(e.getMember().getUuid(), System.nanoTime());
                    progress.left(ClusterMember.address(e.getMember().getAddress()));
                }
            }
        });
        try {
            long noWorkerSince = System.nanoTime();
            while (texts.size() < items.size()) {
                List<Member> workers = hz.getCluster().getMembers().stream().filter(m -> !m.isLiteMember()).toList();
                if (workers.isEmpty()) {
                    if (System.nanoTime() - noWorkerSince > noWorkerMillis * 1_000_000) {
                        throw new Failure("no stagesim worker is in the cluster after " + noWorkerMillis / 1000 + " s: "
                                + "start some with 'stagesim worker', and check that they listen where --cluster "
                                + "says and share this sweep's secret and cluster name (a member with another secret "
                                + "is not let in)");
                    }
                } else {
                    noWorkerSince = System.nanoTime();
                }
                for (Member w : workers) {
                    long busy = targetOf.values().stream().filter(w.getUuid()::equals).count();
                    for (; busy < IN_FLIGHT && !pending.isEmpty(); busy++) {
                        Object key = keyOwnedBy(hz, keys, w);
                        if (key == null) {
                            break; // it owns no partition yet (just joined): next round
                        }
                        int index = pending.poll();
                        int s = submissions++;
                        indexOf.put(s, index);
                        targetOf.put(s, w.getUuid());
                        exec.submitToKeyOwner(new PointTask(items.get(index)), key)
                                .whenComplete((v, t) -> done.add(new Done(s, index, (byte[]) v, t)));
                    }
                }
                // the executor's backup runs a lost member's items again; should both copies of a task
                // be lost (two members at once), the item is sent again once the wait is over
                for (Map.Entry<Integer, UUID> e : targetOf.entrySet()) {
                    Long gone = leftAt.get(e.getValue());
                    if (gone != null && System.nanoTime() - gone > noWorkerMillis * 1_000_000
                            && orphaned.add(e.getKey())) {
                        int index = indexOf.get(e.getKey());
                        if (!texts.containsKey(index) && !pending.contains(index)) {
                            pending.addFirst(index);
                            resent++;
                        }
                    }
                }
                Done d = done.poll(500, TimeUnit.MILLISECONDS);
                if (d == null) {
                    continue;
                }
                indexOf.remove(d.submission());
                targetOf.remove(d.submission());
                if (d.failure() != null) {
                    if (lostMember(d.failure()) || !hz.getLifecycleService().isRunning()) {
                        if (!texts.containsKey(d.index()) && !indexOf.containsValue(d.index())) {
                            pending.addFirst(d.index());
                            resent++;
                        }
                        continue;
                    }
                    throw new Failure("item " + d.index() + " failed on the cluster: " + d.failure());
                }
                PointResult r = result(secret, sweep, d);
                if (!r.ok()) {
                    throw new Failure("point " + d.index() + " could not be measured on " + r.member() + ": "
                            + r.text());
                }
                if (texts.putIfAbsent(d.index(), r.text()) != null) {
                    repeated++;
                    continue;
                }
                perMember.merge(r.member(), 1, Integer::sum);
                progress.point(d.index(), r.text());
                progress.done(texts.size(), items.size(), new TreeMap<>(perMember));
            }
            return new Outcome(texts, perMember, repeated, resent);
        } finally {
            hz.getCluster().removeMembershipListener(listener);
        }
    }

    private static PointResult result(ClusterSecret secret, String sweep, Done d) {
        byte[] b = d.bytes();
        if (b != null && b.length >= PointTask.REJECTED.length
                && Arrays.equals(b, 0, PointTask.REJECTED.length, PointTask.REJECTED, 0, PointTask.REJECTED.length)) {
            throw new Failure("a worker rejected item " + d.index() + ": " + new String(b, PointTask.REJECTED.length,
                    b.length - PointTask.REJECTED.length, java.nio.charset.StandardCharsets.UTF_8)
                    + "; give the sweep and every worker the same STAGESIM_CLUSTER_SECRET (or --secret-file)");
        }
        PointResult r;
        try {
            r = PointResult.decode(secret.open("result", b));
        } catch (SecurityException | IllegalArgumentException e) {
            throw new Failure("the result of item " + d.index() + " was refused: " + e.getMessage()
                    + " (not from a worker of this cluster)");
        }
        if (!r.sweep().equals(sweep) || r.index() != d.index()) {
            throw new Failure("the result of item " + d.index() + " is for item " + r.index() + " of sweep "
                    + r.sweep() + ": refused");
        }
        return r;
    }

    private static boolean lostMember(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof com.hazelcast.core.MemberLeftException
                    || c instanceof com.hazelcast.spi.exception.TargetNotMemberException
                    || c instanceof com.hazelcast.core.HazelcastInstanceNotActiveException
                    || c instanceof com.hazelcast.spi.exception.PartitionMigratingException
                    || c instanceof com.hazelcast.spi.exception.WrongTargetException) {
                return true;
            }
        }
        return false;
    }

    /** For each partition, a key that falls in it (so an item can be sent to a chosen member). */
    private static Map<Integer, Object> keysByPartition(HazelcastInstance hz) {
        var ps = hz.getPartitionService();
        int partitions = ps.getPartitions().size();
        Map<Integer, Object> keys = new HashMap<>();
        for (int k = 0; keys.size() < partitions && k < 100 * partitions; k++) {
            String key = "p" + k;
            keys.putIfAbsent(ps.getPartition(key).getPartitionId(), key);
        }
        return keys;
    }

    private static Object keyOwnedBy(HazelcastInstance hz, Map<Integer, Object> keys, Member m) {
        for (Partition p : hz.getPartitionService().getPartitions()) {
            Member owner = p.getOwner();
            if (owner != null && owner.getUuid().equals(m.getUuid()) && keys.containsKey(p.getPartitionId())) {
                return keys.get(p.getPartitionId());
            }
        }
        return null;
    }
}
