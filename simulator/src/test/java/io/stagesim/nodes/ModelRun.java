package io.stagesim.nodes;

import io.stagesim.Conservation;
import io.stagesim.assembly.ModelBuilder;
import io.stagesim.assembly.WebModel;
import io.stagesim.operations.Operations;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.function.Consumer;

/** One replication of a scenario written in a test, with its model at hand before and after, its books checked. */
final class ModelRun {

    private ModelRun() {
    }

    /** Builds {@code yaml}, hands the model to {@code before} before it starts, runs it and checks its books. */
    static WebModel run(String yaml, Consumer<WebModel> before) throws ScenarioException {
        Scenario s = ScenarioLoader.loadText("test.yaml", yaml, Path.of("."));
        WebModel m = ModelBuilder.build(s, s.run().seed(), 0);
        Operations.attach(m);
        before.accept(m);
        m.start();
        m.simulation().run(s.run().duration());
        Conservation.check(m);
        return m;
    }

    /** {@link #run(String, Consumer)} with nothing to do before the start. */
    static WebModel run(String yaml) throws ScenarioException {
        return run(yaml, m -> { });
    }

    /** Requests that reached {@code node}. */
    static long in(WebModel m, String node) {
        return m.nodes().get(node).requestsIn();
    }

    /** The total of the counter {@code what} (the first with that name). */
    static long counter(WebModel m, String what) {
        return m.counters().stream().filter(c -> c.what().equals(what)).findFirst().orElseThrow().counter().total();
    }

    /** Page views of class {@code c} that failed, whatever the cause. */
    static long failed(WebModel m, int c) {
        long n = 0;
        for (io.stagesim.stats.CountRecorder e : m.classStats()[c].errors) {
            n += e.total();
        }
        return n;
    }
}
