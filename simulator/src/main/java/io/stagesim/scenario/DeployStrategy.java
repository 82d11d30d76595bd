package io.stagesim.scenario;

import java.util.Arrays;
import java.util.List;

/** How a deploy ({@link FaultSpec.Deploy}) replaces the old version of its app servers by the new. */
public enum DeployStrategy {
    /** Each target in turn leaves rotation, drains, restarts and comes back; the next follows. */
    ROLLING("rolling", 5_000_000_000L),
    /**
     * A green copy of every target starts on a new host and boots; once the balancers send to
     * all of them the blue ones leave rotation at once, drain and stop.
     */
    BLUE_GREEN("blue_green", 120_000_000_000L),
    /**
     * Gunicorn's HUP reload: new workers start beside the old ones (each spending {@code boot}
     * of CPU importing the new code), then the old ones finish and exit; the listening socket
     * stays open, so nothing is refused.
     */
    RELOAD("reload", 2_000_000_000L);

    private final String yaml;
    private final long defaultBoot;

    DeployStrategy(String yaml, long defaultBoot) {
        this.yaml = yaml;
        this.defaultBoot = defaultBoot;
    }

    /** The name written in {@code strategy:}. */
    public String yaml() {
        return yaml;
    }

    /** What {@code boot} is when not given (ns): a process restart, a new host, a worker's imports. */
    public long defaultBoot() {
        return defaultBoot;
    }

    /** Every name written in {@code strategy:}, for messages. */
    public static List<String> names() {
        return Arrays.stream(values()).map(DeployStrategy::yaml).toList();
    }

    /** The strategy written {@code name}; one of {@link #names()}. */
    public static DeployStrategy of(String name) {
        for (DeployStrategy s : values()) {
            if (s.yaml.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("strategy must be one of " + names() + ", was " + name);
    }
}
