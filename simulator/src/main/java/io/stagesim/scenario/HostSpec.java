package io.stagesim.scenario;

/**
 * A machine: cores shared by processor sharing among every service placed on it, a relative CPU
 * speed (1 = the reference core the demands were measured on), memory in bytes, and an optional
 * cost per hour (for cost per request), and its CPU credits when it is burstable (null when not).
 * {@code instance} names the price book's machine it is (its cores, memory and price the
 * defaults), or is null for a machine described by its figures.
 */
public record HostSpec(String name, int cores, double speed, long memory, double costPerHour, Burstable burstable,
        String instance) {

    /** A host that is not burstable, described by its own figures. */
    public HostSpec(String name, int cores, double speed, long memory, double costPerHour) {
        this(name, cores, speed, memory, costPerHour, null, null);
    }

    /** A host described by its own figures, burstable or not. */
    public HostSpec(String name, int cores, double speed, long memory, double costPerHour, Burstable burstable) {
        this(name, cores, speed, memory, costPerHour, burstable, null);
    }

    /** The same machine under another name (a replica of it: an autoscaled or green copy). */
    public HostSpec named(String other) {
        return new HostSpec(other, cores, speed, memory, costPerHour, burstable, instance);
    }
}
