package io.stagesim.scenario;

/**
 * A machine: cores shared by processor sharing among every service placed on it, a relative CPU
 * speed (1 = the reference core the demands were measured on), memory in bytes, and an optional
 * cost per hour (for cost per request), and its CPU credits when it is burstable (null when not).
 */
public record HostSpec(String name, int cores, double speed, long memory, double costPerHour, Burstable burstable) {

    /** A host that is not burstable. */
    public HostSpec(String name, int cores, double speed, long memory, double costPerHour) {
        this(name, cores, speed, memory, costPerHour, null);
    }

    /** The same machine under another name (a replica of it: an autoscaled or green copy). */
    public HostSpec named(String other) {
        return new HostSpec(other, cores, speed, memory, costPerHour, burstable);
    }
}
