package io.stagesim.nodes;

/** Whether a host is up: every service on it shares this, and a down host refuses connections. */
public final class HostState {

    private final String name;
    private boolean down;

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

    /** Takes the host down or brings it back up. */
    public void setDown(boolean down) {
        this.down = down;
    }
}
