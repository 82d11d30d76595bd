package io.stagesim.scenario;

import io.stagesim.random.Distribution;
import io.stagesim.random.Lognormal;

/**
 * S3-like object storage, outside our machines: first-byte latency, transfer bandwidth (bytes per
 * second per transfer), request-rate limits per prefix (GETs and PUTs per second).
 */
public record ObjectStorageSpec(String name, Distribution firstByte, double bandwidth, double getLimit,
        double putLimit, ClientFront browsers) implements ServiceSpec {

    /** How long S3 keeps an idle connection open: about 20 s as its clients observe it (A.9). */
    public static final long KEEPALIVE = 20_000 * 1_000_000L;

    private static final long MS = 1_000_000L;

    /** Checks the bounds. */
    public ObjectStorageSpec {
        Require.present("first_byte", firstByte);
        Require.atLeast("bandwidth", bandwidth, 0);
        Require.atLeast("get_limit", getLimit, 0);
        Require.atLeast("put_limit", putLimit, 0);
        Require.present("browsers", browsers);
    }

    /** The browsers' connections to it (static files, direct uploads): HTTPS over HTTP/1.1 with keep-alive (A.9). */
    @Override
    public ClientFront clientFront() {
        return browsers;
    }

    @Override
    public String host() {
        return null;
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.OBJECT_STORAGE;
    }

    @Override
    public long memory() {
        return 0; // none of our hosts
    }

    static ObjectStorageSpec bind(String name, String host, int cores, Fields f) {
        return new ObjectStorageSpec(name,
                f.distribution("first_byte", Lognormal.ofMeanP99(70 * MS, 250 * MS)), // A.9
                f.size("bandwidth", 100_000_000L), // bytes per second per transfer
                f.rate("get_limit", 5500), f.rate("put_limit", 3500), // A.9 per prefix
                ClientFront.origin(f, false, false, KEEPALIVE)); // A.9: TLS 1.3, HTTP/1.1 only
    }
}
