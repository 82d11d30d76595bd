package io.stagesim.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret a cluster's members share, and what is made of it: the Hazelcast cluster name (so a
 * member without the secret does not even join by accident) and an HMAC-SHA256 signature on every
 * work item and every result (so a member or client that knows the cluster name but not the
 * secret gets no work run and cannot pass off a result). Each use has its own label, so that a
 * signed result can never be taken for a signed item.
 */
public final class ClusterSecret {

    /** Shortest secret accepted, in bytes. */
    public static final int MIN_BYTES = 16;

    /** Bytes of an HMAC-SHA256 signature. */
    static final int SIGNATURE_BYTES = 32;

    private final byte[] key;

    private ClusterSecret(byte[] key) {
        this.key = key;
    }

    /** The secret from its bytes (at least {@link #MIN_BYTES}); an IllegalArgumentException says why not. */
    public static ClusterSecret of(byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("the cluster secret must be at least " + MIN_BYTES + " bytes, was "
                    + secret.length + " (e.g. the output of 'openssl rand -hex 32')");
        }
        return new ClusterSecret(hmac(secret, "stagesim cluster key".getBytes(StandardCharsets.UTF_8)));
    }

    /** The Hazelcast cluster name for {@code name}: the name, a dash and 16 hex digits only the secret gives. */
    public String clusterName(String name) {
        return name + "-" + HexFormat.of().formatHex(mac("cluster name", name.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    /** {@code payload} followed by its signature for {@code label} (such as "item" or "result"). */
    public byte[] sign(String label, byte[] payload) {
        byte[] out = Arrays.copyOf(payload, payload.length + SIGNATURE_BYTES);
        System.arraycopy(mac(label, payload), 0, out, payload.length, SIGNATURE_BYTES);
        return out;
    }

    /**
     * The payload of {@code signed} when its signature for {@code label} is right; a
     * SecurityException otherwise (compared in constant time).
     */
    public byte[] open(String label, byte[] signed) {
        if (signed == null || signed.length < SIGNATURE_BYTES) {
            throw new SecurityException("unsigned " + label);
        }
        byte[] payload = Arrays.copyOf(signed, signed.length - SIGNATURE_BYTES);
        byte[] given = Arrays.copyOfRange(signed, payload.length, signed.length);
        if (!MessageDigest.isEqual(given, mac(label, payload))) {
            throw new SecurityException(label + " signed with another secret");
        }
        return payload;
    }

    private byte[] mac(String label, byte[] payload) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            m.update(label.getBytes(StandardCharsets.UTF_8));
            m.update((byte) 0);
            return m.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }
}
