package io.stagesim.operations;

import io.stagesim.assembly.WebModel;
import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.nodes.LoadBalancerNode;
import io.stagesim.nodes.Node;
import io.stagesim.scenario.FaultSpec;
import io.stagesim.stats.CountRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A blue-green deploy: beside each target app server (blue) a green copy starts on a new host,
 * boots, and joins its balancers (a managed balancer after its health checks pass). Once every
 * green copy takes traffic, the blue ones leave rotation at once, finish what they run (at most
 * the drain time; the rest are killed) and their hosts stop. The blue and green hosts are paid
 * for only while they run.
 */
final class BlueGreen implements Handler {

    private static final int START = 0;
    private static final int CHECK = 1;

    private final Engine engine;
    private final FaultSpec.Deploy fault;
    private final Fleet fleet;
    private final int blues;
    private final CountRecorder switches;
    private final WebModel model;

    private BlueGreen(Operations ops, FaultSpec.Deploy fault, Fleet fleet, int blues, String label) {
        this.engine = ops.engine;
        this.fault = fault;
        this.fleet = fleet;
        this.blues = blues;
        this.model = ops.model;
        this.switches = ops.model.counter(label, "blue_green_switches");
    }

    /**
     * Sets up the blue-green deploy {@code f}, its green copies off; plans it when it
     * {@code happens} in this replication.
     */
    static void attach(Operations ops, FaultSpec.Deploy f, boolean happens) {
        Map<String, Node> nodes = ops.model.placement().nodes();
        List<Node> members = new ArrayList<>();
        for (String t : f.targets()) {
            members.add(nodes.get(t));
        }
        for (String t : f.targets()) {
            members.add(nodes.get(FaultSpec.Deploy.green(t)));
        }
        List<LoadBalancerNode> balancers = new ArrayList<>();
        for (Node n : nodes.values()) {
            if (n instanceof LoadBalancerNode lb && members.stream().anyMatch(lb::hasBackend)) {
                balancers.add(lb);
            }
        }
        String label = balancers.get(0).name();
        Fleet fleet = new Fleet(ops, label, members, f.targets().size(), balancers, "killed_on_switch");
        BlueGreen d = new BlueGreen(ops, f, fleet, f.targets().size(), label);
        if (happens) {
            d.engine.scheduleAt(f.at(), Operations.PRIORITY, d, null, START);
        }
    }

    @Override
    public void handle(Object subject, int tag) {
        List<Fleet.Member> members = fleet.members();
        if (tag == START) {
            for (int i = blues; i < members.size(); i++) {
                fleet.launch(members.get(i), fault.boot());
            }
        }
        for (int i = blues; i < members.size(); i++) {
            if (!fleet.serving(members.get(i))) {
                engine.schedule(Drain.POLL, this, null, CHECK);
                return;
            }
        }
        switches.increment();
        int[] stopped = {0};
        for (int i = 0; i < blues; i++) {
            fleet.retire(members.get(i), fault.drain(), () -> {
                if (++stopped[0] == blues) {
                    model.ended(fault, engine.now());
                }
            });
        }
    }
}
