package io.stagesim.scenario;

import io.stagesim.random.Distribution;
import java.util.List;

/**
 * What the application does for one request: Python CPU (half before the calls, half after, as a
 * view queries then renders) and the calls it makes, in order.
 */
public record ViewSpec(Distribution cpu, List<CallSpec> calls) {

    /** Copies the list. */
    public ViewSpec {
        calls = List.copyOf(calls);
    }
}
