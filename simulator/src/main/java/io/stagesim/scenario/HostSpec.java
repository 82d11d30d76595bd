package io.stagesim.scenario;

/**
 * A machine: cores shared by processor sharing among every service placed on it, a relative CPU
 * speed (1 = the reference core the demands were measured on), memory in bytes, and an optional
 * cost per hour (for cost per request), and its CPU credits when it is burstable (null when not).
 * {@code instance} names the price book's machine it is (its cores, memory and price the
 * defaults), or is null for a machine described by its figures. {@code demandScale} makes its CPU
 * load-dependent: CPU per unit of demand at n jobs on the CPU is {@code demandScale[n − 1]} (the
 * last entry for every larger n), or null for a CPU whose demands do not change with load.
 * {@code bandwidth} is its network interface's egress rate in bytes per second, shared by every
 * transfer leaving the machine; {@code sendBuffer} the bytes of a response its kernel takes off a
 * sender's hands (TCP's send buffer). {@code swap} is its swap space in bytes (0: none), and
 * {@code swapSpeed} the share of its CPU's speed left while the memory committed on it is beyond its
 * RAM and within its swap.
 */
public record HostSpec(String name, int cores, double speed, long memory, double costPerHour, Burstable burstable,
        String instance, double[] demandScale, double bandwidth, long sendBuffer, long swap, double swapSpeed) {

    /** A host's NIC when neither the scenario nor the price book gives one: 1 Gbit/s (A.1a, an estimate). */
    public static final double DEFAULT_BANDWIDTH = 1e9 / 8;

    /** A socket's send buffer when not given: Linux's tcp_wmem default, 16 KiB (A.1a). */
    public static final long DEFAULT_SEND_BUFFER = 16_384;

    /**
     * The share of its CPU a swapping host keeps when not given: 50 %, an estimate (A.4a): a host
     * paging its cold memory out, not one thrashing.
     */
    public static final double DEFAULT_SWAP_SPEED = 0.5;

    /** Checks the bounds. */
    public HostSpec {
        if (!(bandwidth > 0)) {
            throw new IllegalArgumentException("bandwidth must be > 0, was " + bandwidth);
        }
        Require.atLeast("tcp_send_buffer", sendBuffer, 0);
        Require.atLeast("swap", swap, 0);
        if (!(swapSpeed > 0 && swapSpeed <= 1)) {
            throw new IllegalArgumentException("swap_speed must be above 0 and at most 1, was " + swapSpeed);
        }
    }

    /** A host without swap. */
    public HostSpec(String name, int cores, double speed, long memory, double costPerHour, Burstable burstable,
            String instance, double[] demandScale, double bandwidth, long sendBuffer) {
        this(name, cores, speed, memory, costPerHour, burstable, instance, demandScale, bandwidth, sendBuffer, 0,
                DEFAULT_SWAP_SPEED);
    }

    /** A host of the price book or of its own figures, load-dependent or not, with the default NIC. */
    public HostSpec(String name, int cores, double speed, long memory, double costPerHour, Burstable burstable,
            String instance, double[] demandScale) {
        this(name, cores, speed, memory, costPerHour, burstable, instance, demandScale, DEFAULT_BANDWIDTH,
                DEFAULT_SEND_BUFFER);
    }

    /** A host of the price book or of its own figures, load-independent, with the default NIC. */
    public HostSpec(String name, int cores, double speed, long memory, double costPerHour, Burstable burstable,
            String instance) {
        this(name, cores, speed, memory, costPerHour, burstable, instance, null);
    }

    /** A host that is not burstable, described by its own figures, with the default NIC. */
    public HostSpec(String name, int cores, double speed, long memory, double costPerHour) {
        this(name, cores, speed, memory, costPerHour, null, null);
    }

    /** A host described by its own figures, burstable or not, with the default NIC. */
    public HostSpec(String name, int cores, double speed, long memory, double costPerHour, Burstable burstable) {
        this(name, cores, speed, memory, costPerHour, burstable, null);
    }

    /** Equal when every figure is, the demand scale by its values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof HostSpec h && name.equals(h.name) && cores == h.cores
                && Double.compare(speed, h.speed) == 0 && memory == h.memory
                && Double.compare(costPerHour, h.costPerHour) == 0 && java.util.Objects.equals(burstable, h.burstable)
                && java.util.Objects.equals(instance, h.instance) && java.util.Arrays.equals(demandScale, h.demandScale)
                && Double.compare(bandwidth, h.bandwidth) == 0 && sendBuffer == h.sendBuffer && swap == h.swap
                && Double.compare(swapSpeed, h.swapSpeed) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, cores, speed, memory, costPerHour, burstable, instance, bandwidth, sendBuffer,
                swap, swapSpeed) + 31 * java.util.Arrays.hashCode(demandScale);
    }

    @Override
    public String toString() {
        return "HostSpec[name=" + name + ", cores=" + cores + ", speed=" + speed + ", memory=" + memory
                + ", costPerHour=" + costPerHour + ", burstable=" + burstable + ", instance=" + instance
                + ", demandScale=" + java.util.Arrays.toString(demandScale) + ", bandwidth=" + bandwidth
                + ", sendBuffer=" + sendBuffer + ", swap=" + swap + ", swapSpeed=" + swapSpeed + "]";
    }

    /** The same machine under another name (a replica of it: an autoscaled or green copy). */
    public HostSpec named(String other) {
        return new HostSpec(other, cores, speed, memory, costPerHour, burstable, instance, demandScale, bandwidth,
                sendBuffer, swap, swapSpeed);
    }
}
