package io.stagesim.operations;

import io.stagesim.assembly.WebModel;
import io.stagesim.engine.Engine;
import java.util.ArrayList;
import java.util.List;

/**
 * Attaches a scenario's run-time operations to a model just built, before its workload starts (a
 * traffic spike shapes the rate the first arrival is drawn from): first its faults, then its
 * autoscaling groups, then its deploys (which restart autoscaled instances through their group).
 * Events planned for one instant at one priority run in the order they were planned, so this
 * order is part of every result.
 */
public final class Operations {

    /**
     * Priority of the events of faults and deploys at their times. After the statistics' own events
     * at the same instant (a window's roll and the start of measurement, at −128), so that a fault
     * beginning on a window boundary is counted in the window it begins; before the model's (0), so
     * that a request arriving at the very instant a fault begins already meets it. Halfway between,
     * leaving room on either side.
     */
    static final int PRIORITY = -64;

    final WebModel model;
    final Engine engine;
    /** The groups of app servers started and stopped during the run: autoscaling groups, blue-green pairs. */
    final List<Fleet> fleets = new ArrayList<>();

    Operations(WebModel model) {
        this.model = model;
        this.engine = model.simulation().engine();
    }

    /** Attaches every operation of {@code model}'s scenario to it; before {@link WebModel#start()}. */
    public static void attach(WebModel model) {
        Operations ops = new Operations(model);
        FaultInjector faults = new FaultInjector(ops);
        faults.attach(false);
        Autoscaler.attachAll(ops);
        faults.attach(true);
    }
}
