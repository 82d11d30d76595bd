package io.stagesim.scenario;

/**
 * A machine: cores shared by processor sharing among every service placed on it, a relative CPU
 * speed (1 = the reference core the demands were measured on), memory in bytes, and an optional
 * cost per hour (for cost per request). {@code instance} names the price book's machine it is
 * (its cores, memory and price the defaults), or is null for a machine described by its figures.
 */
public record HostSpec(String name, int cores, double speed, long memory, double costPerHour, String instance) {

    /** A machine described by its own figures. */
    public HostSpec(String name, int cores, double speed, long memory, double costPerHour) {
        this(name, cores, speed, memory, costPerHour, null);
    }
}
