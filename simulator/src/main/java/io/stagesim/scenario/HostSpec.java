package io.stagesim.scenario;

/**
 * A machine: cores shared by processor sharing among every service placed on it, a relative CPU
 * speed (1 = the reference core the demands were measured on), memory in bytes, and an optional
 * cost per hour (for cost per request), and its CPU credits when it is burstable (null when not).
 * {@code instance} names the price book's machine it is (its cores, memory and price the
 * defaults), or is null for a machine described by its figures. {@code bandwidth} is its network
 * interface's egress rate in bytes per second, shared by every transfer leaving the machine;
 * {@code sendBuffer} the bytes of a response its kernel takes off a sender's hands (TCP's send buffer).
 */
public record HostSpec(String name, int cores, double speed, long memory, double costPerHour, Burstable burstable,
        String instance, double bandwidth, long sendBuffer) {

    /** A host's NIC when neither the scenario nor the price book gives one: 1 Gbit/s (A.1a, an estimate). */
    public static final double DEFAULT_BANDWIDTH = 1e9 / 8;

    /** A socket's send buffer when not given: Linux's tcp_wmem default, 16 KiB (A.1a). */
    public static final long DEFAULT_SEND_BUFFER = 16_384;

    /** Checks the bounds. */
    public HostSpec {
        if (!(bandwidth > 0)) {
            throw new IllegalArgumentException("bandwidth must be > 0, was " + bandwidth);
        }
        Require.atLeast("tcp_send_buffer", sendBuffer, 0);
    }

    /** A host that is not burstable, described by its own figures, with the default NIC. */
    public HostSpec(String name, int cores, double speed, long memory, double costPerHour) {
        this(name, cores, speed, memory, costPerHour, null, null, DEFAULT_BANDWIDTH, DEFAULT_SEND_BUFFER);
    }

    /** A host described by its own figures, burstable or not, with the default NIC. */
    public HostSpec(String name, int cores, double speed, long memory, double costPerHour, Burstable burstable) {
        this(name, cores, speed, memory, costPerHour, burstable, null, DEFAULT_BANDWIDTH, DEFAULT_SEND_BUFFER);
    }

    /** The same machine under another name (a replica of it: an autoscaled or green copy). */
    public HostSpec named(String other) {
        return new HostSpec(other, cores, speed, memory, costPerHour, burstable, instance, bandwidth, sendBuffer);
    }
}
