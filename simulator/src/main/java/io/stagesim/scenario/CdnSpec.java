package io.stagesim.scenario;

import java.util.List;

/**
 * A CDN (CloudFront-like) in front of the static files, outside our machines: browsers reach an edge
 * {@code edgeRtt} away (their {@code static_from}); a share {@code hitRatio} of requests is served
 * from the edge's cache, the rest fetched from {@code origin} (an object_storage or a proxy serving
 * static files) {@code originRtt} away; either way the edge sends the file at {@code bandwidth}
 * bytes per second per transfer. Defaults: calibration A.21.
 */
public record CdnSpec(String name, String origin, double hitRatio, long edgeRtt, long originRtt, double bandwidth,
        ClientFront browsers) implements ServiceSpec {

    /** How long the edge keeps a browser's idle connection open: 60 s, an estimate (A.21). */
    public static final long KEEPALIVE = 60_000 * 1_000_000L;

    private static final long MS = 1_000_000L;

    /** Checks the bounds. */
    public CdnSpec {
        Require.present("origin", origin);
        Require.fraction("hit_ratio", hitRatio);
        Require.atLeast("edge_rtt", edgeRtt, 0);
        Require.atLeast("origin_rtt", originRtt, 0);
        Require.atLeast("bandwidth", bandwidth, 0);
        Require.present("browsers", browsers);
    }

    /** The browsers' connections to the edge: HTTPS, HTTP/2 by default (CloudFront's), with keep-alive (A.21). */
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
        return ServiceKind.CDN;
    }

    @Override
    public long memory() {
        return 0; // none of our hosts
    }

    @Override
    public Routes routes() {
        return new Routes("origin", List.of(origin));
    }

    @Override
    public String explainStatic() {
        return "CDN: " + Math.round(hitRatio * 1000) / 10.0 + " % served at an edge " + Units.formatDuration(edgeRtt)
                + " away, misses from " + origin + " " + Units.formatDuration(originRtt) + " further";
    }

    static CdnSpec bind(String name, String host, int cores, Fields f) {
        String origin = f.required("origin");
        return new CdnSpec(name, origin == null ? "" : origin, // missing: a problem already
                f.fraction("hit_ratio", 0.9), // A.21: estimate for long-lived static files
                f.duration("edge_rtt", 20 * MS), // A.21: estimate, a metro edge
                f.duration("origin_rtt", 30 * MS), // A.21: estimate, edge to the origin's region
                f.size("bandwidth", 100_000_000L), // A.21: bytes per second per transfer, as A.9
                ClientFront.origin(f, true, true, KEEPALIVE)); // A.21: TLS 1.3, HTTP/2 on by default
    }
}
