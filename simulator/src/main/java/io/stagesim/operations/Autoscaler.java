package io.stagesim.operations;

import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.nodes.AppServerNode;
import io.stagesim.nodes.LoadBalancerNode;
import io.stagesim.nodes.Node;
import io.stagesim.scenario.AutoscalingSpec;
import io.stagesim.scenario.LoadBalancerSpec;
import io.stagesim.scenario.ServiceSpec;
import io.stagesim.stats.CountRecorder;
import java.util.List;
import java.util.Map;

/**
 * Target-tracking autoscaling of a balancer's app servers (see {@link AutoscalingSpec}).
 * At every multiple of the period, after everything else due then, it takes the mean CPU
 * utilisation over the period of the instances that were up for all of it (an instance counts
 * from the first look that finds it in every balancer's rotation, its warm-up, until it is removed)
 * and counts the periods in a row above and below the target. Enough above: it launches up to
 * ceil(measured × utilisation / target) instances, counting those booting. Enough below, with
 * none booting, every instance measured and no scaling for a cooldown: it removes down to that
 * number, newest first. An instance whose machine has failed is replaced at the next look.
 */
final class Autoscaler implements Handler {

    /** Looks come after every other event at the same instant (a boot ending then is seen). */
    private static final int LATE = 64;

    private final Engine engine;
    private final Fleet fleet;
    private final AutoscalingSpec a;
    private final CountRecorder launched;
    private final CountRecorder removed;
    private final CountRecorder replaced;
    private int above;
    private int below;
    private long lastAction = Long.MIN_VALUE / 2;

    private Autoscaler(Operations ops, Fleet fleet, AutoscalingSpec a, String name) {
        this.engine = ops.engine;
        this.fleet = fleet;
        this.a = a;
        this.launched = ops.model.counter(name, "scale_out_launches");
        this.removed = ops.model.counter(name, "scale_in_removals");
        this.replaced = ops.model.counter(name, "replacements");
    }

    /** Sets up the autoscaling of every balancer that has it. */
    static void attachAll(Operations ops) {
        Map<String, Node> nodes = ops.model.placement().nodes();
        for (ServiceSpec sp : ops.model.scenario().services().values()) {
            if (sp instanceof LoadBalancerSpec l && l.autoscaling() != null) {
                AutoscalingSpec a = l.autoscaling();
                Fleet fleet = new Fleet(ops, l.name(), a.group().stream().map(nodes::get).toList(), a.initial(),
                        List.of((LoadBalancerNode) nodes.get(l.name())), "killed_on_scale_in");
                Autoscaler scaler = new Autoscaler(ops, fleet, a, l.name());
                scaler.engine.scheduleAt(a.period(), LATE, scaler, null, 0);
            }
        }
    }

    @Override
    public void handle(Object subject, int tag) {
        long now = engine.now();
        replaceFailed();
        int measured = 0;
        double sum = 0;
        for (Fleet.Member x : fleet.members()) {
            double busy = x.cpu.busyServers().integral(now);
            long grants = ((AppServerNode) x.node).slots().totalGrants();
            if (x.state == Fleet.UP && x.servingSince < 0 && fleet.serving(x)) {
                x.servingSince = now;
            } else if (x.state == Fleet.UP && x.servingSince >= 0 && x.servingSince <= now - a.period()) {
                measured++;
                sum += a.targetRequests() > 0 ? (grants - x.lastGrants) / (a.period() / 1e9)
                        : (busy - x.lastBusy) / ((double) a.period() * x.cpu.servers());
            }
            x.lastBusy = busy;
            x.lastGrants = grants;
        }
        if (measured > 0) {
            decide(now, measured, sum / measured, a.targetRequests() > 0 ? a.targetRequests() : a.targetCpu());
        }
        engine.scheduleAt(now + a.period(), LATE, this, null, 0);
    }

    /**
     * An instance whose machine has crashed or hangs is terminated at the look that finds it (its
     * work is lost) and a new one is launched in its place, as EC2 Auto Scaling's health checks do;
     * with every other instance already running, none can be.
     */
    private void replaceFailed() {
        for (Fleet.Member x : fleet.members()) {
            if (x.state != Fleet.UP || !(x.node.isDown() || x.node.isHung())) {
                continue;
            }
            fleet.retire(x, 0);
            replaced.increment();
            for (Fleet.Member y : fleet.members()) {
                if (y.state == Fleet.OFF && y != x) {
                    fleet.launch(y, a.boot());
                    break;
                }
            }
        }
    }

    /** One look's decision on the mean {@code metric} of {@code measured} instances against {@code target}. */
    private void decide(long now, int measured, double metric, double target) {
        above = metric > target ? above + 1 : 0;
        below = metric < target ? below + 1 : 0;
        int up = fleet.count(Fleet.UP);
        int booting = fleet.count(Fleet.BOOTING) + fleet.count(Fleet.RESTARTING); // both come back
        int desired = (int) Math.ceil(measured * metric / target - 1e-9);
        if (above >= a.scaleOutAfter()) {
            int want = Math.min(a.max(), desired);
            for (Fleet.Member x : fleet.members()) {
                if (up + booting >= want) {
                    break;
                }
                if (x.state == Fleet.OFF) {
                    fleet.launch(x, a.boot());
                    launched.increment();
                    booting++;
                    lastAction = now;
                }
            }
        } else if (below >= a.scaleInAfter() && booting == 0 && measured == up && now - lastAction >= a.cooldown()) {
            int want = Math.max(a.min(), desired);
            List<Fleet.Member> members = fleet.members();
            for (int i = members.size() - 1; i >= 0 && up > want; i--) {
                Fleet.Member x = members.get(i);
                if (x.state == Fleet.UP) {
                    fleet.retire(x, a.drain());
                    removed.increment();
                    up--;
                    lastAction = now;
                }
            }
        }
    }
}
