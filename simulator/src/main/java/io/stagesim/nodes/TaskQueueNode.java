package io.stagesim.nodes;

import io.stagesim.engine.Engine;
import io.stagesim.model.Outcome;
import io.stagesim.model.Pool;
import io.stagesim.model.PsHost;
import io.stagesim.random.Sampler;
import io.stagesim.stats.CountRecorder;
import io.stagesim.stats.LatencyRecorder;

/**
 * A task queue (Celery and its broker). A caller pays the enqueue CPU on its own host (done by the
 * call site), then the broker's CPU here, and returns at once; the task waits in the broker for one
 * of {@code concurrency} worker processes, which runs its overhead, its CPU and its calls on the
 * workers' host. Task latency (enqueue to end) and the backlog are measured.
 */
public final class TaskQueueNode extends ViewHost implements Request.Owner {

    private static final int BROKER_CPU = 0;
    private static final int WORKER = 1;
    private static final int OVERHEAD = 2;

    private final Engine engine;
    private final Pool workers;
    private final Sampler brokerCpu;
    private final Sampler overhead;
    private final RequestPool requests;
    private final Worker worker = new Worker();
    private final CountRecorder enqueued;
    private final CountRecorder completed;
    private final CountRecorder failed;
    private final LatencyRecorder latency;

    /** A task queue whose broker and workers run on {@code cpu}. */
    public TaskQueueNode(String name, Engine engine, PsHost cpu, Pool workers, Sampler brokerCpu, Sampler overhead,
            RequestPool requests, CountRecorder enqueued, CountRecorder completed, CountRecorder failed,
            LatencyRecorder latency) {
        super(name, cpu);
        this.engine = engine;
        this.workers = workers;
        this.brokerCpu = brokerCpu;
        this.overhead = overhead;
        this.requests = requests;
        this.enqueued = enqueued;
        this.completed = completed;
        this.failed = failed;
        this.latency = latency;
    }

    /** The worker processes; its waiters are the backlog. */
    public Pool workers() {
        return workers;
    }

    /** The node that runs tasks: calls to databases from tasks come from it. */
    public Node worker() {
        return worker;
    }

    @Override
    protected void start(Request r) {
        r.phase(BROKER_CPU);
        runCpu(r, brokerCpu.sample());
    }

    @Override
    protected void step(Request r, int outcome) {
        TaskCall site = (TaskCall) r.arg();
        enqueued.increment();
        Request task = requests.take();
        task.reset(this, engine, engine.now(), -1);
        task.call(worker, site.task);
        r.ret(true);
    }

    @Override
    public void finished(Request task, boolean ok) {
        if (task.orphan) {
            requests.give(task);
            return;
        }
        if (ok) {
            completed.increment();
            latency.record(engine.now() - task.createdAt);
        } else {
            failed.increment();
        }
        requests.give(task);
    }

    @Override
    protected void viewDone(Request r, boolean ok) {
        r.ret(ok);
    }

    /** Runs a task: a worker process, the task overhead, then the task's view. */
    private final class Worker extends Node {

        Worker() {
            super(TaskQueueNode.this.name + "/worker");
        }

        @Override
        protected void start(Request r) {
            r.phase(WORKER);
            workers.acquire(r);
        }

        @Override
        protected void step(Request r, int outcome) {
            int phase = r.phase();
            if (inView(phase)) {
                viewStep(r, outcome);
                return;
            }
            if (phase == WORKER) {
                if (outcome != Outcome.OK) {
                    r.ret(false);
                    return;
                }
                r.hold(workers);
                r.phase(OVERHEAD);
                runCpu(r, overhead.sample());
            } else {
                beginView(r, (ViewPlan) r.arg());
            }
        }
    }
}
