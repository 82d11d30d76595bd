package io.stagesim.operations;

import io.stagesim.scenario.FaultSpec;

/**
 * Deploys, by strategy: a rolling restart ({@link Deployer}), a blue-green switch
 * ({@link BlueGreen}) or Gunicorn's HUP reload ({@link Reload}). A deploy that happens ends when
 * its rollout is done, which waiting for health checks can make later than planned.
 */
final class Deploys extends FaultAction<FaultSpec.Deploy> {

    private final Operations ops;

    Deploys(Operations ops) {
        super(FaultSpec.Deploy.class);
        this.ops = ops;
    }

    @Override
    void attach(FaultSpec.Deploy d, boolean happens, FaultInjector faults) {
        if (happens) {
            ops.model.endsWhenDone(d);
        }
        // a switch expression, so that a strategy added without its rollout does not compile
        Runnable rollout = switch (d.strategy()) {
            case ROLLING -> () -> Deployer.attach(ops, d, happens);
            case BLUE_GREEN -> () -> BlueGreen.attach(ops, d, happens);
            case RELOAD -> () -> Reload.attach(ops, d, happens);
        };
        rollout.run();
    }

    @Override
    boolean actsOnFleets() {
        return true;
    }
}
