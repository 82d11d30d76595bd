package io.stagesim.scenario;

/**
 * Round-trip times between places, in ns: between two services on the same host (loopback) and
 * between hosts in the same datacentre. The browser's round trip is the browser's own.
 */
public record NetworkSpec(long sameHostRtt, long datacenterRtt) {

    /** Defaults: 0.05 ms on one host, 0.5 ms within a datacentre (calibration A.1). */
    public static final NetworkSpec DEFAULT = new NetworkSpec(50_000, 500_000);
}
