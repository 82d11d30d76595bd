package io.stagesim.scenario;

/**
 * Round-trip times between places, in ns: between two services on the same host (loopback) and
 * between hosts in the same datacentre. The browser's round trip is the browser's own.
 * {@code synTimeout} is how long a client that sets no connect timeout of its own (the database,
 * cache and broker clients) waits for a host that answers nothing: the kernel's SYN retries.
 */
public record NetworkSpec(long sameHostRtt, long datacenterRtt, long synTimeout) {

    /**
     * Defaults: 0.05 ms on one host, 0.5 ms within a datacentre (calibration A.1); 127 s for the
     * SYN retries (Linux tcp_syn_retries 6: 1 + 2 + 4 + … + 64 s, A.7).
     */
    public static final NetworkSpec DEFAULT = new NetworkSpec(50_000, 500_000, 127_000_000_000L);

    /** Checks the bounds. */
    public NetworkSpec {
        Require.atLeast("syn_timeout", synTimeout, 1);
    }
}
