package io.stagesim.operations;

import io.stagesim.assembly.WebModel;
import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.model.Job;
import io.stagesim.model.PsHost;
import io.stagesim.scenario.AppServerSpec;
import io.stagesim.scenario.FaultSpec;
import io.stagesim.stats.CountRecorder;

/**
 * Gunicorn's HUP reload of app servers, one after another {@code interval} apart: the arbiter starts
 * a new worker for every old one, and each spends {@code boot} of CPU on its host importing the new
 * code, competing with the requests being served; once all are up the old workers finish what they
 * run and exit. The listening socket stays open and the worker slots stay as many: nothing is
 * refused or killed, and the cost of the deploy is that CPU.
 */
final class Reload implements Handler {

    private final FaultSpec.Deploy rollout;
    private final Engine engine;
    private final WebModel model;
    private final PsHost[] cpus;
    private final int[] workers;
    private final int[] booting;
    private final CountRecorder[] reloads;

    /** One new worker booting: its import runs on the host CPU. */
    private final class Boot extends Job {
        private final int target;

        Boot(int target) {
            this.target = target;
        }

        @Override
        protected void resume(int outcome) {
            if (--booting[target] == 0) {
                reloads[target].increment();
                if (target == cpus.length - 1) {
                    model.ended(rollout, engine.now());
                }
            }
        }
    }

    private Reload(Operations ops, FaultSpec.Deploy f) {
        WebModel m = ops.model;
        this.model = m;
        this.engine = ops.engine;
        this.rollout = f;
        int n = rollout.targets().size();
        this.cpus = new PsHost[n];
        this.workers = new int[n];
        this.booting = new int[n];
        this.reloads = new CountRecorder[n];
        for (int i = 0; i < n; i++) {
            AppServerSpec a = (AppServerSpec) m.scenario().services().get(rollout.targets().get(i));
            cpus[i] = m.hostCpus().get(a.host());
            workers[i] = a.workers();
            reloads[i] = m.counter(a.name(), "deploy_reloads");
        }
    }

    /** Plans the reload {@code f} of the model's app servers when it {@code happens} in this replication. */
    static void attach(Operations ops, FaultSpec.Deploy f, boolean happens) {
        if (!happens) {
            return;
        }
        Reload r = new Reload(ops, f);
        for (int i = 0; i < r.cpus.length; i++) {
            r.engine.scheduleAt(f.at() + i * f.interval(), Operations.PRIORITY, r, null, i);
        }
    }

    @Override
    public void handle(Object subject, int target) {
        booting[target] += workers[target];
        for (int w = 0; w < workers[target]; w++) {
            cpus[target].execute(new Boot(target), rollout.boot());
        }
    }
}
