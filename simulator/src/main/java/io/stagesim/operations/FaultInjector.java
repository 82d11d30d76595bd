package io.stagesim.operations;

import io.stagesim.engine.Handler;
import io.stagesim.nodes.DatabaseNode;
import io.stagesim.nodes.LoadBalancerNode;
import io.stagesim.nodes.Node;
import io.stagesim.scenario.FaultKind;
import io.stagesim.scenario.FaultSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Attaches a scenario's faults to a model, each through its kind's {@link FaultAction}, and times
 * those that start and end: while one lasts, a load balancer taking out a service it hit is the
 * fault detected.
 */
final class FaultInjector {

    private static final int START = 0;
    private static final int END = 1;

    private final Operations ops;
    private final Map<FaultKind, FaultAction<?>> actions = new EnumMap<>(FaultKind.class);
    /** The timed faults under way, in the order they started. */
    private final List<Timed<?>> active = new ArrayList<>();

    FaultInjector(Operations ops) {
        this.ops = ops;
        for (Node n : ops.model.placement().nodes().values()) {
            if (n instanceof LoadBalancerNode lb) {
                lb.onEject(this::ejected);
            } else if (n instanceof DatabaseNode db && db.router() != null) {
                db.router().onEject(this::ejected); // a router marking a replica down detects its fault
            }
        }
    }

    /**
     * The action of each fault kind: the run-time half of the registry {@link FaultKind}. A switch
     * expression, so that a kind added there without an action here does not compile.
     */
    static FaultAction<?> actionOf(FaultKind kind, Operations ops) {
        return switch (kind) {
            case NOISY_NEIGHBOUR -> new NoisyNeighbours(ops.model);
            case TRAFFIC_SPIKE -> new TrafficSpikes(ops.model);
            case LATENCY -> new Latencies(ops.model);
            case PARTITION -> new Partitions(ops.model);
            case HOST_CRASH -> new HostCrashes(ops.model);
            case HOST_HANG -> new HostHangs(ops.model);
            case SLOW_DEPENDENCY -> new SlowDependencies(ops.model);
            case DB_FAILOVER -> new DbFailovers(ops.model);
            case CACHE_FLUSH -> new CacheFlushes(ops.model);
            case STORAGE_OUTAGE -> new StorageOutages(ops.model);
            case STORAGE_THROTTLE -> new StorageThrottles(ops.model);
            case MEMORY_LEAK -> new MemoryLeaks(ops.model);
            case DEPLOY -> new Deploys(ops);
        };
    }

    /**
     * Attaches, in the scenario's order, every fault whose kind acts on fleets ({@code onFleets})
     * or every other one, each drawn to happen in this replication or not.
     */
    void attach(boolean onFleets) {
        List<FaultSpec> faults = ops.model.scenario().faults();
        for (int i = 0; i < faults.size(); i++) {
            FaultAction<?> action = actions.computeIfAbsent(faults.get(i).kind(), k -> actionOf(k, ops));
            if (action.actsOnFleets() == onFleets) {
                attach(action, faults.get(i), ops.model.faultHappens(i));
            }
        }
    }

    /** The one place a fault meets its kind's action: the registry guarantees the class. */
    private <F extends FaultSpec> void attach(FaultAction<F> action, FaultSpec f, boolean happens) {
        action.attach(action.spec().cast(f), happens, this);
    }

    /** Plans {@code f} to start at its time and end at its end (not when permanent). */
    <F extends FaultSpec> void time(F f, FaultAction<F> action) {
        Timed<F> t = new Timed<>(f, action);
        ops.engine.scheduleAt(f.at(), Operations.PRIORITY, t, null, START);
        if (f.duration() != FaultSpec.PERMANENT) {
            ops.engine.scheduleAt(f.end(), Operations.PRIORITY, t, null, END);
        }
    }

    /** A load balancer took {@code target} out: the first time for a fault under way that hit it, it is detected. */
    private void ejected(Node target) {
        if (target.host() == null) {
            return;
        }
        for (Timed<?> t : active) {
            t.ejected(target);
        }
    }

    /** One fault's start and end. */
    private final class Timed<F extends FaultSpec> implements Handler {
        private final F fault;
        private final FaultAction<F> action;

        Timed(F fault, FaultAction<F> action) {
            this.fault = fault;
            this.action = action;
        }

        @Override
        public void handle(Object subject, int tag) {
            if (tag == START) {
                active.add(this);
                action.start(fault);
            } else {
                active.remove(this);
                action.end(fault);
            }
        }

        void ejected(Node target) {
            if (action.detectedBy(fault, target)) {
                ops.model.detected(fault, ops.engine.now() - fault.at());
            }
        }
    }
}
