package io.stagesim.scenario;

import io.stagesim.random.Constant;
import io.stagesim.random.Distribution;
import java.util.List;

/**
 * TLS where the browsers' connections end (a proxy, a managed balancer): the protocol version, which
 * sets the handshake's round trips, the share of page views whose first connection resumes an
 * earlier session ({@code resumption}), and the server's CPU for a full and for a resumed handshake.
 * A page view's later connections resume with the session its first one got (NGINX sends session
 * tickets by default).
 */
public record TlsSpec(String version, double resumption, Distribution handshakeCpu, Distribution resumedCpu) {

    private static final long US = 1_000L;
    /** The values {@code tls} takes: off, on (the newest version), or a version. */
    public static final List<String> CHOICES = List.of("false", "true", "1.2", "1.3");
    /** The versions modelled. */
    public static final List<String> VERSIONS = List.of("1.2", "1.3");

    /** Checks the bounds. */
    public TlsSpec {
        Require.oneOf("tls", version, VERSIONS);
        Require.fraction("tls_resumption", resumption);
        Require.present("tls_handshake_cpu", handshakeCpu);
        Require.present("tls_resumed_cpu", resumedCpu);
    }

    /**
     * Round trips a full handshake adds to a new connection before its first request (the TCP
     * handshake's own is not counted): TLS 1.2 two, TLS 1.3 one (RFC 5246, RFC 8446).
     */
    public int fullRoundTrips() {
        return "1.2".equals(version) ? 2 : 1;
    }

    /**
     * Round trips a resumed handshake adds: one in both versions (TLS 1.2's abbreviated handshake;
     * TLS 1.3's PSK handshake without early data, which NGINX leaves off: {@code ssl_early_data off}).
     */
    public int resumedRoundTrips() {
        return 1;
    }

    /**
     * {@code tls: true | false | '1.2' | '1.3'} with {@code tls_resumption}, {@code tls_handshake_cpu}
     * and {@code tls_resumed_cpu}: null when TLS is off. The old {@code new_connection_share} is refused
     * with what replaced it.
     */
    static TlsSpec bind(Fields f) {
        if (f.has("new_connection_share")) {
            f.problem("new_connection_share", "TLS is now charged per new client connection, not per share of"
                    + " requests: remove new_connection_share; the browser's 'connection_reuse' says how many page"
                    + " views find their connections open, and 'tls_resumption' how many resume a session");
        }
        String choice = f.choice("tls", "false", CHOICES);
        String version = "true".equals(choice) ? "1.3" : choice; // A.5: ssl_protocols TLSv1.2 TLSv1.3, browsers take 1.3
        double resumption = f.fraction("tls_resumption", 0); // A.5: an estimate, every visitor new
        Distribution full = f.distribution("tls_handshake_cpu", new Constant(100 * US)); // A.5: ECDSA P-256 with X25519, an estimate
        Distribution resumed = f.distribution("tls_resumed_cpu", // A.5: 1.3 resumes with a key exchange, 1.2 without
                new Constant("1.2".equals(version) ? 20 * US : 70 * US));
        return "false".equals(version) ? null : new TlsSpec(version, resumption, full, resumed);
    }
}
