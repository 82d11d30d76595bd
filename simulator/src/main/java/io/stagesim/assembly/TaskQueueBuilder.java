package io.stagesim.assembly;

import io.stagesim.model.Pool;
import io.stagesim.model.PsHost;
import io.stagesim.nodes.CallSite;
import io.stagesim.nodes.Link;
import io.stagesim.nodes.Node;
import io.stagesim.nodes.TaskCall;
import io.stagesim.nodes.TaskQueueNode;
import io.stagesim.nodes.ViewPlan;
import io.stagesim.scenario.CallSpec;
import io.stagesim.scenario.TaskQueueSpec;
import io.stagesim.stats.CountRecorder;
import io.stagesim.stats.LatencyRecorder;

/**
 * A task queue on its host: the broker and its worker processes (a pool whose waiters are the
 * backlog), its counters, and the calls views make to it, each carrying the plan of the task a
 * worker runs later, itself a caller of other services.
 */
final class TaskQueueBuilder implements ServiceBuilder {

    private final TaskQueueSpec spec;
    private final ModelBuilder b;
    private TaskQueueNode node;
    private PsHost cpu;

    TaskQueueBuilder(TaskQueueSpec spec, ModelBuilder b) {
        this.spec = spec;
        this.b = b;
    }

    @Override
    public Node create() {
        String n = spec.name();
        WebModel m = b.model();
        cpu = b.hostCpu(spec);
        Pool workers = new Pool(b.sim(), n + "/workers", spec.concurrency());
        m.pools.add(new WebModel.LabelledPool(n, spec.concurrency() + " worker processes", workers));
        WebModel.TaskStats ts = new WebModel.TaskStats(n, new CountRecorder(b.sim().windows()),
                new CountRecorder(b.sim().windows()), new CountRecorder(b.sim().windows()),
                new LatencyRecorder(b.sim().windows()));
        m.tasks.add(ts);
        node = new TaskQueueNode(n, b.sim().engine(), cpu, workers, b.sampler(spec.brokerCpu(), n + "/broker"),
                b.sampler(spec.taskOverhead(), n + "/overhead"), m.requests, ts.enqueued(), ts.completed(),
                ts.failed(), ts.latency());
        node.worker().onHost(b.hostState(spec.host()));
        m.nodes.put(node.worker().name(), node.worker()); // its books are checked with the services'
        return node;
    }

    @Override
    public CallSite callSite(CallSpec c, Caller caller, CallSite.Times times, String path) {
        Link link = b.link(caller.spec(), spec.name());
        ViewPlan task = b.plan(c.task(), new Caller(spec, cpu), path + "/task");
        return new TaskCall(path, link, times, caller.cpu(), b.sampler(spec.enqueueCpu(), path + "/enqueue"), task);
    }
}
