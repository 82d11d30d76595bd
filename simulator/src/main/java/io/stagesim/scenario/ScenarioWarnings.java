package io.stagesim.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * What is allowed in a valid scenario but probably not meant: a fault that starts at or after the
 * end of the run (it never happens; often a shortened {@code run.duration} or {@code --duration}
 * left it behind).
 */
public final class ScenarioWarnings {

    private ScenarioWarnings() {
    }

    /** The warnings for {@code s}, one line each, each naming the key it is about. */
    public static List<String> of(Scenario s) {
        List<String> out = new ArrayList<>();
        long end = s.run().duration();
        for (int i = 0; i < s.faults().size(); i++) {
            FaultSpec f = s.faults().get(i);
            if (f.at() >= end) {
                out.add(String.format("faults[%d].at: %s starts at or after the end of the run (%s): it never "
                        + "happens, and the results say so (happened 0)", i, f.describe(),
                        Units.formatDuration(end)));
            }
        }
        return List.copyOf(out);
    }
}
