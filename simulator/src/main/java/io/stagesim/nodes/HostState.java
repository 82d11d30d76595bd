package io.stagesim.nodes;

import io.stagesim.model.Outcome;

/** Whether a host is up: every service on it shares this, and a down host refuses connections. */
public final class HostState {

    private final String name;
    private boolean down;
    private boolean hung;
    private final java.util.List<Request> parked = new java.util.ArrayList<>();

    /** A host named {@code name}, up. */
    public HostState(String name) {
        this.name = name;
    }

    /** The host's name. */
    public String name() {
        return name;
    }

    /** True while the host is down. */
    public boolean isDown() {
        return down;
    }

    /** True while the host hangs: connections are accepted but nothing is answered. */
    public boolean isHung() {
        return hung;
    }

    /** A request waiting on the hung host. */
    void park(Request r) {
        parked.add(r);
    }

    /**
     * Hangs the host, or ends the hang: the requests that waited on it then go on, in the order they
     * arrived (the host answers late).
     */
    public void setHung(boolean hung) {
        this.hung = hung;
        if (!hung) {
            java.util.List<Request> waiting = new java.util.ArrayList<>(parked);
            parked.clear();
            for (Request r : waiting) {
                r.resumeTop(Outcome.OK);
            }
        }
    }

    /** Takes the host down or brings it back up. */
    public void setDown(boolean down) {
        this.down = down;
    }
}
