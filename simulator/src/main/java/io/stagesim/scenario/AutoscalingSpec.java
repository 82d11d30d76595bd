package io.stagesim.scenario;

import java.util.List;

/**
 * Target-tracking autoscaling of a balancer's app servers, as EC2 Auto Scaling does it. Every
 * {@code period} the mean CPU utilisation of the group's hosts that were in service for the
 * whole period is compared with {@code targetCpu} (or, when {@code targetRequests} is above 0,
 * the mean requests per second each served, as ALBRequestCountPerTarget, with it). After
 * {@code scaleOutAfter} periods above it in a row, the group grows to ceil(measured × utilisation
 * / target) instances (at most {@code max}; instances still booting count as launched); after
 * {@code scaleInAfter} periods below it, with nothing booting and no scaling in the last
 * {@code cooldown}, it shrinks to that number (at least {@code min}), newest instances first. A
 * launched instance boots for {@code boot} ns before it accepts connections; a removed one leaves
 * its balancers' rotation and drains for at most {@code drain} ns. {@code group} names every app
 * server the group can run, the {@code initial} ones written in the file first (running from the
 * start), then copies of {@code template} on copies of its host, in launch order.
 */
public record AutoscalingSpec(String template, List<String> group, int initial, int min, int max, double targetCpu,
        long period, int scaleOutAfter, int scaleInAfter, long boot, long cooldown, long drain,
        double targetRequests) {

    private static final long MS = 1_000_000L;

    /** Copies the list; checks the bounds. */
    public AutoscalingSpec {
        group = List.copyOf(group);
        Require.atLeast("min", min, 1);
        Require.atLeast("max", max, 0);
        Require.fraction("target_cpu", targetCpu);
        Require.atLeast("period", period, 1);
        Require.atLeast("scale_out_after", scaleOutAfter, 1);
        Require.atLeast("scale_in_after", scaleInAfter, 1);
        Require.atLeast("boot", boot, 1);
        Require.atLeast("cooldown", cooldown, 0);
        Require.atLeast("drain", drain, 0);
        Require.atLeast("target_requests", targetRequests, 0);
    }

    /** The same settings for another group. */
    public AutoscalingSpec withGroup(List<String> other, String otherTemplate) {
        return new AutoscalingSpec(otherTemplate, other, initial, min, max, targetCpu, period, scaleOutAfter,
                scaleInAfter, boot, cooldown, drain, targetRequests);
    }

    /**
     * A balancer's {@code autoscaling}, or null. Defaults follow EC2 Auto Scaling's target tracking:
     * 1-minute metrics, 3 periods above the target to scale out, 15 below to scale in, a 300 s
     * cooldown and deregistration delay (calibration A.10); the boot time is our estimate.
     */
    static AutoscalingSpec bind(Fields lb, int initial) {
        if (!lb.has("autoscaling")) {
            return null;
        }
        Fields f = Fields.of(lb.raw("autoscaling"), lb.child("autoscaling"), lb.problems(), lb.baseDir());
        if (f == null) {
            return null;
        }
        int max = f.integer("max", -1, 1, 1000);
        if (!f.has("max")) {
            f.problems().add(f.location(), f.child("max"), "missing; the most instances the group may run, e.g. 'max: 10'");
        }
        int min = f.integer("min", Math.max(1, initial), 1, 1000);
        double target = f.fraction("target_cpu", 0.5);
        if (target <= 0) {
            f.problem("target_cpu", "must be above 0%, e.g. 'target_cpu: 50%'");
        }
        double requests = f.rate("target_requests", 0);
        if (f.has("target_requests") && f.has("target_cpu")) {
            f.problem("target_requests", "track one metric: target_cpu or target_requests, not both");
        } else if (f.has("target_requests") && !(requests > 0)) {
            f.problem("target_requests", "must be above 0/s, e.g. 'target_requests: 100/s' (per instance)");
        }
        AutoscalingSpec a = new AutoscalingSpec(f.string("template", null), List.of(), initial, min,
                Math.max(max, 0), target, f.positiveDuration("period", 60_000 * MS), f.integer("scale_out_after", 3, 1, 1000),
                f.integer("scale_in_after", 15, 1, 1000), f.positiveDuration("boot", 120_000 * MS),
                f.duration("cooldown", 300_000 * MS), f.duration("drain", 300_000 * MS), requests);
        // min <= backends written <= max, one message for each key that breaks it (min <= max follows)
        if (max >= 1 && initial > max) {
            f.problem("max", "must be at least the number of backends written (" + initial + "), was " + max
                    + "; they are the instances running at the start");
        }
        if (initial > 0 && min > initial) {
            f.problem("min", "must be at most the number of backends written (" + initial + "), was " + min
                    + "; they are the instances running at the start");
        }
        f.finish();
        return a;
    }
}
