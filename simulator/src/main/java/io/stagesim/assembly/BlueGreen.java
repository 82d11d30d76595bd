package io.stagesim.assembly;

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
    private final FaultSpec fault;
    private final Fleet fleet;
    private final int blues;
    private final CountRecorder switches;
    private final java.util.Map<FaultSpec, Long> ended;

    private BlueGreen(WebModel m, FaultSpec fault, Fleet fleet, int blues, String label) {
        this.engine = m.sim.engine();
        this.fault = fault;
        this.fleet = fleet;
        this.blues = blues;
        this.switches = new CountRecorder(m.sim.windows());
        this.ended = m.ended;
        m.counters.add(new WebModel.LabelledCounter(label, "blue_green_switches", switches));
    }

    /**
     * Sets up the blue-green deploy {@code f} on the model's {@code nodes} by service name, its
     * green copies off; plans it when it {@code happens} in this replication.
     */
    static void schedule(WebModel m, FaultSpec f, Map<String, Node> nodes, boolean happens) {
        List<Node> members = new ArrayList<>();
        for (String t : f.rollout().targets()) {
            members.add(nodes.get(t));
        }
        for (String t : f.rollout().targets()) {
            members.add(nodes.get(FaultSpec.Rollout.green(t)));
        }
        List<LoadBalancerNode> balancers = new ArrayList<>();
        for (Node n : nodes.values()) {
            if (n instanceof LoadBalancerNode lb && members.stream().anyMatch(lb::hasBackend)) {
                balancers.add(lb);
            }
        }
        String label = balancers.get(0).name();
        Fleet fleet = new Fleet(m, label, members, f.rollout().targets().size(), balancers, "killed_on_switch");
        BlueGreen d = new BlueGreen(m, f, fleet, f.rollout().targets().size(), label);
        if (happens) {
            d.engine.scheduleAt(f.at(), -64, d, null, START);
        }
    }

    @Override
    public void handle(Object subject, int tag) {
        List<Fleet.Member> members = fleet.members();
        if (tag == START) {
            for (int i = blues; i < members.size(); i++) {
                fleet.launch(members.get(i), fault.rollout().boot());
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
            fleet.retire(members.get(i), fault.rollout().drain(), () -> {
                if (++stopped[0] == blues) {
                    ended.put(fault, engine.now());
                }
            });
        }
    }
}
