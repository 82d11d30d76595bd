package io.stagesim.operations;

import io.stagesim.assembly.WebModel;
import io.stagesim.nodes.ErrorKind;
import io.stagesim.nodes.Node;
import io.stagesim.nodes.Request;
import io.stagesim.scenario.FaultSpec;

/**
 * Managed databases failing over: connections refused, and the queries under way cut (their
 * callers see the connection reset); then back with nothing lost.
 */
final class DbFailovers extends SwitchAction<FaultSpec.DbFailover> {

    private final WebModel model;

    DbFailovers(WebModel model) {
        super(FaultSpec.DbFailover.class);
        this.model = model;
    }

    @Override
    String target(FaultSpec.DbFailover f) {
        return f.database();
    }

    @Override
    void set(FaultSpec.DbFailover f, boolean down) {
        Node db = model.placement().nodes().get(f.database());
        db.setDown(down, ErrorKind.SERVICE_DOWN);
        if (down) {
            for (Request r : model.requests().inFlightRequests()) {
                r.lose(n -> n == db, ErrorKind.SERVICE_DOWN);
            }
        }
    }
}
