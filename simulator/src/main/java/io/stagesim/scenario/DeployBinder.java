package io.stagesim.scenario;

import java.util.List;
import java.util.Map;

/**
 * Binds a {@code deploy} fault: its targets (app servers), strategy and timings, and the window
 * it is planned to take, which is its {@code duration} (a deploy has no {@code for}).
 */
final class DeployBinder {

    /** Default drain: Gunicorn's graceful_timeout, 30 s. */
    private static final long DEFAULT_DRAIN = 30_000_000_000L;
    /** Default time between the starts of two targets: 60 s. */
    private static final long DEFAULT_INTERVAL = 60_000_000_000L;

    private DeployBinder() {
    }

    static FaultSpec deploy(FaultBinder.Read r) {
        Fields f = r.f();
        if (f.has("for")) {
            f.problem("for", "a deploy lasts as long as its rollout takes; set 'interval', 'drain' and 'boot' "
                    + "instead");
        }
        Map<String, ServiceSpec> services = r.services();
        List<String> targets = f.names("target");
        if (targets.isEmpty() && !f.has("target")) {
            f.problem("type", "a deploy needs 'target': the app servers to restart, in order, e.g. "
                    + "'target: [gunicorn, gunicorn2]'");
        }
        for (String name : targets) {
            ServiceSpec sp = services.get(name);
            if (sp == null) {
                f.problem("target", "no service named '" + name + "'" + Suggest.didYouMean(name, services.keySet())
                        + "; services: " + String.join(", ", services.keySet()));
            } else if (!(sp instanceof AppServerSpec) && !(sp instanceof DevServerSpec)) {
                f.problem("target", "'" + name + "' is " + FaultBinder.article(ServiceKind.of(sp).type())
                        + "; a deploy restarts app servers (app_server or dev_server)");
            }
        }
        DeployStrategy strategy = DeployStrategy.of(f.choice("strategy",
                DeployStrategy.ROLLING.yaml(), DeployStrategy.names()));
        boolean blueGreen = strategy == DeployStrategy.BLUE_GREEN;
        boolean reload = strategy == DeployStrategy.RELOAD;
        long drain = f.duration("drain", DEFAULT_DRAIN);
        long boot = f.positiveDuration("boot", strategy.defaultBoot());
        for (String name : targets) {
            ServiceSpec sp = services.get(name);
            if (reload && sp != null && !(sp instanceof AppServerSpec)) {
                f.problem("target", "'" + name + "' is " + FaultBinder.article(ServiceKind.of(sp).type())
                        + "; strategy: reload is Gunicorn's HUP reload, for app_servers");
            }
        }
        if (reload && f.has("drain")) {
            f.problem("drain", "a reload drains nothing: the old workers finish their requests while the new ones "
                    + "serve; 'drain' is for strategy: rolling or blue_green");
        }
        long interval = f.positiveDuration("interval", DEFAULT_INTERVAL);
        if (blueGreen && f.has("interval")) {
            f.problem("interval", "a blue-green deploy switches every target at once; 'interval' is for strategy: "
                    + "rolling");
        } else if (interval < boot && !blueGreen && !reload) {
            f.problem("interval", "must be at least 'boot' (" + Units.formatDuration(boot)
                    + "), or two app servers would be restarting at once");
        }
        long n = targets.size();
        long planned = Math.max(1, reload ? (n - 1) * interval + reloadLength(targets, boot, services, r.hosts())
                : (blueGreen ? 0 : (n - 1) * interval) + drain + boot);
        return r.clean() ? new FaultSpec.Deploy(targets, strategy, r.at(), planned, drain, boot, interval,
                r.probability()) : null;
    }

    /**
     * The shortest a reload's new workers can take to boot on the busiest target: workers × boot
     * CPU over the host's cores (more when the host is busy with requests).
     */
    private static long reloadLength(List<String> targets, long boot, Map<String, ServiceSpec> services,
            Map<String, HostSpec> hosts) {
        long most = boot;
        for (String t : targets) {
            if (services.get(t) instanceof AppServerSpec a && hosts.get(a.host()) != null) {
                HostSpec h = hosts.get(a.host());
                most = Math.max(most, (long) Math.ceil(a.workers() * (double) boot / (h.cores() * h.speed())));
            }
        }
        return most;
    }
}
