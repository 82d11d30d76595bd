package io.stagesim.operations;

import io.stagesim.assembly.WebModel;
import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.model.PsHost;
import io.stagesim.nodes.LoadBalancerNode;
import io.stagesim.nodes.Node;
import io.stagesim.nodes.RequestPool;
import io.stagesim.stats.CountRecorder;
import io.stagesim.stats.LevelRecorder;
import java.util.ArrayList;
import java.util.List;

/**
 * App servers behind balancers whose hosts are started and stopped while a run goes on. Each
 * member is off, booting (its host is paid for; connections to it are refused), up (in its
 * balancers' rotation), draining (out of rotation, finishing what it runs) or restarting (a
 * rolling deploy has it). Keeps the number of
 * hosts running and in service over time, and adds the running ones' price to the model's cost.
 */
final class Fleet {

    static final int OFF = 0;
    static final int BOOTING = 1;
    static final int UP = 2;
    static final int DRAINING = 3;
    /** Being restarted by a rolling deploy: paid for, not in service, not the autoscaler's to touch. */
    static final int RESTARTING = 4;

    /** One app server and its host. */
    final class Member implements Handler {
        final Node node;
        final PsHost cpu;
        final double pricePerHour;
        int state;
        /** When the autoscaler first saw it in service (ns), or −1. */
        long servingSince = -1;
        /** Its CPU's busy-core integral, and its worker slots' grants, at the autoscaler's last look. */
        double lastBusy;
        long lastGrants;

        Member(Node node, PsHost cpu, double pricePerHour) {
            this.node = node;
            this.cpu = cpu;
            this.pricePerHour = pricePerHour;
        }

        @Override
        public void handle(Object subject, int tag) { // booted
            state = UP;
            node.setDown(false);
            for (LoadBalancerNode lb : balancers) {
                lb.register(node);
            }
            inService.set(engine.now(), inService.level() + 1);
        }
    }

    private final Engine engine;
    private final RequestPool requests;
    private final List<LoadBalancerNode> balancers;
    private final List<Member> members = new ArrayList<>();
    private final LevelRecorder running;
    private final LevelRecorder inService;
    private final LevelRecorder cost;
    private final CountRecorder killed;

    /**
     * The app servers {@code nodes}, the first {@code initial} running from the start, the others
     * off and out of every balancer's rotation; requests killed at the end of a drain are counted as
     * {@code killedWhat}.
     */
    Fleet(Operations ops, String name, List<Node> nodes, int initial, List<LoadBalancerNode> balancers,
            String killedWhat) {
        WebModel m = ops.model;
        this.engine = ops.engine;
        this.requests = m.requests();
        this.balancers = balancers;
        this.running = m.level(name, "instances");
        this.inService = m.level(name, "in_service");
        this.cost = m.elasticCost();
        this.killed = m.counter(name, killedWhat);
        ops.fleets.add(this);
        double paid = 0;
        for (int i = 0; i < nodes.size(); i++) {
            String host = m.scenario().services().get(nodes.get(i).name()).host();
            Member x = new Member(nodes.get(i), m.hostCpus().get(host), m.scenario().hosts().get(host).costPerHour());
            members.add(x);
            if (i < initial) {
                x.state = UP;
                x.servingSince = 0;
                paid += x.pricePerHour;
            } else {
                for (LoadBalancerNode lb : balancers) {
                    lb.deregister(x.node);
                }
                x.node.setDown(true);
            }
        }
        running.set(0, initial);
        inService.set(0, initial);
        cost.set(0, cost.level() + paid);
    }

    List<Member> members() {
        return members;
    }

    /** The member running {@code node}, or null. */
    Member memberOf(Node node) {
        for (Member x : members) {
            if (x.node == node) {
                return x;
            }
        }
        return null;
    }

    /**
     * A rolling deploy takes {@code x} (up) out of service to restart it ({@code restarting}), or
     * gives it back, booted: it is measured again after a warm-up, as a new instance would be.
     */
    void restarting(Member x, boolean restarting) {
        x.state = restarting ? RESTARTING : UP;
        x.servingSince = -1;
        inService.set(engine.now(), inService.level() + (restarting ? -1 : 1));
    }

    /** Members in {@code state}. */
    int count(int state) {
        int n = 0;
        for (Member x : members) {
            n += x.state == state ? 1 : 0;
        }
        return n;
    }

    /** True when {@code x} is up and every balancer sends it new requests. */
    boolean serving(Member x) {
        if (x.state != UP) {
            return false;
        }
        for (LoadBalancerNode lb : balancers) {
            if (!lb.inService(x.node)) {
                return false;
            }
        }
        return true;
    }

    /** Starts {@code x}'s host: it is paid for from now, and joins its balancers after {@code boot} ns. */
    void launch(Member x, long boot) {
        x.state = BOOTING;
        x.servingSince = -1;
        long now = engine.now();
        running.set(now, running.level() + 1);
        cost.set(now, cost.level() + x.pricePerHour);
        engine.schedule(boot, x, null, 0);
    }

    /** Takes {@code x} out of rotation, drains it for at most {@code drain} ns, then stops its host. */
    void retire(Member x, long drain) {
        retire(x, drain, () -> { });
    }

    /** As {@link #retire(Member, long)}, then runs {@code after}. */
    void retire(Member x, long drain, Runnable after) {
        x.state = DRAINING;
        x.servingSince = -1;
        inService.set(engine.now(), inService.level() - 1);
        for (LoadBalancerNode lb : balancers) {
            lb.deregister(x.node);
        }
        x.node.setDown(true);
        Drain.start(engine, requests, x.node, drain, killed, () -> {
            x.state = OFF;
            running.set(engine.now(), running.level() - 1);
            cost.set(engine.now(), cost.level() - x.pricePerHour);
            after.run();
        });
    }
}
