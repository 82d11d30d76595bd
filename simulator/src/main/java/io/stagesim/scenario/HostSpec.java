package io.stagesim.scenario;

/**
 * A machine: cores shared by processor sharing among every service placed on it, a relative CPU
 * speed (1 = the reference core the demands were measured on), memory in bytes, and an optional
 * cost per hour (for cost per request).
 */
public record HostSpec(String name, int cores, double speed, long memory, double costPerHour) {
}
