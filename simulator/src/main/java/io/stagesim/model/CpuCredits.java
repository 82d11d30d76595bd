package io.stagesim.model;

import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.stats.LevelRecorder;

/**
 * The CPU credit account of a burstable host (AWS T-family, "Key concepts and definitions for
 * burstable performance instances"): the host earns credits at {@code baseline × cores} vCPUs all
 * the time and spends them at the vCPUs its jobs keep busy, min(n, cores) with n jobs present; one
 * credit is one vCPU for one minute. The balance never holds more than its maximum.
 *
 * <p>Between two changes of n the balance moves in a straight line, so the account is exact and
 * event-driven: at every change it settles the line drawn since the last one and, when spending
 * faster than it earns, schedules the one instant the balance reaches zero. A {@code standard}
 * host is then throttled: its jobs share {@code baseline × cores} cores instead of {@code cores}
 * (processor sharing over a fractional number of cores), so it spends exactly what it earns and the
 * balance stays at zero until n falls to the baseline or below. (AWS lowers the speed gradually near
 * zero; here the drop is sudden.) An {@code unlimited} host runs on: its balance goes below zero
 * (surplus credits, paid back by later earnings) and what is still owed when the run ends is billed.
 *
 * <p>The host calls {@link #update} only when it has an account, so a host that is not burstable
 * pays nothing for this.
 */
public final class CpuCredits implements Handler {

    private static final double NS_PER_MINUTE = 60e9;

    private final Engine engine;
    private final int cores;
    private final double earn; // vCPUs' worth of credit earned per unit of time
    private final double max; // vCPU·ns
    private final boolean unlimited;
    private final LevelRecorder level; // the balance in credits, over time (null: not recorded)
    private PsHost host;

    private double balance; // vCPU·ns; below zero only in unlimited mode (surplus)
    private double use; // vCPUs busy now
    private long last;
    private long exhaustion = -1;
    private boolean throttled;
    private long ranOutAt = -1;
    private long throttledSince;
    private long throttledNs;

    /**
     * An account of {@code credits} (at most {@code maxCredits}) for a host of {@code cores} cores
     * earning {@code baseline} of each; {@code level}, when not null, records the balance in credits.
     */
    public CpuCredits(Simulation sim, int cores, double baseline, double credits, double maxCredits,
            boolean unlimited, LevelRecorder level) {
        if (!(baseline > 0 && baseline < 1)) {
            throw new IllegalArgumentException("baseline must be in (0, 1), was " + baseline);
        }
        if (!(credits >= 0 && credits <= maxCredits)) {
            throw new IllegalArgumentException("credits must be in [0, " + maxCredits + "], was " + credits);
        }
        this.engine = sim.engine();
        this.cores = cores;
        this.earn = baseline * cores;
        this.max = maxCredits * NS_PER_MINUTE;
        this.unlimited = unlimited;
        this.balance = credits * NS_PER_MINUTE;
        this.level = level;
        if (level != null) {
            level.set(0, credits);
        }
    }

    /** Attaches the account to {@code host} (done by {@link PsHost#setCredits}). */
    void attach(PsHost host) {
        if (this.host != null) {
            throw new IllegalStateException("credits already attached to " + this.host);
        }
        this.host = host;
    }

    /**
     * The host now has {@code n} jobs: settles the balance up to {@code now}, throttles or lifts the
     * throttle, and returns the number of cores its jobs share from now on.
     */
    double update(long now, int n) {
        settle(now);
        double demand = Math.min(n, cores);
        if (throttled && demand <= earn) {
            throttled = false;
            throttledNs += now - throttledSince;
        } else if (!throttled && !unlimited && demand > earn && balance <= 0) {
            throttle(now);
        }
        use = throttled ? earn : demand;
        plan(now);
        return throttled ? earn : cores;
    }

    @Override
    public void handle(Object subject, int tag) {
        long now = engine.now();
        exhaustion = -1;
        settle(now);
        balance = 0;
        throttle(now);
        use = earn;
        host.throttle(earn);
    }

    private void throttle(long now) {
        throttled = true;
        throttledSince = now;
        if (ranOutAt < 0) {
            ranOutAt = now;
        }
    }

    private void settle(long now) {
        long dt = now - last;
        if (dt > 0) {
            double before = balance;
            balance = Math.min(max, balance + (earn - use) * dt);
            if (!unlimited && balance < 0) {
                balance = 0; // the exhaustion event is rounded up to the next nanosecond
            }
            if (before >= 0 && balance < 0 && ranOutAt < 0) {
                ranOutAt = last + (long) Math.ceil(before / (use - earn));
            }
            last = now;
            if (level != null) {
                level.set(now, balance / NS_PER_MINUTE);
            }
        }
    }

    private void plan(long now) {
        if (exhaustion >= 0) {
            engine.cancel(exhaustion);
            exhaustion = -1;
        }
        if (!unlimited && !throttled && use > earn) {
            exhaustion = engine.schedule((long) Math.ceil(balance / (use - earn)), this, null, 0);
        }
    }

    /** The balance at {@code now} in credits (vCPU-minutes); below zero while an unlimited host owes surplus. */
    public double balance(long now) {
        return Math.min(max, balance + (earn - use) * (now - last)) / NS_PER_MINUTE;
    }

    /** True while the host is held to its baseline. */
    public boolean throttled() {
        return throttled;
    }

    /** When the balance first reached zero (ns), or -1 if it never did. */
    public long ranOutAt() {
        return ranOutAt;
    }

    /** Time spent throttled up to {@code now} (ns). */
    public long throttledNs(long now) {
        return throttledNs + (throttled ? now - throttledSince : 0);
    }

    /** Surplus credits still owed at {@code now}, in vCPU-hours (what unlimited mode bills); 0 in standard mode. */
    public double surplusVcpuHours(long now) {
        return Math.max(0, -balance(now)) / 60;
    }
}
