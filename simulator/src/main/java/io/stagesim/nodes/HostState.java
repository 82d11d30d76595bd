package io.stagesim.nodes;

import io.stagesim.model.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a host is up: every service on it shares this. A host can be down with a live kernel
 * (a crashed process: connections refused, work under way reset), gone altogether (a blackhole:
 * nothing answers, SYNs and packets are dropped and callers wait for their timeouts), or hung
 * (connections accepted, nothing answered until it ends).
 */
public final class HostState {

    private final String name;
    private boolean down;
    private boolean blackholed;
    private boolean hung;
    /** Requests waiting on the host, in the order they came; a set so a timed-out one leaves at once. */
    private final Set<Request> parked = new LinkedHashSet<>();

    /** A host named {@code name}, up. */
    public HostState(String name) {
        this.name = name;
    }

    /** The host's name. */
    public String name() {
        return name;
    }

    /** True while the host is down (refusing, or gone). */
    public boolean isDown() {
        return down;
    }

    /** True while the host is gone: down, and answering nothing at all, not even a refusal. */
    public boolean isBlackholed() {
        return blackholed;
    }

    /** True while the host hangs: connections are accepted but nothing is answered. */
    public boolean isHung() {
        return hung;
    }

    /** A request waiting on the host (hung, or gone). */
    void park(Request r) {
        parked.add(r);
    }

    /** A waiting request that stopped waiting (its connect timeout). */
    void unpark(Request r) {
        parked.remove(r);
    }

    /**
     * Hangs the host, or ends the hang: the requests that waited on it then go on, in the order they
     * arrived (the host answers late).
     */
    public void setHung(boolean hung) {
        this.hung = hung;
        if (!hung) {
            release();
        }
    }

    /** Takes the host down or brings it back up (with a live kernel: refusing connections). */
    public void setDown(boolean down) {
        this.down = down;
    }

    /**
     * Takes the host away altogether (down, answering nothing) or brings it back: the requests
     * that waited on it then go on in the order they came, those trying to connect reaching the
     * new machine, those whose connection died with the old one seeing it reset.
     */
    public void setGone(boolean gone) {
        this.down = gone;
        this.blackholed = gone;
        if (!gone) {
            release();
        }
    }

    private void release() {
        List<Request> waiting = new ArrayList<>(parked);
        parked.clear();
        for (Request r : waiting) {
            r.resumeTop(Outcome.OK);
        }
    }
}
