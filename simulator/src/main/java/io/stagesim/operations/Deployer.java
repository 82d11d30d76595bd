package io.stagesim.operations;

import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.nodes.ErrorKind;
import io.stagesim.nodes.LoadBalancerNode;
import io.stagesim.nodes.Node;
import io.stagesim.nodes.RequestPool;
import io.stagesim.scenario.FaultSpec;
import io.stagesim.stats.CountRecorder;
import java.util.List;
import java.util.Map;

/**
 * A rolling deploy: restarts app servers one at a time. Each in turn is taken out of its
 * balancers' rotation and stops accepting connections (new requests sent to it anyway, as by a
 * proxy with no other upstream, are refused); it finishes the requests it is running, for at most
 * the drain time, after which those left are killed (their callers see the connection reset); it
 * is then down while the new version boots; then it is back, and its balancers take it back into
 * rotation (a managed balancer after its health checks pass). The next one starts at its planned
 * time, or once the previous one is back in service, whichever is later.
 */
final class Deployer implements Handler {

    private static final int DRAIN = 0;
    private static final int BOOTED = 2;
    private static final int CHECK_IN_SERVICE = 3;

    private final Engine engine;
    private final FaultSpec.Deploy rollout;
    private final long at;
    private final Node[] targets;
    private final List<LoadBalancerNode> balancers;
    private final RequestPool requests;
    private final CountRecorder[] restarts;
    private final CountRecorder[] killed;
    private final List<Fleet> fleets;
    private final Operations ops;
    private int current;

    private Deployer(Operations ops, FaultSpec.Deploy deploy, List<Node> targets, List<LoadBalancerNode> balancers) {
        this.ops = ops;
        this.engine = ops.engine;
        this.fleets = ops.fleets;
        this.rollout = deploy;
        this.at = deploy.at();
        this.targets = targets.toArray(new Node[0]);
        this.balancers = balancers;
        this.requests = ops.model.requests();
        this.restarts = new CountRecorder[targets.size()];
        this.killed = new CountRecorder[targets.size()];
        for (int i = 0; i < this.targets.length; i++) {
            restarts[i] = ops.model.counter(this.targets[i].name(), "deploy_restarts");
            killed[i] = ops.model.counter(this.targets[i].name(), "deploy_killed");
        }
    }

    /** Plans the rolling deploy {@code d} when it {@code happens} in this replication. */
    static void attach(Operations ops, FaultSpec.Deploy d, boolean happens) {
        if (!happens) {
            return;
        }
        Map<String, Node> nodes = ops.model.placement().nodes();
        List<LoadBalancerNode> balancers = nodes.values().stream().filter(LoadBalancerNode.class::isInstance)
                .map(LoadBalancerNode.class::cast).toList();
        new Deployer(ops, d, d.targets().stream().map(nodes::get).toList(), balancers).schedule();
    }

    private Fleet.Member memberOf(Node node) {
        for (Fleet f : fleets) {
            if (f.memberOf(node) != null) {
                return f.memberOf(node);
            }
        }
        return null;
    }

    private Fleet fleetOf(Fleet.Member member) {
        for (Fleet f : fleets) {
            if (f.members().contains(member)) {
                return f;
            }
        }
        throw new IllegalStateException("no fleet has " + member.node.name());
    }

    /** Plans the first restart. */
    void schedule() {
        if (targets.length > 0) {
            engine.scheduleAt(at, Operations.PRIORITY, this, null, DRAIN);
        }
    }

    @Override
    public void handle(Object subject, int tag) {
        Node node = targets[current];
        Fleet.Member member = memberOf(node);
        switch (tag) {
            case DRAIN -> {
                if (member != null && member.state != Fleet.UP) { // an autoscaled instance not running now
                    next();
                    return;
                }
                if (member != null) {
                    fleetOf(member).restarting(member, true);
                }
                for (LoadBalancerNode lb : balancers) {
                    lb.deregister(node);
                }
                node.setDown(true, ErrorKind.SERVICE_DOWN); // the listening socket is closed: new connections are refused
                Drain.start(engine, requests, node, rollout.drain(), killed[current],
                        () -> engine.schedule(rollout.boot(), this, null, BOOTED));
            }
            case BOOTED -> {
                node.setDown(false, ErrorKind.SERVICE_DOWN);
                if (member != null) {
                    fleetOf(member).restarting(member, false);
                }
                restarts[current].increment();
                for (LoadBalancerNode lb : balancers) {
                    lb.register(node);
                }
                checkInService(node);
            }
            case CHECK_IN_SERVICE -> checkInService(node);
            default -> throw new IllegalStateException("deploy: tag " + tag);
        }
    }

    private void checkInService(Node node) {
        Fleet.Member member = memberOf(node);
        for (LoadBalancerNode lb : balancers) {
            if (member != null && member.state != Fleet.UP) {
                break; // the autoscaler removed it meanwhile
            }
            if (!lb.inService(node)) {
                engine.schedule(Drain.POLL, this, null, CHECK_IN_SERVICE);
                return;
            }
        }
        next();
    }

    private void next() {
        current++;
        if (current == targets.length) {
            ops.model.ended(rollout, engine.now());
        }
        if (current < targets.length) {
            long planned = at + current * rollout.interval();
            engine.scheduleAt(Math.max(planned, engine.now()), Operations.PRIORITY, this, null, DRAIN);
        }
    }
}
